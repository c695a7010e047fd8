package org.spinecare.advisor.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecare.advisor.audit.AuditVerifier.Verification;

/**
 * A child JVM appends records for ever and prints each request id once {@code record} has returned; it is killed
 * with SIGKILL at random moments. After every kill the file must open (a torn tail is removed), verify, and hold
 * every record the child had reported. One file is reused across kills so each child starts on the last one's
 * remains. The default run kills 20 children (each a JVM start, the test's whole cost); {@code -Dspine.exhaustive=true}
 * kills 50, as the default did before issue 24.
 */
class AuditCrashTest {
    private static final int KILLS = Boolean.getBoolean("spine.exhaustive") ? 50 : 20;
    private static final long SEED = 20261124L;

    @Test
    void no_record_reported_as_written_is_lost_when_the_writer_is_killed_at_random_moments(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("crash.jsonl");
        Random random = new Random(SEED);
        Set<String> reported = new HashSet<>();
        int tornTails = 0;
        int killedBeforeReady = 0;
        long began = System.nanoTime();
        for (int kill = 1; kill <= KILLS; kill++) {
            // Given a child appending in a loop
            Process child = new ProcessBuilder(javaCommand(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                    AuditAppenderMain.class.getName(), file.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            Reader reader = new Reader(child);
            reader.start();
            // When it is killed: usually while appending, sometimes while it is still starting or opening the file
            if (random.nextInt(6) == 0) {
                Thread.sleep(random.nextInt(700));
                if (!reader.ready.await(0, TimeUnit.MILLISECONDS)) {
                    killedBeforeReady++;
                }
            } else {
                // Waiting for the first reported record, not just READY, keeps the kill inside the append loop on a
                // loaded machine, where the first fsync can take longer than the whole random delay.
                assertTrue(reader.appending.await(30, TimeUnit.SECONDS), "the child did not start appending");
                Thread.sleep(random.nextInt(150));
            }
            child.destroyForcibly();
            child.waitFor();
            reader.join();
            reported.addAll(reader.ids);
            // Then the file opens (removing at most a torn tail), verifies, and holds every reported record
            List<String> warnings = new ArrayList<>();
            JsonLinesAuditTrail.open(file, AuditFixtures.KEY, AuditFixtures.SIGNER, warnings::add, h -> { }).close();
            tornTails += warnings.size();
            Set<String> present = new HashSet<>();
            Verification v = AuditVerifier.verify(file, r -> present.add(r.requestId().toString()));
            assertTrue(v.ok(), "after kill " + kill + ": " + v.message());
            AuditHead head = AuditFixtures.head(file);
            if (head != null) {
                // And the signed head never claims more than the file holds
                Verification signed = AuditVerifier.verify(file, head, AuditFixtures.SIGNER.publicKey());
                assertTrue(signed.ok(), "after kill " + kill + ": " + signed.message());
            }
            Set<String> lost = new HashSet<>(reported);
            lost.removeAll(present);
            assertTrue(lost.isEmpty(), "after kill " + kill + ", reported but lost: " + lost);
        }
        assertTrue(reported.size() > KILLS, "the children reported only " + reported.size() + " records");
        System.out.println("AuditCrashTest: " + KILLS + " kills (" + killedBeforeReady + " before the child was "
                + "ready), " + reported.size() + " records reported and kept, " + tornTails
                + " torn tails removed, " + (System.nanoTime() - began) / 1_000_000 + " ms");
    }

    @Test
    void two_processes_appending_to_one_file_at_once_give_one_valid_chain(@TempDir Path dir) throws Exception {
        // Given two child JVMs appending 300 records each to the same file at the same time
        Path file = dir.resolve("shared.jsonl");
        List<Process> children = new ArrayList<>();
        List<Reader> readers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Process child = new ProcessBuilder(javaCommand(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"), AuditAppenderMain.class.getName(),
                    file.toString(), "300").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            Reader reader = new Reader(child);
            reader.start();
            children.add(child);
            readers.add(reader);
        }
        for (int i = 0; i < 2; i++) {
            assertTrue(children.get(i).waitFor(60, TimeUnit.SECONDS), "a child did not finish");
            readers.get(i).join();
        }
        // Then the file is one chain holding all 600 reported records
        Set<String> present = new HashSet<>();
        Verification v = AuditVerifier.verify(file, r -> present.add(r.requestId().toString()));
        assertEquals("OK, 600 records", v.message());
        // And the last head written covers them all: heads only move forward, across processes too
        Verification signed = AuditVerifier.verify(file, AuditFixtures.head(file), AuditFixtures.SIGNER.publicKey());
        assertTrue(signed.message().startsWith("OK, 600 records, 600 under the signed head"), signed.message());
        for (Reader reader : readers) {
            assertEquals(300, reader.ids.size());
            assertTrue(present.containsAll(reader.ids));
        }
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Collects the ids the child printed; a line cut by the kill is not a whole id and is not counted. */
    private static final class Reader extends Thread {
        final CountDownLatch ready = new CountDownLatch(1);
        final CountDownLatch appending = new CountDownLatch(1);
        final List<String> ids = new ArrayList<>();
        private final Process child;

        Reader(Process child) {
            this.child = child;
            setDaemon(true);
        }

        @Override
        public void run() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("READY")) {
                        ready.countDown();
                    } else if (line.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
                        ids.add(line);
                        appending.countDown();
                    }
                }
            } catch (IOException e) {
                // The pipe closes when the child dies; what was read so far is what it reported.
            }
        }
    }
}
