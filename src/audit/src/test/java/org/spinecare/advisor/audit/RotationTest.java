package org.spinecare.advisor.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    // A record is one to two KiB: this closes a segment every two or three records.
    private static final long SMALL = 3000;

    @Test
    @DisplayName("Given rotation by size, when eight threads append at once, then the segments form one chain")
    void rotationBySizeUnderConcurrentAppendsKeepsOneChain(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("trail.jsonl");
        int threads = 8;
        int each = 15;
        try (JsonLinesAuditTrail trail = JsonLinesAuditTrail.builder(file, AuditFixtures.KEY)
                .signer(AuditFixtures.SIGNER).rotateAtBytes(SMALL).open()) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        trail.record(AuditFixtures.entry("p-" + thread + "-" + i, i));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
        }
        List<Path> files = new ArrayList<>(Segments.present(file).values());
        assertTrue(files.size() > 10, "only " + files.size() + " files");
        String previousLast = Digests.GENESIS;
        long seq = 0;
        for (Path segment : files) {
            List<String> lines = Files.readAllLines(segment);
            assertFalse(lines.isEmpty(), segment + " is empty");
            assertEquals(previousLast, field(lines.get(0), "prevHash"), segment + " does not chain on");
            previousLast = field(lines.get(lines.size() - 1), "hash");
            seq += lines.size();
            assertTrue(Files.size(segment) < SMALL + 4096, segment + " grew past one record over the size");
        }
        assertEquals(threads * each, seq);
        TrailVerifier.Result result = TrailVerifier.verify(dir, AuditFixtures.SIGNER.publicKey(),
                List.of(AuditFixtures.KEY), null);
        assertTrue(result.ok(), result.message());
        assertEquals(threads * each, result.records());
        assertEquals(files, result.files());
    }

    @Test
    @DisplayName("Given a rotated trail, when it is reopened, then it appends to its live segment, chained on")
    void reopeningContinuesTheLiveSegment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("trail.jsonl");
        write(file, 6);
        int before = Segments.present(file).size();
        try (JsonLinesAuditTrail trail = JsonLinesAuditTrail.open(file, AuditFixtures.KEY, AuditFixtures.SIGNER,
                w -> { }, h -> { })) {
            assertEquals(6, trail.size());
            trail.record(AuditFixtures.entry("later", 99));
        }
        assertEquals(before, Segments.present(file).size());
        TrailVerifier.Result result = TrailVerifier.verify(file, AuditFixtures.SIGNER.publicKey(), List.of(), null);
        assertTrue(result.ok(), result.message());
        assertEquals(7, result.records());
    }

    @Test
    @DisplayName("Given daily rotation, when the UTC day changes, then the next record starts a new segment")
    void dailyRotationStartsASegmentOnANewDay(@TempDir Path dir) {
        Path file = dir.resolve("trail.jsonl");
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T23:59:00Z"));
        try (JsonLinesAuditTrail trail = JsonLinesAuditTrail.builder(file, AuditFixtures.KEY).rotateDaily()
                .clock(clock).open()) {
            trail.record(AuditFixtures.entry("a", 1));
            trail.record(AuditFixtures.entry("b", 2));
            clock.now = Instant.parse("2026-11-24T00:00:01Z");
            trail.record(AuditFixtures.entry("c", 3));
        }
        assertTrue(Files.exists(Segments.numbered(file, 1)));
        assertFalse(Files.exists(Segments.numbered(file, 2)));
        assertTrue(TrailVerifier.verify(file, null, List.of(), null).ok());
    }

    @Test
    @DisplayName("Given a missing middle segment, when the trail is verified, then the gap is named by file and record")
    void aMissingMiddleSegmentIsReported(@TempDir Path dir) throws Exception {
        Path file = write(dir.resolve("trail.jsonl"), 8);
        Files.delete(Segments.numbered(file, 1));
        TrailVerifier.Result result = TrailVerifier.verify(dir, AuditFixtures.SIGNER.publicKey(), List.of(), null);
        assertFalse(result.ok());
        assertEquals("trail-000002.jsonl", result.badFile().getFileName().toString());
        assertEquals(1, result.badLine());
        assertTrue(result.message().startsWith("trail-000002.jsonl record 1: segment trail-000001.jsonl is missing"),
                result.message());
    }

    @Test
    @DisplayName("Given two swapped segments, when the trail is verified, then the first out of place is reported")
    void swappedSegmentsAreReported(@TempDir Path dir) throws Exception {
        Path file = write(dir.resolve("trail.jsonl"), 8);
        swap(Segments.numbered(file, 1), Segments.numbered(file, 2));
        swap(HeadFile.besideAuditFile(Segments.numbered(file, 1)), HeadFile.besideAuditFile(Segments.numbered(file, 2)));
        TrailVerifier.Result result = TrailVerifier.verify(file, AuditFixtures.SIGNER.publicKey(), List.of(), null);
        assertFalse(result.ok());
        assertEquals(Segments.numbered(file, 1), result.badFile());
        assertEquals(1, result.badLine());
        assertTrue(result.message().contains("sequence number"), result.message());
    }

    @Test
    @DisplayName("Given a segment whose first prevHash was edited, when the trail is verified, then that record is named")
    void anEditedFirstPrevHashIsReported(@TempDir Path dir) throws Exception {
        Path file = write(dir.resolve("trail.jsonl"), 8);
        Path second = Segments.numbered(file, 2);
        List<String> lines = new ArrayList<>(Files.readAllLines(second));
        String prev = field(lines.get(0), "prevHash");
        lines.set(0, lines.get(0).replace(prev, "0".repeat(64)));
        Files.write(second, lines);
        TrailVerifier.Result result = TrailVerifier.verify(file, null, List.of(), null);
        assertFalse(result.ok());
        assertEquals(second, result.badFile());
        assertEquals(1, result.badLine());
    }

    @Test
    @DisplayName("Given archived older segments, when verified, then it fails unless told where the sequence starts")
    void archivedSegmentsAreNeverSkippedSilently(@TempDir Path dir) throws Exception {
        Path file = write(dir.resolve("trail.jsonl"), 8);
        Files.delete(file);
        Files.delete(HeadFile.besideAuditFile(file));
        AuditException refused = assertThrows(AuditException.class,
                () -> TrailVerifier.verify(dir, AuditFixtures.SIGNER.publicKey(), List.of(), null));
        assertTrue(refused.getMessage().contains("--from-segment 1"), refused.getMessage());
        TrailVerifier.Result result = TrailVerifier.verify(dir, AuditFixtures.SIGNER.publicKey(), List.of(), 1L);
        assertTrue(result.ok(), result.message());
        assertTrue(result.message().startsWith("OK, 7 records in 7 files; the sequence starts at segment "
                + "trail-000001.jsonl with record 2 "), result.message());
        // And the writer goes on from the archived state, saying so
        List<String> warnings = new ArrayList<>();
        try (JsonLinesAuditTrail trail = JsonLinesAuditTrail.open(file, AuditFixtures.KEY, AuditFixtures.SIGNER,
                warnings::add, h -> { })) {
            trail.record(AuditFixtures.entry("after-archive", 50));
        }
        assertFalse(Files.exists(file), "the archived first segment was created again");
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(TrailVerifier.verify(dir, AuditFixtures.SIGNER.publicKey(), List.of(), 1L).ok());
    }

    @Test
    @DisplayName("Given a crash right after a new segment was created, when reopened, then it verifies and goes on")
    void anEmptyNewSegmentLeftByACrashOpensAndVerifies(@TempDir Path dir) throws Exception {
        Path file = write(dir.resolve("trail.jsonl"), 5);
        long last = Segments.present(file).lastKey();
        Files.createFile(Segments.numbered(file, last + 1));
        assertTrue(TrailVerifier.verify(file, AuditFixtures.SIGNER.publicKey(), List.of(), null).ok());
        try (JsonLinesAuditTrail trail = JsonLinesAuditTrail.builder(file, AuditFixtures.KEY)
                .signer(AuditFixtures.SIGNER).rotateAtBytes(SMALL).open()) {
            trail.record(AuditFixtures.entry("after-crash", 7));
        }
        TrailVerifier.Result result = TrailVerifier.verify(file, AuditFixtures.SIGNER.publicKey(), List.of(), null);
        assertTrue(result.ok(), result.message());
        assertEquals(6, result.records());
    }

    private static Path write(Path file, int n) {
        try (JsonLinesAuditTrail trail = JsonLinesAuditTrail.builder(file, AuditFixtures.KEY)
                .signer(AuditFixtures.SIGNER).rotateAtBytes(1).open()) {
            for (int i = 0; i < n; i++) {
                trail.record(AuditFixtures.entry("patient-" + i, i));
            }
        }
        return file;
    }

    private static void swap(Path a, Path b) throws Exception {
        Path t = a.resolveSibling("swap.tmp");
        Files.move(a, t);
        Files.move(b, a);
        Files.move(t, b, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String field(String line, String name) throws Exception {
        return JSON.readTree(line).get(name).asText();
    }

    private static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
