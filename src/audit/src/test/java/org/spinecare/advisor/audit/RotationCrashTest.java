package org.spinecare.advisor.audit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer that rotates every two or three records, killed at random moments (so often during a rotation): the
 * trail must open, verify as one sequence and hold every record reported written. Bounded: a few kills.
 */
class RotationCrashTest {
    private static final int KILLS = 6;
    private static final long SEED = 20261124L;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void given_a_rotating_writer_killed_at_random_moments_when_reopened_then_the_trail_verifies_whole(
            @TempDir Path dir) throws Exception {
        Path file = dir.resolve("trail.jsonl");
        Random random = new Random(SEED);
        Set<String> reported = new HashSet<>();
        for (int kill = 1; kill <= KILLS; kill++) {
            // Given a child appending to a trail that rotates at 3000 bytes
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    AuditAppenderMain.class.getName(), file.toString(), String.valueOf(Long.MAX_VALUE), "3000")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            // Three reported records mean at least one rotation (records are about 1.3 kB): waiting for them, not
            // for READY, keeps every kill among appends and rotations on a loaded machine, where the first forces
            // can take longer than the whole random delay.
            CountDownLatch appended = new CountDownLatch(3);
            Set<String> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (!line.startsWith("READY")) {
                            ids.add(line);
                            appended.countDown();
                        }
                    }
                } catch (java.io.IOException ignored) {
                    // The child was killed: what was read is what it reported.
                }
            });
            reader.start();
            // When it is killed while appending and rotating
            assertTrue(appended.await(60, TimeUnit.SECONDS), "the child did not start appending");
            Thread.sleep(random.nextInt(200));
            child.destroyForcibly();
            child.waitFor();
            reader.join();
            reported.addAll(ids);
            // Then the trail opens (removing at most a torn tail) and verifies as one sequence
            JsonLinesAuditTrail.builder(file, AuditFixtures.KEY).signer(AuditFixtures.SIGNER).rotateAtBytes(3000)
                    .open().close();
            TrailVerifier.Result result = TrailVerifier.verify(file, AuditFixtures.SIGNER.publicKey(),
                    List.of(AuditFixtures.KEY), null);
            assertTrue(result.ok(), "after kill " + kill + ": " + result.message());
            // And holds every record the child reported
            Set<String> present = new HashSet<>();
            ObjectMapper json = new ObjectMapper();
            for (Path segment : Segments.present(file).values()) {
                for (String line : Files.readAllLines(segment)) {
                    present.add(json.readTree(line).get("requestId").asText());
                }
            }
            Set<String> lost = new HashSet<>(reported);
            lost.removeAll(present);
            assertTrue(lost.isEmpty(), "after kill " + kill + ", reported but lost: " + lost);
        }
        assertTrue(Segments.present(file).size() > KILLS, "the writer hardly rotated");
    }
}
