package org.spinecare.advisor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingState;

/** The silence rule (docs/cds-hooks.md, When the service is silent), through the running service. */
class SilenceRuleTest {
    private static RunningService server;

    @BeforeAll
    static void start() {
        server = RunningService.development();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @DisplayName("Given a chart with a Patient, a birth date and no lower-back data at all, the service answers no "
            + "cards and records no assessment")
    void chartWithoutBackDataGetsNoCards() throws Exception {
        ObjectNode call = callWithoutScreening("s-1");
        ((ObjectNode) call.get("prefetch").get("patient")).put("birthDate", "1970-05-01");
        int before = server.audit.records().size();

        HttpResponse<String> response = server.post(ServiceCallTest.PATH, call.toString(), null);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("{\"cards\":[]}", response.body());
        assertEquals(before, server.audit.records().size());
    }

    @Test
    @DisplayName("Given a chart whose only Observation has a code this knowledge base does not know, no cards")
    void unrelatedObservationGetsNoCards() throws Exception {
        ObjectNode call = callWithoutScreening("s-2");
        observation(call, "s-2", "http://loinc.org", "8480-6", "\"valueBoolean\":true");

        assertTrue(ServiceCallTest.cards(server.post(ServiceCallTest.PATH, call.toString(), null)).isEmpty());
    }

    @Test
    @DisplayName("Given a chart whose only back datum is one Observation of sciatica, the service speaks")
    void oneMappedObservationIsEnoughToSpeak() throws Exception {
        ObjectNode call = callWithoutScreening("s-3");
        observation(call, "s-3", "http://snomed.info/sct", "23056005", "\"valueBoolean\":true");

        assertFalse(ServiceCallTest.cards(server.post(ServiceCallTest.PATH, call.toString(), null)).isEmpty());
    }

    @Test
    @DisplayName("Given an Observation of sciatica whose value is absent, the service speaks: unknown is not absent")
    void unusableBackStatementIsEnoughToSpeak() throws Exception {
        ObjectNode call = callWithoutScreening("s-4");
        observation(call, "s-4", "http://snomed.info/sct", "23056005",
                "\"dataAbsentReason\":{\"coding\":[{\"system\":"
                        + "\"http://terminology.hl7.org/CodeSystem/data-absent-reason\",\"code\":\"unknown\"}]}");

        assertFalse(ServiceCallTest.cards(server.post(ServiceCallTest.PATH, call.toString(), null)).isEmpty());
    }

    @Test
    @DisplayName("Given a screening that answers one finding (back pain absent), the service speaks")
    void oneScreeningAnswerIsEnoughToSpeak() throws Exception {
        PatientFacts facts = PatientFacts.builder().finding(Finding.LOWER_BACK_PAIN, FindingState.ABSENT).build();

        HttpResponse<String> response = server.post(ServiceCallTest.PATH, Prefetch.call("s-5", facts).toString(),
                null);

        assertEquals("warning", ServiceCallTest.cards(response).get(0).indicator(), response.body());
    }

    @Test
    @DisplayName("Given a completed screening that answers nothing, no cards: an empty form holds no complaint")
    void emptyScreeningGetsNoCards() throws Exception {
        HttpResponse<String> response = server.post(ServiceCallTest.PATH,
                Prefetch.call("s-6", PatientFacts.empty()).toString(), null);

        assertTrue(ServiceCallTest.cards(response).isEmpty(), response.body());
    }

    @Test
    @DisplayName("Given a chart with no back data read but a screening search that failed, the service speaks and "
            + "names the failed search: what could not be read may hold the complaint")
    void failedSearchIsNeverSilence() throws Exception {
        // Given the screening search answered by an OperationOutcome, and no fhirServer to search again
        ObjectNode call = callWithoutScreening("s-7");
        ((ObjectNode) call.get("prefetch")).set("screening", Prefetch.JSON.readTree(
                "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
                        + "\"code\":\"timeout\"}]}"));

        // When the hook is called
        HttpResponse<String> response = server.post(ServiceCallTest.PATH, call.toString(), null);

        // Then a card is given, and it says the screening could not be read
        assertEquals(200, response.statusCode(), response.body());
        assertFalse(ServiceCallTest.cards(response).isEmpty(), response.body());
        assertTrue(response.body().contains("search failed"), response.body());
    }

    private static ObjectNode callWithoutScreening(String patientId) {
        ObjectNode call = Prefetch.call(patientId, PatientFacts.empty());
        ((ObjectNode) call.get("prefetch")).set("screening", Prefetch.emptySearch());
        return call;
    }

    private static void observation(ObjectNode call, String patientId, String system, String code, String value)
            throws Exception {
        ObjectNode observations = (ObjectNode) call.get("prefetch").get("observations");
        observations.put("total", 1);
        observations.putArray("entry").addObject().set("resource", Prefetch.JSON.readTree(
                "{\"resourceType\":\"Observation\",\"id\":\"o1\",\"status\":\"final\",\"subject\":{\"reference\":"
                        + "\"Patient/" + patientId + "\"},\"code\":{\"coding\":[{\"system\":\"" + system
                        + "\",\"code\":\"" + code + "\"}]}," + value + "}"));
    }
}
