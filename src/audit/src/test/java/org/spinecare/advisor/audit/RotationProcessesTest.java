package org.spinecare.advisor.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Several processes, each with its own trail on one base file, writing one rotating trail. */
class RotationProcessesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    // A record is one to two KiB: a segment closes every two to four records, so rotations collide often.
    private static final long SMALL = 4096;

    @Test
    @Timeout(value = 170, unit = TimeUnit.SECONDS)
    @DisplayName("Given four processes appending to one trail rotating at 4 KiB, when they are done, then the "
            + "trail verifies whole, every segment is under its head, and every reported record is there once")
    void fourProcessesShareOneRotatingTrail(@TempDir Path dir) throws Exception {
        // Given four child JVMs appending 100 records each to one trail rotating by size, started together
        Path file = dir.resolve("trail.jsonl");
        List<Child> children = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            children.add(Child.start(file, 100, SMALL));
        }
        // When they have all finished
        List<String> reported = new ArrayList<>();
        for (Child child : children) {
            reported.addAll(child.finish());
        }
        // Then the trail verifies as one sequence with the public key and the audit key
        TrailVerifier.Result result = verified(dir);
        assertEquals(400, reported.size());
        assertEquals(reported.size(), result.records());
        // And every segment, the live one too, has a head that covers its last record
        Map<Path, Long> segments = lastSeqs(file);
        assertTrue(segments.size() > 20, "only " + segments.size() + " segments: the trail hardly rotated");
        segments.forEach((segment, lastSeq) -> {
            AuditHead head = AuditFixtures.head(segment);
            assertTrue(head != null && head.records() == lastSeq, segment.getFileName() + " ends at record "
                    + lastSeq + " but its head is " + (head == null ? "missing" : "at " + head.records()));
        });
        // And every reported request id is in the trail exactly once
        Map<String, Integer> counts = requestIdCounts(file);
        for (String id : reported) {
            assertEquals(1, counts.getOrDefault(id, 0), "request " + id);
        }
    }

    @Test
    @Timeout(value = 170, unit = TimeUnit.SECONDS)
    @DisplayName("Given three processes on one rotating trail, when one is killed while appending, then the others "
            + "go on and the trail verifies whole with every record any of them reported")
    void aWriterKilledAmongOthersLosesNothingReported(@TempDir Path dir) throws Exception {
        // Given a child appending for ever and two appending 60 records each, on one trail rotating at 4 KiB
        Path file = dir.resolve("trail.jsonl");
        Child endless = Child.start(file, Integer.MAX_VALUE, SMALL);
        List<String> endlessIds = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch twenty = new CountDownLatch(20);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(endless.process().getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.matches("[0-9a-f-]{36}")) {
                        endlessIds.add(line);
                        twenty.countDown();
                    }
                }
            } catch (IOException e) {
                // Killed: what was read is what it reported.
            }
        });
        reader.start();
        List<Child> others = List.of(Child.start(file, 60, SMALL), Child.start(file, 60, SMALL));
        // When the endless one is killed once it has reported twenty records
        assertTrue(twenty.await(60, TimeUnit.SECONDS), "the endless child did not get going");
        endless.process().destroyForcibly().waitFor();
        reader.join();
        List<String> reported = new ArrayList<>(endlessIds);
        for (Child child : others) {
            reported.addAll(child.finish());
        }
        // Then the trail opens (a torn line of the killed one removed), verifies, and holds every reported record once
        rotating(file).close();
        TrailVerifier.Result result = verified(dir);
        Map<String, Integer> counts = requestIdCounts(file);
        for (String id : reported) {
            assertEquals(1, counts.getOrDefault(id, 0), "request " + id);
        }
        assertTrue(reported.size() >= 140, reported.size() + " reported");
        // And no record is there twice (the killed one's unreported last record may be there once)
        assertEquals(result.records(), counts.size());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    @DisplayName("Given an open trail left idle while another process rotates it several times, when it records, "
            + "then the record goes to the newest segment, chained on, and the trail verifies")
    void anIdleTrailFollowsRotationsByAnotherProcess(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("trail.jsonl");
        try (JsonLinesAuditTrail trail = rotating(file)) {
            trail.record(AuditFixtures.entry("before", 1));
            // Given another process that rotates the trail while this one stays open and idle
            List<String> theirs = Child.start(file, 12, SMALL).finish();
            long newest = Segments.present(file).lastKey();
            assertTrue(newest >= 2, "the other process rotated only " + newest + " times");
            // When this trail records again
            trail.record(AuditFixtures.entry("after", 2));
            // Then the record is the last of the newest segment (or of one it started), after all of theirs
            long live = Segments.present(file).lastKey();
            assertTrue(live == newest || live == newest + 1, "segment " + live + " after " + newest);
            List<String> last = Files.readAllLines(Segments.numbered(file, live));
            JsonNode record = JSON.readTree(last.get(last.size() - 1));
            assertEquals(2 + theirs.size(), record.get("seq").asLong());
            assertEquals(14, trail.size());
        }
        TrailVerifier.Result result = verified(file);
        assertEquals(14, result.records());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    @DisplayName("Given a segment another process closed that now ends in a torn line, when an idle trail follows "
            + "the rotation, then it refuses and leaves the segment untouched: only a live segment is repaired")
    void aTornLineInASegmentClosedElsewhereIsNotRemoved(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("trail.jsonl");
        try (JsonLinesAuditTrail trail = rotating(file)) {
            trail.record(AuditFixtures.entry("before", 1));
            // Given another process that rotated past the first segment, which then had bytes appended
            Child.start(file, 12, SMALL).finish();
            Files.writeString(file, "{\"format\":2,\"seq\":", StandardOpenOption.APPEND);
            byte[] before = Files.readAllBytes(file);
            // When this trail records
            AuditException refused = assertThrows(AuditException.class,
                    () -> trail.record(AuditFixtures.entry("after", 2)));
            // Then it says the closed segment was altered, and the segment is as it was
            assertTrue(refused.getMessage().contains("closed audit segment " + file + " ends in a torn line"),
                    refused.getMessage());
            assertArrayEquals(before, Files.readAllBytes(file));
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    @DisplayName("Given another process filled the live segment past the size, when this trail records, then it "
            + "rotates first: the size rule holds for the trail, not for one process's view")
    void theRotationRuleIsDecidedOnTheTrailAsItIsNow(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("trail.jsonl");
        try (JsonLinesAuditTrail trail = rotating(file)) {
            trail.record(AuditFixtures.entry("first", 1));
            // Given another process that does not rotate and appends past the size to the live segment
            Child.start(file, 4, 0).finish();
            assertTrue(Files.size(file) > SMALL, "the other process wrote only " + Files.size(file) + " bytes");
            // When this trail records
            trail.record(AuditFixtures.entry("next", 2));
        }
        // Then its record starts a new segment, and the closed one is under a head covering all five records
        assertEquals(List.of(0L, 1L), List.copyOf(Segments.present(file).keySet()));
        assertEquals(1, Files.readAllLines(Segments.numbered(file, 1)).size());
        assertEquals(5, AuditFixtures.head(file).records());
        verified(file);
    }

    private static JsonLinesAuditTrail rotating(Path file) {
        return JsonLinesAuditTrail.builder(file, AuditFixtures.KEY).signer(AuditFixtures.SIGNER).rotateAtBytes(SMALL)
                .open();
    }

    /** The trail checked whole, with the public key and the audit key; it must verify. */
    private static TrailVerifier.Result verified(Path fileOrFolder) {
        TrailVerifier.Result result = TrailVerifier.verify(fileOrFolder, AuditFixtures.SIGNER.publicKey(),
                List.of(AuditFixtures.KEY), null);
        assertTrue(result.ok(), result.message());
        return result;
    }

    /** Every segment with the sequence number of its last record. */
    private static Map<Path, Long> lastSeqs(Path base) throws IOException {
        Map<Path, Long> seqs = new HashMap<>();
        for (Path segment : Segments.present(base).values()) {
            List<String> lines = Files.readAllLines(segment);
            if (!lines.isEmpty()) {
                seqs.put(segment, JSON.readTree(lines.get(lines.size() - 1)).get("seq").asLong());
            }
        }
        return seqs;
    }

    private static Map<String, Integer> requestIdCounts(Path base) throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        for (Path segment : Segments.present(base).values()) {
            for (String line : Files.readAllLines(segment)) {
                counts.merge(JSON.readTree(line).get("requestId").asText(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** A child JVM running {@link AuditAppenderMain}: appends, then reports each request id once it is durable. */
    private record Child(Process process) {
        static Child start(Path file, int records, long rotateAtBytes) throws IOException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                    System.getProperty("java.class.path"), AuditAppenderMain.class.getName(), file.toString(),
                    String.valueOf(records)));
            if (rotateAtBytes > 0) {
                command.add(String.valueOf(rotateAtBytes));
            }
            return new Child(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        }

        /** The request ids it reported, once it has exited successfully. */
        List<String> finish() throws IOException, InterruptedException {
            List<String> ids = new ArrayList<>();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (!line.startsWith("READY")) {
                        ids.add(line);
                    }
                }
            }
            assertTrue(process.waitFor(100, TimeUnit.SECONDS), "a child did not finish");
            assertEquals(0, process.exitValue(), "a child failed (its stderr is above)");
            return ids;
        }
    }
}
