package org.spinecare.advisor.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileLockInterruptionException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecare.advisor.AuditEntry;

/**
 * Interrupting a thread inside channel I/O closes the channel for every thread. The trail must neither lose a
 * confirmed record nor stay broken: the next record reopens and re-checks the file.
 */
class AuditInterruptTest {
    @Test
    void an_already_interrupted_thread_is_refused_without_closing_the_file_for_others(@TempDir Path dir) {
        try (JsonLinesAuditTrail trail = JsonLinesAuditTrail.open(dir.resolve("a.jsonl"), AuditFixtures.KEY)) {
            Thread.currentThread().interrupt();
            try {
                assertThrows(AuditException.class, () -> trail.record(AuditFixtures.entry("p", 1)));
            } finally {
                Thread.interrupted();
            }
            trail.record(AuditFixtures.entry("p", 2));
            assertEquals(1, trail.size());
        }
    }

    @Test
    void threads_interrupted_at_random_moments_lose_no_confirmed_record_and_the_trail_recovers(@TempDir Path dir)
            throws Exception {
        // Given four threads appending while the main thread interrupts them at random
        Path file = dir.resolve("interrupted.jsonl");
        Set<UUID> confirmed = ConcurrentHashMap.newKeySet();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger channelClosed = new AtomicInteger();
        Random random = new Random(7);
        try (JsonLinesAuditTrail trail = JsonLinesAuditTrail.open(file, AuditFixtures.KEY)) {
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread worker = new Thread(() -> {
                    for (int i = 0; i < 250; i++) {
                        AuditEntry entry = AuditFixtures.entry("p" + i, i);
                        try {
                            trail.record(entry);
                            confirmed.add(entry.requestId());
                        } catch (AuditException e) {
                            refused.incrementAndGet();
                            if (e.getCause() instanceof ClosedChannelException
                                    || e.getCause() instanceof FileLockInterruptionException) {
                                channelClosed.incrementAndGet();
                            }
                        }
                        Thread.interrupted();
                    }
                });
                workers.add(worker);
                worker.start();
            }
            // When they are interrupted about every half millisecond
            while (workers.stream().anyMatch(Thread::isAlive)) {
                workers.get(random.nextInt(workers.size())).interrupt();
                Thread.sleep(0, random.nextInt(999_999));
            }
            for (Thread worker : workers) {
                worker.join();
            }
            // Then the trail still records
            trail.record(AuditFixtures.entry("after", 0));
        }
        // And the file verifies and holds every confirmed record
        Set<UUID> present = new HashSet<>();
        AuditVerifier.Verification v = AuditVerifier.verify(file, r -> present.add(r.requestId()));
        assertTrue(v.ok(), v.message());
        assertTrue(present.containsAll(confirmed), "confirmed records were lost");
        assertTrue(confirmed.size() > 0);
        System.out.println("AuditInterruptTest: " + confirmed.size() + " confirmed, " + refused.get()
                + " refused (" + channelClosed.get() + " with the channel closed by an interrupt), "
                + v.records() + " in the file");
    }
}
