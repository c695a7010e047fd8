package org.spinecare.advisor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Health, readiness, metrics, the OpenAPI document and CORS, against the running server. */
class OperationsTest {
    private static final String ORIGIN = "https://ehr-app.example.org";
    private static RunningService server;

    @BeforeAll
    static void start() {
        server = new RunningService(ServiceConfig.development("127.0.0.1", 0).withCorsOrigins(List.of(ORIGIN)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @DisplayName("Given a started service, health says up and readiness names the knowledge base")
    void healthAndReadiness() {
        HttpResponse<String> health = server.get("/health", null);
        HttpResponse<String> ready = server.get("/ready", null);

        assertEquals(200, health.statusCode());
        assertTrue(health.body().contains("\"up\""));
        assertEquals(200, ready.statusCode());
        assertTrue(ready.body().contains("org.spinecare:spine-kjar:"), ready.body());
    }

    @Test
    @DisplayName("Given calls were made, metrics are Prometheus text by route template, without the patient id")
    void metricsByRouteTemplate() {
        server.post("/cds-services/" + ServiceConfig.SERVICE_ID, """
                {"hook":"patient-view","hookInstance":"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
                 "context":{"userId":"Practitioner/1","patientId":"patient-4711"}}""", null);

        String metrics = server.get("/metrics", null).body();

        assertTrue(metrics.contains("# TYPE cds_http_requests_seconds histogram"), metrics);
        assertTrue(metrics.contains("route=\"/cds-services/{id}\""), metrics);
        assertFalse(metrics.contains("patient-4711"), "no patient identifier in a metric");
    }

    @Test
    @DisplayName("Given the OpenAPI document the server serves, it parses, and every operation answers a status "
            + "the document lists")
    void openApiMatchesTheServer() {
        HttpResponse<String> document = server.get("/openapi.yaml", null);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document.body(), null, null);
        OpenAPI api = parsed.getOpenAPI();

        assertTrue(parsed.getMessages() == null || parsed.getMessages().isEmpty(), "" + parsed.getMessages());
        assertNotNull(api);
        for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
            String concrete = path.getKey().replace("{id}", ServiceConfig.SERVICE_ID);
            for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().readOperationsMap().entrySet()) {
                HttpResponse<String> answer = op.getKey() == PathItem.HttpMethod.GET ? server.get(concrete, null)
                        : server.post(concrete, "{}", null);
                assertTrue(op.getValue().getResponses().containsKey(Integer.toString(answer.statusCode())),
                        op.getKey() + " " + path.getKey() + " answered " + answer.statusCode()
                                + ", which the document does not list");
            }
        }
    }

    @Test
    @DisplayName("Given a CORS preflight from an allowed origin, it is allowed with the Authorization header")
    void corsPreflightAllowed() {
        HttpResponse<String> preflight = preflight(ORIGIN);

        assertEquals(ORIGIN, preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("")
                .toLowerCase().contains("authorization"), preflight.headers().toString());
    }

    @Test
    @DisplayName("Given a CORS preflight from an origin not on the list, no CORS permission is given")
    void corsPreflightRefused() {
        HttpResponse<String> preflight = preflight("https://evil.example.org");

        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Origin").isEmpty(),
                preflight.headers().toString());
    }

    private static HttpResponse<String> preflight(String origin) {
        return server.send(HttpRequest.newBuilder(URI.create(server.url("/cds-services/" + ServiceConfig.SERVICE_ID)))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type"));
    }
}
