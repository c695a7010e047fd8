package org.spinecare.advisor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.advisor.SpineAdvisor;
import org.spinecare.advisor.fhir.FhirCodes;

/**
 * The fetch from fhirServer through the running service, against a FHIR server stand-in that pages, stalls, sends
 * too much or redirects: within the documented 5 s and size limit, never to another server, and what could not be
 * had is unscreened and named on the card, in the same words whatever went wrong.
 */
class FhirFetchLimitsTest {
    private static final String PATIENT = PrefetchRulesTest.PATIENT;
    private static final String SCREENING = "QuestionnaireResponse?subject=Patient/" + PATIENT + "&questionnaire="
            + FhirCodes.QUESTIONNAIRE_URL;
    private static RunningService server;
    private static SpineAdvisor advisor;
    private FhirStub fhir;

    @BeforeAll
    static void start() {
        server = RunningService.development();
        advisor = SpineAdvisor.create();
        // The first call loads the FHIR parser; the deadline test measures the fetch, not that.
        server.post(ServiceCallTest.PATH, Prefetch.call(PATIENT, PatientFacts.empty()).toString(), null);
    }

    @AfterAll
    static void stop() {
        server.close();
        advisor.close();
    }

    @BeforeEach
    void startFhir() {
        fhir = new FhirStub();
    }

    @AfterEach
    void stopFhir() {
        fhir.close();
    }

    /** A call for these facts whose screening is left to be fetched from the stand-in. */
    private ObjectNode callFetchingScreening(PatientFacts facts) {
        ObjectNode call = PrefetchRulesTest.withServer(Prefetch.call(PATIENT, facts), fhir.base());
        ((ObjectNode) call.get("prefetch")).remove("screening");
        return call;
    }

    private static HookAnswer post(ObjectNode call) {
        return HookAnswer.of(server, server.post(ServiceCallTest.PATH, call.toString(), null));
    }

    @Test
    @DisplayName("Given a fetched screening search in pages, every page is read with the token and the cards are the "
            + "library's for the same facts")
    void fetchedPagesAreFollowed() throws Exception {
        PatientFacts facts = PrefetchRulesTest.facts("cauda-equina");
        ObjectNode call = callFetchingScreening(facts);
        List<ObjectNode> parts = Shapes.split(Prefetch.questionnaireResponse(PATIENT, facts), 3,
                item -> Math.floorMod(item.get("linkId").asText().hashCode(), 3));
        fhir.json(SCREENING, Shapes.page(List.of(parts.get(0)), parts.size(), fhir.base() + "/page-2"));
        fhir.json("page-2", Shapes.page(List.of(parts.get(1)), parts.size(),
                parts.size() > 2 ? fhir.base() + "/page-3" : null));
        if (parts.size() > 2) {
            fhir.json("page-3", Shapes.page(List.of(parts.get(2)), parts.size(), null));
        }

        var response = server.post(ServiceCallTest.PATH, call.toString(), null);

        CardFactoryTest.CardExpectations.assertCardsMatch(advisor.assess(facts), ServiceCallTest.cards(response));
        assertEquals(parts.size(), fhir.authorizations.stream().filter("Bearer token-1"::equals).count());
    }

    @Test
    @DisplayName("Given a server whose every page links to another, at most 10 pages are read and the rest is "
            + "unscreened")
    void pagesAreBounded() throws Exception {
        PatientFacts facts = PrefetchRulesTest.facts("self-care-urge-to-pop");
        ObjectNode call = callFetchingScreening(facts);
        fhir.json(SCREENING, Shapes.page(List.of(Prefetch.questionnaireResponse(PATIENT, facts)), null,
                fhir.base() + "/again"));
        fhir.json("again", Shapes.page(List.of(), null, fhir.base() + "/again"));

        HookAnswer answer = post(call);

        answer.assertNotLessUrgentThan(advisor.assess(facts));
        answer.assertSays("The screening questionnaire: only the first 10 pages could be read");
        assertEquals(PrefetchReader.MAX_PAGES, fhir.requested.size());
    }

    @Test
    @DisplayName("Given a FHIR server sending its answer a byte a second, the call is answered within the documented "
            + "5 s, and the screening is unscreened, not absent")
    void slowServerHitsTheDeadline() throws Exception {
        PatientFacts facts = PrefetchRulesTest.facts("self-care-urge-to-pop");
        ObjectNode call = callFetchingScreening(facts);
        fhir.slow(SCREENING, Shapes.page(List.of(Prefetch.questionnaireResponse(PATIENT, facts)), 1, null),
                Duration.ofSeconds(1));

        long started = System.nanoTime();
        HookAnswer answer = post(call);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertTrue(took.compareTo(Duration.ofSeconds(7)) < 0, "took " + took);
        answer.assertNothingTakenAsAbsent(advisor.assess(facts));
        answer.assertSays("The screening questionnaire: could not be had from the FHIR server");
        for (int waited = 0; fhir.hungUp.get() == 0 && waited < 500; waited++) {
            Thread.sleep(10);
        }
        assertEquals(1, fhir.hungUp.get(), "the service closed the connection rather than read on");
    }

    @Test
    @DisplayName("Given an answer larger than the size limit, it is not read: the screening is unscreened")
    void oversizedAnswerIsNotRead() throws Exception {
        PatientFacts facts = PrefetchRulesTest.facts("self-care-urge-to-pop");
        ObjectNode call = callFetchingScreening(facts);
        ObjectNode big = Shapes.page(List.of(Prefetch.questionnaireResponse(PATIENT, facts)), 1, null);
        big.put("id", "x".repeat(FhirFetcher.MAX_CALL_BYTES));
        fhir.json(SCREENING, big);

        HookAnswer answer = post(call);

        answer.assertNothingTakenAsAbsent(advisor.assess(facts));
        answer.assertSays("The screening questionnaire: could not be had from the FHIR server");
    }

    @Test
    @DisplayName("Given a redirect to another server, it is not followed: that server is never asked")
    void redirectIsNotFollowed() throws Exception {
        PatientFacts facts = PrefetchRulesTest.facts("self-care-urge-to-pop");
        try (FhirStub other = new FhirStub()) {
            other.json(SCREENING, Shapes.page(List.of(Prefetch.questionnaireResponse(PATIENT, facts)), 1, null));
            fhir.redirect(SCREENING, other.base() + "/" + SCREENING);

            HookAnswer answer = post(callFetchingScreening(facts));

            answer.assertNothingTakenAsAbsent(advisor.assess(facts));
            assertEquals(List.of(), other.requested);
        }
    }

    @Test
    @DisplayName("Given a closed port and a server that fails, the card says the same: it never tells whether a port "
            + "was open")
    void failuresLookAlike() throws Exception {
        PatientFacts facts = PrefetchRulesTest.facts("self-care-urge-to-pop");
        fhir.status(SCREENING, 500);
        String failing = post(callFetchingScreening(facts)).detail();
        String base = fhir.base();
        fhir.close();
        ObjectNode toClosedPort = PrefetchRulesTest.withServer(Prefetch.call(PATIENT, facts), base);
        ((ObjectNode) toClosedPort.get("prefetch")).remove("screening");

        String closed = post(toClosedPort).detail();

        assertEquals(failing.replaceAll("Fired rules[\\s\\S]*", ""), closed.replaceAll("Fired rules[\\s\\S]*", ""));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://127.0.0.1:99999/fhir", "http://127.0.0.1:0/fhir", "file:/etc/passwd",
        "http:///fhir", "https://user:secret@ehr.example/fhir", "https://ehr.example/fhir?x=1", "not a url"})
    @DisplayName("Given a fhirServer that is not an http(s) base with a valid port, the call gets 400 naming it")
    void badServerIs400(String url) throws Exception {
        ObjectNode call = PrefetchRulesTest.withServer(Prefetch.call(PATIENT, PatientFacts.empty()), url);

        HookRequestValidationTest.assertProblem(server.post(ServiceCallTest.PATH, call.toString(), null), 400,
                "$.fhirServer");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"abc\r\nX-Injected: 1", "abc\n", "abc\u0000def", "abc\u007f", "two words", "caf\u00e9"})
    @DisplayName("Given an access token with CR, LF, NUL, another control character, a space or non-ASCII, the call "
            + "gets 400 naming it, never 500")
    void badTokenIs400(String token) throws Exception {
        ObjectNode call = PrefetchRulesTest.withServer(Prefetch.call(PATIENT, PatientFacts.empty()), fhir.base());
        ((ObjectNode) call.get("fhirAuthorization")).put("access_token", token);

        HookRequestValidationTest.assertProblem(server.post(ServiceCallTest.PATH, call.toString(), null), 400,
                "$.fhirAuthorization.access_token");
        assertEquals(List.of(), fhir.requested);
    }
}
