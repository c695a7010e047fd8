package org.spinecare.advisor.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLockWaitTest {
    @Test
    void a_writer_stopped_while_holding_the_lock_delays_others_for_a_bounded_time_and_is_named(@TempDir Path dir)
            throws Exception {
        // Given a file with a record, and another process that holds its lock and is then stopped (SIGSTOP)
        Path file = AuditFixtures.writeTrail(dir.resolve("a.jsonl"), 1);
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                LockHolderMain.class.getName(), file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String previous = System.getProperty(JsonLinesAuditTrail.LOCK_WAIT_PROPERTY);
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            assertEquals("LOCKED", out.readLine());
            assertEquals(0, new ProcessBuilder("kill", "-STOP", Long.toString(holder.pid())).start().waitFor());
            System.setProperty(JsonLinesAuditTrail.LOCK_WAIT_PROPERTY, "700");
            // When this process opens the file
            long began = System.nanoTime();
            AuditException e = assertThrows(AuditException.class,
                    () -> JsonLinesAuditTrail.open(file, AuditFixtures.KEY));
            long waitedMillis = (System.nanoTime() - began) / 1_000_000;
            // Then it gives up after the bounded wait, naming the process that holds the lock
            assertTrue(waitedMillis >= 700 && waitedMillis < 10_000, waitedMillis + " ms");
            assertTrue(e.getMessage().contains("locked by process " + holder.pid()), e.getMessage());
            assertTrue(e.getMessage().contains("for more than 700 ms"), e.getMessage());
        } finally {
            if (previous == null) {
                System.clearProperty(JsonLinesAuditTrail.LOCK_WAIT_PROPERTY);
            } else {
                System.setProperty(JsonLinesAuditTrail.LOCK_WAIT_PROPERTY, previous);
            }
            holder.destroyForcibly();
            new ProcessBuilder("kill", "-CONT", Long.toString(holder.pid())).start().waitFor();
            holder.waitFor();
        }
        // And once the holder is gone the file opens and takes records again
        try (JsonLinesAuditTrail trail = JsonLinesAuditTrail.open(file, AuditFixtures.KEY)) {
            trail.record(AuditFixtures.entry("p", 2));
        }
        assertEquals("OK, 2 records", AuditVerifier.verify(file).message());
    }
}
