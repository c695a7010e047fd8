package org.spinecare.advisor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecare.advisor.KnowledgeRelease;
import org.spinecare.advisor.Releases;
import org.spinecare.advisor.SpineJson;
import org.spinecare.advisor.audit.AuditRecord;

/** Swapping the release of the running server while clients call it, over real HTTP with real releases. */
class ServeSwapUnderLoadTest {
    private static final int CLIENTS = 4;

    @Test
    @DisplayName("Given clients calling without pause, swapping 1.0.0 and the current release back and forth loses "
            + "no call, each answer's source names the release whose cards it carries, and the audit trail agrees")
    void swapUnderConcurrentCalls(@TempDir Path releases) throws Exception {
        // Given the scenario patients as both releases model them, and each release's cards for each of them
        java.nio.file.Files.copy(Releases.v1(), releases.resolve("v1.jar"));
        java.nio.file.Files.copy(Releases.current(), releases.resolve("current.jar"));
        KnowledgeRelease v1 = KnowledgeRelease.fromJar(Releases.v1());
        List<String> bodies = new ArrayList<>();
        for (Scenarios.Patient patient : Scenarios.all()) {
            org.spinecare.advisor.PatientFacts facts = v1.modelledPart(SpineJson.readFacts(patient.factsJson()));
            if (!SilenceRule.silent(facts, null)) { // a silent answer has no card to name its release
                bodies.add(Prefetch.call("p-s", facts).toString());
            }
        }
        try (RunningService server = ReleaseAdminTest.start(releases, releases)) {
            Map<String, List<ConcurrencyTest.Content>> expected = new HashMap<>();
            for (String kjar : List.of("current.jar", "v1.jar")) {
                HttpResponse<String> swapped = ReleaseAdminTest.swap(server, kjar);
                assertEquals(200, swapped.statusCode(), swapped.body());
                for (int p = 0; p < bodies.size(); p++) {
                    HttpResponse<String> answer = call(server, bodies.get(p));
                    assertEquals(200, answer.statusCode(), kjar + " patient " + p + ": " + answer.body());
                    List<ConcurrencyTest.Content> cards = ConcurrencyTest.Content.of(ServiceCallTest.cards(answer));
                    expected.put(cards.get(0).label() + "#" + p, cards);
                }
            }

            // When clients call without pause while the release is swapped six times
            AtomicBoolean running = new AtomicBoolean(true);
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> answeredBy = new ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int offset = c * 13;
                clients.add(pool.submit(() -> {
                    for (int i = offset; running.get() || i < offset + 20; i++) {
                        int p = i % bodies.size();
                        try {
                            HttpResponse<String> answer = call(server, bodies.get(p));
                            if (answer.statusCode() != 200) {
                                problems.add("patient " + p + ": " + answer.statusCode() + " " + answer.body());
                                continue;
                            }
                            List<ConcurrencyTest.Content> cards = ConcurrencyTest.Content.of(
                                    ServiceCallTest.cards(answer));
                            String label = cards.get(0).label();
                            answeredBy.add(label);
                            if (cards.stream().anyMatch(card -> !card.label().equals(label))
                                    || !cards.equals(expected.get(label + "#" + p))) {
                                problems.add("patient " + p + " got cards its release (" + label + ") does not give");
                            }
                        } catch (Exception e) {
                            problems.add("patient " + p + ": " + e);
                        }
                    }
                }));
            }
            List<Integer> swaps = new ArrayList<>();
            for (int s = 0; s < 6; s++) {
                Thread.sleep(150);
                swaps.add(ReleaseAdminTest.swap(server, s % 2 == 0 ? "current.jar" : "v1.jar").statusCode());
            }
            running.set(false);
            for (Future<?> client : clients) {
                client.get(3, TimeUnit.MINUTES);
            }
            pool.shutdown();

            // Then every call was answered by one release, both answered, and the trail counts the same per release
            assertEquals(List.of(), List.copyOf(problems));
            assertEquals(List.of(200, 200, 200, 200, 200, 200), swaps);
            Map<String, Long> byLabel = answeredBy.stream().collect(Collectors.groupingBy(l -> l,
                    Collectors.counting()));
            assertEquals(2, byLabel.size(), byLabel.toString());
            Map<String, Long> recorded = server.audit.records().stream().skip(2L * bodies.size())
                    .collect(Collectors.groupingBy(ServeSwapUnderLoadTest::label, Collectors.counting()));
            assertEquals(byLabel, recorded);
            assertEquals(expected.keySet().stream().map(k -> k.substring(0, k.indexOf('#')))
                    .collect(Collectors.toSet()), byLabel.keySet());
        }
    }

    private static HttpResponse<String> call(RunningService server, String body) {
        return server.post(ServiceCallTest.PATH, body,
                ReleaseAdminTest.EHR.es384(server.url(ServiceCallTest.PATH)));
    }

    private static String label(AuditRecord record) {
        return CardFactory.label(record.knowledgeBase());
    }
}
