package org.spinecare.advisor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.spinecare.advisor.Assessment;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.advisor.SpineAdvisor;
import org.spinecare.advisor.SpineJson;

/**
 * The input path's safety rule as a property, through the running service: every scenario patient's facts, sent
 * in FHIR shapes an EHR may use (the screening split into several responses and pages, entries in any order,
 * duplicates, outcomes beside the data, keys null, missing or failed, with or without a fhirServer to read the
 * rest from), are never answered less urgently than the same facts sent clean, and never lose a red flag. Present
 * answers are always on a page the service can read: what it cannot read may only ever make the answer more
 * cautious. Where everything can be read, the answer is the clean one.
 */
class HookMetamorphicTest {
    private static final int SHAPES_PER_PATIENT = 2;
    private static RunningService server;
    private static SpineAdvisor advisor;
    private static FhirStub fhir;

    @BeforeAll
    static void start() {
        server = RunningService.development();
        advisor = SpineAdvisor.create();
        fhir = new FhirStub();
    }

    @AfterAll
    static void stop() {
        server.close();
        advisor.close();
        fhir.close();
    }

    static Stream<Arguments> shapes() {
        List<Arguments> shapes = new ArrayList<>();
        List<Scenarios.Patient> patients = Scenarios.all();
        for (int i = 0; i < patients.size(); i++) {
            for (int s = 0; s < SHAPES_PER_PATIENT; s++) {
                shapes.add(Arguments.of(patients.get(i), (long) i * SHAPES_PER_PATIENT + s));
            }
        }
        return shapes.stream();
    }

    @ParameterizedTest(name = "{0}, shape {1}")
    @MethodSource("shapes")
    @DisplayName("Given a scenario patient's facts in another FHIR shape, the answer is never less urgent than the "
            + "same facts sent clean, and is the clean answer when everything could be read")
    void neverLessUrgentThanTheData(Scenarios.Patient patient, long seed) throws Exception {
        PatientFacts facts = SpineJson.readFacts(patient.factsJson());
        Shaped shaped = new Shaped(facts, seed);

        HttpResponse<String> response = server.post(ServiceCallTest.PATH, shaped.call.toString(), null);
        if (SilenceRule.silent(facts, null) && shaped.complete) {
            // Facts that say nothing about the back, all read: silence is the answer (docs/cds-hooks.md).
            assertEquals("{\"cards\":[]}", response.body());
            return;
        }
        HookAnswer answer = HookAnswer.of(server, response);

        Assessment clean = advisor.assess(facts);
        answer.assertNotLessUrgentThan(clean);
        if (shaped.complete) {
            assertEquals(clean.triage(), answer.triage(), "everything could be read:\n" + answer.detail());
            assertEquals(clean.unscreenedRedFlags().size(), answer.unscreened().size(), answer.detail());
        } else {
            answer.assertNothingTakenAsAbsent(clean);
            answer.assertSays("unscreened (unknown, not absent)");
        }
    }

    /** One call for the facts, shaped at random from the seed; {@code complete} when all of it can be read. */
    private static final class Shaped {
        final ObjectNode call;
        boolean complete = true;
        private final Random random;
        private final String patient;
        private final boolean server;

        Shaped(PatientFacts facts, long seed) {
            random = new Random(seed);
            patient = "m-" + seed;
            call = Prefetch.call(patient, facts);
            server = random.nextBoolean();
            if (server) {
                PrefetchRulesTest.withServer(call, fhir.base());
            }
            ObjectNode prefetch = (ObjectNode) call.get("prefetch");
            prefetch.set("screening", screening(Shapes.screening(prefetch)));
            for (String key : List.of("patient", "conditions", "observations")) {
                other(prefetch, key);
            }
        }

        /** The answers dealt into responses and pages; every PRESENT answer in the first response, on page 1. */
        private ObjectNode screening(ObjectNode qr) {
            int parts = 1 + random.nextInt(4);
            List<ObjectNode> responses = new ArrayList<>(Shapes.split(qr, parts,
                    item -> "PRESENT".equals(Shapes.answerCode(item)) ? 0 : random.nextInt(parts)));
            if (responses.isEmpty()) {
                responses.add(qr);
            }
            if (random.nextInt(4) == 0) {
                // The same statements again under another id: agreeing statements count once.
                responses.add(responses.get(responses.size() - 1).deepCopy().put("id", "screening-again"));
            }
            List<JsonNode> rest = new ArrayList<>(responses.subList(1, responses.size()));
            Collections.shuffle(rest, random);
            List<List<JsonNode>> pages = new ArrayList<>();
            pages.add(new ArrayList<>(List.of(responses.get(0))));
            int perPage = 1 + random.nextInt(2);
            for (JsonNode response : rest) {
                if (pages.get(pages.size() - 1).size() >= perPage || random.nextBoolean()) {
                    pages.add(new ArrayList<>());
                }
                pages.get(pages.size() - 1).add(response);
            }
            pages.forEach(page -> Collections.shuffle(page, random));
            int total = responses.size();
            ObjectNode first = null;
            for (int p = pages.size() - 1; p >= 0; p--) {
                String next = p + 1 < pages.size() ? fhir.base() + "/" + link(p + 1) : null;
                ObjectNode page = Shapes.page(pages.get(p), total, next);
                if (p > 0) {
                    fhir.json(link(p), page);
                }
                first = page;
            }
            complete &= pages.size() == 1 || server;
            if (pages.size() == 1 && random.nextInt(8) == 0) {
                // More matches than the one page holds, and no link to them.
                first.put("total", total + 1 + random.nextInt(3));
                complete = false;
            }
            if (random.nextInt(5) == 0) {
                Shapes.withOutcome(first, random.nextBoolean() ? "information" : "warning");
            }
            if (random.nextInt(6) == 0) {
                // A failed search beside the entries: done again on the server, or its entries count and the rest
                // is unscreened.
                fhir.json(query(PrefetchTemplate.SCREENING), first.deepCopy());
                Shapes.withOutcome(first, "error");
                complete &= server;
            }
            return first;
        }

        /** The patient, conditions or observations key: as sent, null, an empty search, missing, or failed. */
        private void other(ObjectNode prefetch, String key) {
            PrefetchTemplate template = PrefetchTemplate.valueOf(key.toUpperCase(java.util.Locale.ROOT));
            JsonNode sent = prefetch.get(key);
            switch (random.nextInt(5)) {
                case 0 -> prefetch.putNull(key);
                case 1 -> {
                    prefetch.remove(key);
                    fhir.json(query(template), sent);
                    complete &= server;
                }
                case 2 -> {
                    prefetch.set(key, Shapes.outcome("error"));
                    fhir.json(query(template), sent);
                    complete &= server;
                }
                default -> {
                    // as sent
                }
            }
        }

        private String query(PrefetchTemplate template) {
            return template.query(patient);
        }

        private String link(int page) {
            return "page-" + patient + "-" + (page + 1);
        }
    }
}
