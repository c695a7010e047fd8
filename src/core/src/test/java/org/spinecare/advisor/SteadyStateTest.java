package org.spinecare.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Many assessments in one JVM leave nothing behind: every session is disposed, so the heap after a full GC is the
 * same at the end of a long run as near its start. The default run's 50,000 assessments find a leak of about 40
 * bytes per assessment (5% of a heap of about 30 MiB over 45,000); {@code -Dspine.exhaustive=true} adds the 100,000 of
 * the earlier default and a million.
 */
class SteadyStateTest {
    private static final double MAX_GROWTH = 0.05;
    private static final int THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

    @Test
    void fifty_thousand_assessments_hold_a_steady_heap() throws Exception {
        run(50_000, 5_000);
    }

    @Test
    @EnabledIfSystemProperty(named = "spine.exhaustive", matches = "true")
    void a_hundred_thousand_assessments_hold_a_steady_heap() throws Exception {
        run(100_000, 10_000);
    }

    @Test
    @EnabledIfSystemProperty(named = "spine.exhaustive", matches = "true")
    void a_million_assessments_hold_a_steady_heap() throws Exception {
        run(1_000_000, 100_000);
    }

    /** Heap after GC at the end of the first window and at the end of the last one; growth under 5%. */
    private static void run(int total, int window) throws Exception {
        // Given one advisor and a stream of generated patients
        SpineAdvisor advisor = SpineAdvisor.create();
        LongAdder done = new LongAdder();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long start = System.nanoTime();
        long first = 0;
        long last = 0;
        try {
            // When they are assessed window by window
            for (int from = 0; from < total; from += window) {
                assessWindow(advisor, pool, from, window, done);
                if (from == 0) {
                    first = heapAfterFullGc();
                } else if (from + window >= total) {
                    last = heapAfterFullGc();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double growth = (double) (last - first) / first;
        System.out.printf("steady state: %,d assessments on %d threads in %.1f s; heap after full GC %.1f MiB after "
                        + "the first %,d, %.1f MiB after the last %,d: %+.2f%%%n", done.sum(), THREADS, seconds,
                first / 1048576.0, window, last / 1048576.0, window, growth * 100);
        // Then all ran, and the heap grew by less than 5%
        assertEquals(total, done.sum());
        assertTrue(growth < MAX_GROWTH, String.format("heap grew %.2f%% (%,d -> %,d bytes)", growth * 100, first, last));
    }

    private static void assessWindow(SpineAdvisor advisor, ExecutorService pool, int from, int size, LongAdder done)
            throws Exception {
        List<Future<?>> parts = new ArrayList<>();
        int share = (size + THREADS - 1) / THREADS;
        for (int t = 0; t < THREADS; t++) {
            int start = from + t * share;
            int end = Math.min(from + size, start + share);
            parts.add(pool.submit(() -> {
                SplittableRandom random = new SplittableRandom(ClinicalInvariantsTest.SEED + start);
                for (int i = start; i < end; i++) {
                    advisor.assess(FactsGenerator.random(random));
                    done.increment();
                }
                return null;
            }));
        }
        for (Future<?> part : parts) {
            part.get();
        }
    }

    /** Used heap after several full collections, the lowest reading: what is really retained. */
    static long heapAfterFullGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long lowest = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
            lowest = Math.min(lowest, memory.getHeapMemoryUsage().getUsed());
        }
        return lowest;
    }
}
