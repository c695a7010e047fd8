package org.spinecare.advisor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.spinecare.advisor.InputMapping;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.advisor.audit.AuditRecord;
import org.spinecare.advisor.audit.AuditVerifier;

/** The audit record of a hook call keeps how its prefetched FHIR resources were mapped, as counts and codes. */
class ServiceAuditMappingTest {
    private static final String LOCAL_SYSTEM = "http://hospital.example/local-codes";
    private static final String LOCAL_CODE = "BACKACHE-LOCAL-42";
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
    @DisplayName("Given a hook call with an observation of an unknown code, its audit record counts the code and "
            + "quotes none of it")
    void unknownCodeIsCountedInTheRecord() throws Exception {
        // Given a call whose observations hold one coded in a local system the concept map does not know
        ObjectNode call = Prefetch.call("p-9", ServiceCallTest.BACK_PAIN_ONLY);
        ObjectNode observations = (ObjectNode) call.get("prefetch").get("observations");
        observations.put("total", 1);
        observations.putArray("entry").addObject().set("resource", Prefetch.JSON.readTree(
                "{\"resourceType\":\"Observation\",\"id\":\"local\",\"status\":\"final\",\"subject\":"
                        + "{\"reference\":\"Patient/p-9\"},\"code\":{\"coding\":[{\"system\":\"" + LOCAL_SYSTEM
                        + "\",\"code\":\"" + LOCAL_CODE + "\",\"display\":\"Local backache\"}]},"
                        + "\"valueBoolean\":true}"));

        // When the service is called
        HttpResponse<String> response = server.post(ServiceCallTest.PATH, call.toString(), null);

        // Then the call's record holds the summary, inside a chain that verifies, with no text of the input
        assertEquals(200, response.statusCode(), response.body());
        List<AuditRecord> records = server.audit.records();
        InputMapping mapping = records.get(records.size() - 1).inputMapping();
        assertEquals(InputMapping.FHIR_R4, mapping.format());
        assertEquals(1, mapping.unknownCodes());
        assertTrue(mapping.unusable().contains("NO_KNOWN_CODE"), mapping.toString());
        List<String> lines = server.audit.lines();
        String line = lines.get(lines.size() - 1);
        for (String input : List.of(LOCAL_SYSTEM, LOCAL_CODE, "Local backache", "hospital.example")) {
            assertFalse(line.contains(input), input + " in " + line);
        }
        assertTrue(AuditVerifier.verify(lines).ok(), AuditVerifier.verify(lines).message());
    }

    @Test
    @DisplayName("Given a call whose observations were not sent and whose screening has a page not read, its "
            + "record holds each gap as a reason and a resource type")
    void gapsAreInTheRecord() {
        ObjectNode call = Prefetch.call("p-11", PatientFacts.empty());
        ObjectNode prefetch = (ObjectNode) call.get("prefetch");
        prefetch.remove("observations");
        ((ObjectNode) prefetch.get("screening")).putArray("link").addObject().put("relation", "next")
                .put("url", "https://ehr.example/fhir/page-2");

        HttpResponse<String> response = server.post(ServiceCallTest.PATH, call.toString(), null);

        assertEquals(200, response.statusCode(), response.body());
        List<AuditRecord> records = server.audit.records();
        assertEquals(List.of("FETCH_FAILED/Observation", "PAGE_NOT_FOLLOWED/QuestionnaireResponse"),
                records.get(records.size() - 1).inputMapping().gaps().stream().sorted().toList());
        assertFalse(server.audit.lines().get(server.audit.lines().size() - 1).contains("ehr.example"));
    }

    @Test
    @DisplayName("Given a clean hook call, its record still says the facts came from FHIR, with nothing unknown")
    void cleanCallRecordsAnEmptySummary() {
        server.post(ServiceCallTest.PATH, Prefetch.call("p-10", ServiceCallTest.BACK_PAIN_ONLY).toString(), null);

        List<AuditRecord> records = server.audit.records();
        assertEquals(new InputMapping(InputMapping.FHIR_R4, 0, List.of(), List.of()),
                records.get(records.size() - 1).inputMapping());
    }
}
