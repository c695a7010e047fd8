package org.spinecare.advisor.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecare.advisor.AuditEntry;
import org.spinecare.advisor.audit.AuditVerifier.Verification;

class AuditConcurrencyTest {
    private static final int THREADS = 8;
    private static final int PER_THREAD = 1250;

    @Test
    void eight_threads_appending_ten_thousand_records_give_one_valid_chain_with_every_record(@TempDir Path dir)
            throws Exception {
        // Given one trail shared by eight threads that start together
        Path file = dir.resolve("concurrent.jsonl");
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<UUID>>> results = new ArrayList<>();
        long began = System.nanoTime();
        try (JsonLinesAuditTrail trail = JsonLinesAuditTrail.open(file, AuditFixtures.KEY)) {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    List<UUID> mine = new ArrayList<>(PER_THREAD);
                    for (int i = 0; i < PER_THREAD; i++) {
                        AuditEntry entry = AuditFixtures.entry("t" + thread + "-" + i, i);
                        trail.record(entry);
                        mine.add(entry.requestId());
                    }
                    return mine;
                }));
            }
            // When they all append at once
            start.countDown();
            for (Future<List<UUID>> result : results) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long millis = (System.nanoTime() - began) / 1_000_000;
        // Then the file is one valid chain holding every record, each thread's in the order it appended them
        Map<UUID, Long> seqById = new HashMap<>();
        long verifying = System.nanoTime();
        Verification v = AuditVerifier.verify(file, r -> seqById.put(r.requestId(), r.seq()));
        long verifyMillis = (System.nanoTime() - verifying) / 1_000_000;
        assertEquals("OK, " + THREADS * PER_THREAD + " records", v.message());
        for (Future<List<UUID>> result : results) {
            long previous = 0;
            for (UUID id : result.get()) {
                Long seq = seqById.get(id);
                assertTrue(seq != null && seq > previous, "record " + id + " missing or out of order");
                previous = seq;
            }
        }
        System.out.println("AuditConcurrencyTest: " + THREADS * PER_THREAD + " records by " + THREADS
                + " threads in " + millis + " ms; verified in " + verifyMillis + " ms");
    }
}
