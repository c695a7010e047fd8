package org.spinecare.advisor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.advisor.SpineAdvisor;
import org.spinecare.advisor.SpineJson;

/** Without prefetch, the service fetches from the client's FHIR server (a stand-in on loopback) with its token. */
class FhirServerFetchTest {
    private static final String TOKEN = "token-for-the-fhir-server";
    private static final String PATIENT = "p-7";
    private HttpServer fhir;
    private RunningService server;
    private ObjectNode prefetch;
    private final AtomicInteger status = new AtomicInteger(200);

    @BeforeEach
    void start() throws IOException {
        PatientFacts facts = SpineJson.readFacts(Files.readAllBytes(Path.of("scenarios/examples/cauda-equina.json")));
        prefetch = Prefetch.of(PATIENT, facts);
        fhir = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fhir.createContext("/fhir/", this::answer);
        fhir.start();
        server = RunningService.development();
    }

    @AfterEach
    void stop() {
        server.close();
        fhir.stop(0);
    }

    /** The FHIR stand-in: the four queries of the discovery document, only with the right bearer token. */
    private void answer(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().toString().substring("/fhir/".length());
        String key = query.startsWith("Patient/" + PATIENT) ? "patient"
                : query.startsWith("Condition?patient=" + PATIENT) ? "conditions"
                : query.startsWith("Observation?patient=" + PATIENT) ? "observations"
                : query.startsWith("QuestionnaireResponse?subject=Patient/" + PATIENT) ? "screening" : null;
        boolean authorised = ("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"));
        int code = !authorised ? 401 : key == null ? 404 : status.get();
        byte[] body = code == 200 ? prefetch.get(key).toString().getBytes(StandardCharsets.UTF_8) : new byte[0];
        exchange.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private String call(String token) {
        return "{\"hook\":\"patient-view\",\"hookInstance\":\"" + java.util.UUID.randomUUID() + "\","
                + "\"fhirServer\":\"http://127.0.0.1:" + fhir.getAddress().getPort() + "/fhir\","
                + "\"fhirAuthorization\":{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\","
                + "\"expires_in\":300,\"scope\":\"patient/*.read\",\"subject\":\"cds-service\"},"
                + "\"context\":{\"userId\":\"Practitioner/1\",\"patientId\":\"" + PATIENT + "\"}}";
    }

    @Test
    @DisplayName("Given no prefetch but a fhirServer and token, the service fetches the resources and its cards "
            + "match the library's assessment")
    void fetchesWhatPrefetchLacks() throws Exception {
        HttpResponse<String> response = server.post(ServiceCallTest.PATH, call(TOKEN), null);

        assertEquals(200, response.statusCode(), response.body());
        try (SpineAdvisor advisor = SpineAdvisor.create()) {
            PatientFacts facts = SpineJson.readFacts(Files.readAllBytes(Path.of("scenarios/examples/cauda-equina.json")));
            CardFactoryTest.CardExpectations.assertCardsMatch(advisor.assess(facts), ServiceCallTest.cards(response));
        }
    }

    @Test
    @DisplayName("Given no prefetch and a FHIR server that refuses the token, no data at all can be had: 412")
    void refusedTokenIs412() {
        HookRequestValidationTest.assertProblem(server.post(ServiceCallTest.PATH, call("wrong-token"), null), 412,
                "prefetch");
    }

    @Test
    @DisplayName("Given no prefetch and a FHIR server that fails, the answer is 412, never cards from no data")
    void failingServerIs412() {
        status.set(500);

        HookRequestValidationTest.assertProblem(server.post(ServiceCallTest.PATH, call(TOKEN), null), 412,
                "prefetch");
    }
}
