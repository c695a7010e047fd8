package org.spinecare.advisor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Bad calls get 400 (or 412, 413, 415) with a short JSON problem naming the field, never a stack trace. */
class HookRequestValidationTest {
    private static final String PATH = "/cds-services/" + ServiceConfig.SERVICE_ID;
    private static final String GOOD_CONTEXT = "\"context\":{\"userId\":\"Practitioner/1\",\"patientId\":\"p1\"}";
    private static final String GOOD_INSTANCE = "\"hookInstance\":\"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea\"";
    private static RunningService server;

    @BeforeAll
    static void start() {
        server = RunningService.development();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not JSON | {\"hook\": | $",
        "an array | [] | $",
        "no hook | {" + GOOD_INSTANCE + "," + GOOD_CONTEXT + "} | $.hook",
        "another hook | {\"hook\":\"order-sign\"," + GOOD_INSTANCE + "," + GOOD_CONTEXT + "} | $.hook",
        "hookInstance not a UUID | {\"hook\":\"patient-view\",\"hookInstance\":\"1-2-3-4-5\"," + GOOD_CONTEXT
                + "} | $.hookInstance",
        "no context | {\"hook\":\"patient-view\"," + GOOD_INSTANCE + "} | $.context",
        "no patientId | {\"hook\":\"patient-view\"," + GOOD_INSTANCE
                + ",\"context\":{\"userId\":\"Practitioner/1\"}} | $.context.patientId",
        "patientId not a FHIR id | {\"hook\":\"patient-view\"," + GOOD_INSTANCE
                + ",\"context\":{\"userId\":\"Practitioner/1\",\"patientId\":\"a/b\"}} | $.context.patientId",
        "userId not a reference | {\"hook\":\"patient-view\"," + GOOD_INSTANCE
                + ",\"context\":{\"userId\":\"bob\",\"patientId\":\"p1\"}} | $.context.userId",
        "fhirServer not a URL | {\"hook\":\"patient-view\"," + GOOD_INSTANCE + "," + GOOD_CONTEXT
                + ",\"fhirServer\":\"ftp://x\"} | $.fhirServer",
        "fhirAuthorization without fhirServer | {\"hook\":\"patient-view\"," + GOOD_INSTANCE + "," + GOOD_CONTEXT
                + ",\"fhirAuthorization\":{}} | $.fhirServer",
        "prefetch not an object | {\"hook\":\"patient-view\"," + GOOD_INSTANCE + "," + GOOD_CONTEXT
                + ",\"prefetch\":[]} | $.prefetch",
    })
    @DisplayName("Given a malformed call, it is refused with 400 naming the field")
    void refusesMalformedCalls(String name, String body, String field) {
        HttpResponse<String> response = server.post(PATH, body, null);

        assertProblem(response, 400, field);
    }

    @Test
    @DisplayName("Given a call without prefetch and without fhirServer, the data cannot be had: 412")
    void preconditionFailedWithoutData() {
        HttpResponse<String> response = server.post(PATH, "{\"hook\":\"patient-view\"," + GOOD_INSTANCE + ","
                + GOOD_CONTEXT + "}", null);

        assertProblem(response, 412, "prefetch");
    }

    @Test
    @DisplayName("Given an unknown service id, the call gets 404 naming the id")
    void unknownService() {
        assertProblem(server.post("/cds-services/nope", "{}", null), 404, "id");
    }

    @Test
    @DisplayName("Given a body that is not JSON by its content type, the call gets 415")
    void wrongContentType() {
        HttpResponse<String> response = server.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(server.url(PATH))).header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));

        assertProblem(response, 415, "Content-Type");
    }

    @Test
    @DisplayName("Given a body larger than the limit, the call gets 413 without reading it all")
    void bodyTooLarge() {
        String large = "{\"hook\":\"patient-view\",\"pad\":\"" + "x".repeat((int) ServiceConfig.DEFAULT_MAX_BODY_BYTES)
                + "\"}";

        HttpResponse<String> response = server.post(PATH, large, null);

        assertEquals(413, response.statusCode(), response.body());
        assertFalse(response.body().contains("Exception"), response.body());
    }

    static void assertProblem(HttpResponse<String> response, int status, String field) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith(CdsService.PROBLEM_JSON));
        assertTrue(response.body().contains("\"field\":\"" + field + "\""), response.body());
        assertFalse(response.body().contains("Exception") || response.body().contains("\tat "), response.body());
        assertFalse(response.body().contains("\n"), "one line: " + response.body());
    }
}
