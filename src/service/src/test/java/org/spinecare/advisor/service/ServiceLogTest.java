package org.spinecare.advisor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the running service logs: start-up, refusals by class, and never a patient id, a token or a URL secret. */
class ServiceLogTest {
    private static final TestIssuer EHR = new TestIssuer("https://ehr.example.org");
    @TempDir
    Path keys;

    @Test
    @DisplayName("Given calls with a patient id, a FHIR token and a fhirServer with a secret, refused or answered, "
            + "no log line holds any of them, and each refusal is one line with its status and field")
    void noPatientIdTokenOrSecretInTheLog() throws Exception {
        try (LogCapture log = new LogCapture(); RunningService server = RunningService.development()) {
            // A fetch that fails (nothing listens on port 1), a malformed call, and a good one with prefetch
            server.post(ServiceCallTest.PATH, "{\"hook\":\"patient-view\",\"hookInstance\":\"" + UUID.randomUUID()
                    + "\",\"fhirServer\":\"http://127.0.0.1:1/fhir/s3cr3t-in-url\",\"fhirAuthorization\":"
                    + "{\"access_token\":\"tok-s3cr3t\",\"token_type\":\"Bearer\",\"expires_in\":300,\"scope\":"
                    + "\"patient/*.read\",\"subject\":\"cds\"},\"context\":{\"userId\":\"Practitioner/1\","
                    + "\"patientId\":\"patient-4711\"}}", null);
            server.post(ServiceCallTest.PATH, "{\"hook\":\"patient-view\",\"hookInstance\":\"" + UUID.randomUUID()
                    + "\",\"context\":{\"userId\":\"Practitioner/1\",\"patientId\":\"patient 4711!\"}}", null);
            assertEquals(200, server.post(ServiceCallTest.PATH, Prefetch.call("patient-4711",
                    ServiceCallTest.BACK_PAIN_ONLY).toString(), null).statusCode());

            String lines = log.all();
            assertTrue(lines.contains("INFO started: DEVELOPMENT MODE"), lines);
            assertTrue(lines.contains("INFO refused 412 POST /cds-services/{id}: prefetch"), lines);
            assertTrue(lines.contains("INFO refused 400 POST /cds-services/{id}: $.context.patientId"), lines);
            for (String secret : List.of("4711", "s3cr3t", "tok-")) {
                assertFalse(lines.contains(secret), secret + " in the log:\n" + lines);
            }
            assertTrue(log.lines().stream().noneMatch(l -> l.contains("\n")), "one line per event");
        }
    }

    @Test
    @DisplayName("Given a forged or missing token in production, the refusal is logged at warn without the token")
    void authenticationRefusalsAtWarnWithoutTheToken() throws Exception {
        try (LogCapture log = new LogCapture(); RunningService server = new RunningService(
                ServiceConfig.development("127.0.0.1", 0).withIssuers(List.of(EHR.trusted(keys)), null))) {
            String token = EHR.withUnknownKey(server.url("/cds-services"));

            assertEquals(401, server.get("/cds-services", token).statusCode());

            String lines = log.all();
            assertTrue(lines.contains("WARN refused 401 GET /cds-services: Authorization: "), lines);
            assertFalse(lines.contains(token.substring(token.lastIndexOf('.') + 1)), "no signature in the log");
            assertFalse(lines.contains(token.substring(0, 30)), "no token in the log");
        }
    }
}
