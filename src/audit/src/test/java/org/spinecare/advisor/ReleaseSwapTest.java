package org.spinecare.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecare.advisor.audit.AuditKey;
import org.spinecare.advisor.audit.AuditRecord;
import org.spinecare.advisor.audit.InMemoryAuditTrail;

class ReleaseSwapTest {
    private static final AuditKey KEY = AuditKey.fromHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
    private static KnowledgeRelease v1;
    private static KnowledgeRelease current;

    @BeforeAll
    static void loadReleases() {
        v1 = KnowledgeRelease.fromJar(Releases.v1());
        current = KnowledgeRelease.fromJar(Releases.current());
    }

    @Test
    @DisplayName("swapping back and forth under load loses no call, and each answer and audit record is exactly its release's")
    void swapUnderLoad() throws Exception {
        // Given patients both releases model, and each patient's answer from a dedicated advisor per release
        SplittableRandom random = new SplittableRandom(14);
        List<PatientFacts> patients = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            patients.add(v1.modelledPart(FactsGenerator.random(random)));
        }
        Map<KnowledgeBaseInfo, List<Assessment>> expected = new HashMap<>();
        for (KnowledgeRelease release : List.of(v1, current)) {
            try (SpineAdvisor alone = SpineAdvisor.builder().release(release).build()) {
                expected.put(release.info(), patients.stream().map(alone::assess).toList());
            }
        }
        InMemoryAuditTrail trail = new InMemoryAuditTrail(KEY);
        SpineAdvisor advisor = SpineAdvisor.builder().release(v1).auditTrail(trail).build();

        // When four threads assess without pause while the release is swapped twelve times
        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<KnowledgeBaseInfo> answeredBy = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int offset = t * 71;
            workers.add(pool.submit(() -> {
                for (int i = offset; running.get() || i < offset + 50; i++) {
                    int p = i % patients.size();
                    try {
                        Assessment answer = advisor.assess(patients.get(p));
                        answeredBy.add(answer.knowledgeBase());
                        if (!answer.equals(expected.get(answer.knowledgeBase()).get(p))) {
                            problems.add("patient " + p + " got an answer its release does not give");
                        }
                    } catch (RuntimeException e) {
                        problems.add("patient " + p + ": " + e);
                    }
                }
            }));
        }
        List<SwapResult> swaps = new ArrayList<>();
        for (int s = 0; s < 12; s++) {
            Thread.sleep(40);
            swaps.add(advisor.swap(s % 2 == 0 ? current : v1));
        }
        running.set(false);
        for (Future<?> worker : workers) {
            worker.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();

        // Then no call failed, both releases answered, every swap took, and the trail names the release of every answer
        assertEquals(List.of(), List.copyOf(problems));
        assertTrue(swaps.stream().allMatch(SwapResult::swapped), swaps.toString());
        assertEquals(Set.of(v1.info(), current.info()), Set.copyOf(answeredBy));
        List<AuditRecord> records = trail.records();
        assertEquals(answeredBy.size(), records.size());
        assertEquals(answeredBy.stream().filter(v1.info()::equals).count(),
                records.stream().filter(r -> r.knowledgeBase().equals(v1.info())).count());
        assertEquals(v1.info(), advisor.knowledgeBase());
        advisor.close();
    }

    @Test
    @DisplayName("a call already running when the release is swapped finishes on the release it started with")
    void runningCallKeepsItsRelease() throws Exception {
        // Given an advisor on 1.0.0 whose audit trail holds the first call until the swap is done
        CountDownLatch inCall = new CountDownLatch(1);
        CountDownLatch swapped = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        AuditTrail holding = entry -> {
            if (first.getAndSet(false)) {
                inCall.countDown();
                await(swapped);
            }
        };
        try (SpineAdvisor advisor = SpineAdvisor.builder().release(v1).auditTrail(holding).build()) {
            ExecutorService pool = Executors.newSingleThreadExecutor();
            Future<Assessment> running = pool.submit(() -> advisor.assess(PatientFacts.empty()));
            assertTrue(inCall.await(1, TimeUnit.MINUTES));

            // When the release is swapped while that call is running
            SwapResult result = advisor.swap(current);
            swapped.countDown();

            // Then the running call answers on 1.0.0 and the next call on the new release
            assertTrue(result.swapped());
            assertEquals(v1.info(), result.previous());
            assertEquals(v1.info(), running.get(1, TimeUnit.MINUTES).knowledgeBase());
            assertEquals(current.info(), advisor.assess(PatientFacts.empty()).knowledgeBase());
            pool.shutdown();
        }
    }

    @Test
    @DisplayName("a kjar whose rules were changed after it was built is refused and the live release keeps answering")
    void tamperedJarKeepsTheLiveRelease(@TempDir Path dir) throws IOException {
        // Given the 1.0.0 kjar with one rule file changed after its digest was recorded
        Path tampered = dir.resolve("spine-kjar-1.0.0.jar");
        Files.write(tampered, Releases.rewritten(Files.readAllBytes(Releases.v1()), "org/spinecare/kb/triage.drl",
                drl -> drl + "\n// changed after the build\n"));
        try (SpineAdvisor advisor = SpineAdvisor.builder().release(current).build()) {
            // When the advisor is asked to swap to it
            SwapResult result = advisor.swap(tampered);

            // Then it says why, and the release that was live still answers every call
            assertFalse(result.swapped());
            assertTrue(result.reason().contains("self-check failed: rule sources do not match the digest"),
                    result.reason());
            assertEquals(current.info(), result.live());
            assertEquals(current.info(), advisor.assess(PatientFacts.empty()).knowledgeBase());
        }
    }

    @Test
    @DisplayName("a release whose rule fails on a canary patient is refused and the live release keeps answering")
    void failingCanaryKeepsTheLiveRelease() {
        // Given a release that passes its self-check but whose rule throws when fever is present
        KnowledgeRelease faulty = KnowledgeRelease.of(FaultInjection.knowledgeBase(FaultInjection.SELF_CARE_TRIAGE,
                FaultInjection.NO_STENOSIS, FaultInjection.THROWS_ON_FEVER));
        try (SpineAdvisor advisor = SpineAdvisor.builder().release(current).build()) {
            // When the advisor is asked to swap to it
            SwapResult result = advisor.swap(faulty);

            // Then the swap is refused, naming the canary, and the live release still answers
            assertFalse(result.swapped());
            assertTrue(result.reason().startsWith("canary assessment failed: patient with FEVER present"),
                    result.reason());
            assertEquals(faulty.info(), result.offered());
            assertEquals(current.info(), advisor.assess(PatientFacts.empty()).knowledgeBase());
        }
    }

    @Test
    @DisplayName("a file that is not a kjar is refused with a one-line reason")
    void notAJarIsRefused(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("notes.jar"), "not a jar");
        try (SpineAdvisor advisor = SpineAdvisor.builder().release(current).build()) {
            SwapResult result = advisor.swap(text);
            assertFalse(result.swapped());
            assertFalse(result.reason().contains("\n"), result.reason());
            assertEquals(current.info(), advisor.knowledgeBase());
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
