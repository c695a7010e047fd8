package org.spinecare.advisor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.spinecare.advisor.SpineJson;

/** Many clients at once get exactly the answers one client gets alone. */
class ConcurrencyTest {
    private static final int CLIENTS = 8;
    /**
     * 500 keeps the module's tests within their time budget on a shared 2-core machine (8 x 2,000 took 121 s
     * there); -Dcds.concurrency.calls=2000 runs the full 8 x 2,000.
     */
    private static final int CALLS_PER_CLIENT = Integer.getInteger("cds.concurrency.calls", 500);

    /** A card without its uuid, which is new on every call. */
    record Content(String indicator, String summary, String detail, String label) {
        static List<Content> of(List<Card> cards) {
            return cards.stream().map(c -> new Content(c.indicator(), c.summary(), c.detail(), c.source().label()))
                    .toList();
        }
    }

    @Test
    @DisplayName("Given 8 clients making many calls each over the scenario patients, every call is answered with "
            + "the cards a single client got for that patient")
    void concurrentAnswersEqualSingleThreadedOnes() throws Exception {
        try (RunningService server = RunningService.development()) {
            List<String> bodies = new ArrayList<>();
            List<List<Content>> expected = new ArrayList<>();
            for (Scenarios.Patient patient : Scenarios.all()) {
                String body = Prefetch.call("p-c", SpineJson.readFacts(patient.factsJson())).toString();
                bodies.add(body);
                expected.add(Content.of(ServiceCallTest.cards(server.post(ServiceCallTest.PATH, body, null))));
            }
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            try {
                List<Future<Integer>> clients = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    clients.add(pool.submit(() -> {
                        int answered = 0;
                        for (int i = 0; i < CALLS_PER_CLIENT; i++) {
                            int patient = (client * 7919 + i) % bodies.size();
                            HttpResponse<String> response = server.post(ServiceCallTest.PATH, bodies.get(patient), null);
                            assertEquals(200, response.statusCode(), response.body());
                            assertEquals(expected.get(patient), Content.of(ServiceCallTest.cards(response)),
                                    "client " + client + " call " + i);
                            answered++;
                        }
                        return answered;
                    }));
                }
                int total = 0;
                for (Future<Integer> client : clients) {
                    total += client.get();
                }
                assertEquals(CLIENTS * CALLS_PER_CLIENT, total);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
