package org.spinecare.advisor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spinecare.advisor.Assessment;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.advisor.SpineAdvisor;
import org.spinecare.advisor.SpineJson;

/** Hook calls against the running server: the cards equal what the library assesses for the same patient. */
class ServiceCallTest {
    static final String PATH = "/cds-services/" + ServiceConfig.SERVICE_ID;
    /** The least a chart needs for the service to speak (SilenceRule): back pain reported, nothing else. */
    static final PatientFacts BACK_PAIN_ONLY = PatientFacts.builder()
            .finding(org.spinecare.kb.Finding.LOWER_BACK_PAIN, org.spinecare.kb.FindingState.PRESENT).build();
    private static RunningService server;
    private static SpineAdvisor advisor;

    @BeforeAll
    static void start() {
        server = RunningService.development();
        advisor = SpineAdvisor.create();
    }

    @AfterAll
    static void stop() {
        server.close();
        advisor.close();
    }

    static Stream<Scenarios.Patient> patients() {
        return Scenarios.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patients")
    @DisplayName("Given a scenario patient's screening in prefetch, the service's cards match the library's "
            + "assessment of the same facts")
    void cardsMatchTheLibrary(Scenarios.Patient patient) throws Exception {
        PatientFacts facts = SpineJson.readFacts(patient.factsJson());

        HttpResponse<String> response = server.post(PATH, Prefetch.call("p-1", facts).toString(), null);

        assertEquals(200, response.statusCode(), response.body());
        if (SilenceRule.silent(facts, null)) {
            assertTrue(cards(response).isEmpty(), "a patient with nothing about the back gets no cards");
        } else {
            CardFactoryTest.CardExpectations.assertCardsMatch(advisor.assess(facts), cards(response));
        }
    }

    @Test
    @DisplayName("Given a call, its assessment is recorded in the audit trail")
    void callIsAudited() {
        int before = server.audit.records().size();

        server.post(PATH, Prefetch.call("p-2", BACK_PAIN_ONLY).toString(), null);

        assertEquals(before + 1, server.audit.records().size());
    }

    @Test
    @DisplayName("Given a screening with back pain only, the answer is not self-care: nothing screened is unknown, never absent")
    void emptyScreeningIsNotSelfCare() throws Exception {
        HttpResponse<String> response = server.post(PATH, Prefetch.call("p-3", BACK_PAIN_ONLY).toString(),
                null);

        Card triage = cards(response).get(0);
        assertEquals("warning", triage.indicator());
        assertTrue(triage.detail().contains("**Not yet asked** (unknown, not absent): "), "unscreened red flags "
                + "are listed");
    }

    @Test
    @DisplayName("Given prefetch for another patient than the context's, the call is refused naming the field")
    void refusesAnotherPatientsData() {
        var call = Prefetch.call("p-4", PatientFacts.empty());
        ((com.fasterxml.jackson.databind.node.ObjectNode) call.get("context")).put("patientId", "someone-else");

        HookRequestValidationTest.assertProblem(server.post(PATH, call.toString(), null), 400,
                "$.prefetch.patient.id");
    }

    @Test
    @DisplayName("Given prefetch that is not FHIR, the call is refused with 400 naming the prefetch")
    void refusesMalformedFhir() {
        var call = Prefetch.call("p-5", PatientFacts.empty());
        ((com.fasterxml.jackson.databind.node.ObjectNode) call.get("prefetch")).putObject("observations")
                .put("resourceType", "Observation").put("status", 42).putObject("subject")
                .put("reference", "Patient/p-5");

        HookRequestValidationTest.assertProblem(server.post(PATH, call.toString(), null), 400, "$.prefetch");
    }

    static List<Card> cards(HttpResponse<String> response) throws Exception {
        JsonNode body = Prefetch.JSON.readTree(response.body());
        return Prefetch.JSON.convertValue(body.get("cards"), new TypeReference<List<Card>>() { });
    }

    static Assessment assess(PatientFacts facts) {
        return advisor.assess(facts);
    }
}
