package org.spinecare.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * One advisor shared by many threads gives each patient exactly the answer that patient gets alone: sessions,
 * listeners and recorders are per call, so concurrent patients cannot mix. Eight threads on two cores interleave on
 * every call whatever the count; the default run's 3,000 patients (24,000 concurrent calls) keep it quick, and
 * {@code -Dspine.exhaustive=true} runs the earlier default's 10,000 (80,000 concurrent calls).
 */
class ConcurrencyTest {
    private static final int THREADS = 8;
    private static final int PER_THREAD = Boolean.getBoolean("spine.exhaustive") ? 10_000 : 3_000;

    @Test
    void eight_threads_assessing_the_same_patients_match_the_single_threaded_results_exactly() throws Exception {
        // Given 3,000 generated patients (10,000 with the flag) and the answer each gets on one thread
        SpineAdvisor advisor = SpineAdvisor.create();
        SplittableRandom random = new SplittableRandom(ClinicalInvariantsTest.SEED + 8);
        List<PatientFacts> patients = new ArrayList<>(PER_THREAD);
        for (int i = 0; i < PER_THREAD; i++) {
            patients.add(FactsGenerator.random(random));
        }
        long start = System.nanoTime();
        List<Assessment> alone = new ArrayList<>(PER_THREAD);
        List<String> brokenGates = new ArrayList<>();
        for (PatientFacts patient : patients) {
            Assessment assessment = advisor.assess(patient);
            alone.add(assessment);
            WholeAnswerInvariants.violations(patient, assessment).forEach(brokenGates::add);
        }
        double singleSeconds = (System.nanoTime() - start) / 1e9;

        // When eight threads each assess all of them at once, every thread in its own shuffled order
        AtomicLong compared = new AtomicLong();
        AtomicLong mismatches = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<String> firstProblems = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            List<Integer> order = new ArrayList<>(PER_THREAD);
            for (int i = 0; i < PER_THREAD; i++) {
                order.add(i);
            }
            Collections.shuffle(order, new Random(t));
            workers.add(pool.submit(() -> {
                go.await();
                for (int i : order) {
                    try {
                        if (!advisor.assess(patients.get(i)).equals(alone.get(i))) {
                            mismatches.incrementAndGet();
                            note(firstProblems, "patient " + i + " got a different answer");
                        }
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                        note(firstProblems, "patient " + i + ": " + e);
                    }
                    compared.incrementAndGet();
                }
                return null;
            }));
        }
        start = System.nanoTime();
        go.countDown();
        for (Future<?> worker : workers) {
            worker.get();
        }
        double concurrentSeconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);

        // Then every answer is identical to the single-threaded one, with no errors
        System.out.printf("concurrency: %,d single-threaded assessments in %.1f s, %,d on %d threads in %.1f s; "
                + "%d mismatches, %d errors%n", PER_THREAD, singleSeconds, compared.get(), THREADS,
                concurrentSeconds, mismatches.get(), errors.get());
        assertEquals(List.of(), firstProblems);
        // And the answers they agree on keep the whole-answer gates
        assertEquals(List.of(), brokenGates.stream().limit(10).toList());
        assertEquals((long) THREADS * PER_THREAD, compared.get());
        assertEquals(0, mismatches.get());
        assertEquals(0, errors.get());
    }

    private static void note(List<String> problems, String problem) {
        if (problems.size() < 20) {
            problems.add(problem);
        }
    }
}
