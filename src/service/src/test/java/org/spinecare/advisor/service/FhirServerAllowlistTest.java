package org.spinecare.advisor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Production fetches only from the FHIR server bases configured for the call's issuer (https), so that no caller
 * can point the service and the bearer token it forwards at another server; a refused base says no more than that
 * the data could not be had.
 */
class FhirServerAllowlistTest {
    private static final TestIssuer EHR = new TestIssuer("https://ehr.example.org");
    private static final TestIssuer OTHER = new TestIssuer("https://other.example.org");
    private static final URI BASE = URI.create("https://fhir.ehr.example.org/r4");
    @TempDir
    Path keys;

    private ServiceConfig production() throws IOException {
        return ServiceConfig.development("127.0.0.1", 0).withIssuers(List.of(
                new ServiceConfig.TrustedIssuer(EHR.issuer, EHR.trusted(keys).jwks(), List.of(BASE)),
                OTHER.trusted(keys)), null);
    }

    @Test
    @DisplayName("Given fhirServers for an issuer, only those bases are allowed for it, in any case and with or "
            + "without a trailing slash or the default port; never for another issuer, never over http")
    void allowsOnlyConfiguredBases() throws IOException {
        ServiceConfig config = production();

        assertTrue(config.allowsFhirServer(EHR.issuer, BASE));
        assertTrue(config.allowsFhirServer(EHR.issuer, URI.create("HTTPS://FHIR.ehr.example.org:443/r4/")));
        assertFalse(config.allowsFhirServer(EHR.issuer, URI.create("http://fhir.ehr.example.org/r4")));
        assertFalse(config.allowsFhirServer(EHR.issuer, URI.create("https://fhir.ehr.example.org/r4/Patient")));
        assertFalse(config.allowsFhirServer(EHR.issuer, URI.create("https://fhir.ehr.example.org:8443/r4")));
        assertFalse(config.allowsFhirServer(EHR.issuer, URI.create("https://127.0.0.1/r4")));
        assertFalse(config.allowsFhirServer(OTHER.issuer, BASE));
        assertFalse(config.allowsFhirServer(null, BASE));
    }

    @Test
    @DisplayName("Given a configured FHIR server base that is not https, the configuration is refused naming it")
    void plainHttpBaseRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new ServiceConfig.TrustedIssuer(EHR.issuer, URI.create("https://ehr.example.org/jwks"),
                        List.of(URI.create("http://fhir.ehr.example.org/r4"))));

        assertTrue(e.getMessage().contains("fhirServers of https://ehr.example.org must be https"), e.getMessage());
    }

    @Test
    @DisplayName("Given a call whose fhirServer is not allowed for its issuer, the running service answers 412 "
            + "(nothing else to go on) saying only that the data could not be had, and sends nothing to that server")
    void disallowedBaseIsNeverFetched() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer stranger = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stranger.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        stranger.start();
        try (RunningService server = new RunningService(production())) {
            String audience = server.url("/cds-services/" + ServiceConfig.SERVICE_ID);
            String call = "{\"hook\":\"patient-view\",\"hookInstance\":\"" + java.util.UUID.randomUUID() + "\","
                    + "\"fhirServer\":\"http://127.0.0.1:" + stranger.getAddress().getPort() + "/fhir\","
                    + "\"fhirAuthorization\":{\"access_token\":\"secret-token\",\"token_type\":\"Bearer\","
                    + "\"expires_in\":300,\"scope\":\"patient/*.read\",\"subject\":\"cds-service\"},"
                    + "\"context\":{\"userId\":\"Practitioner/1\",\"patientId\":\"p-1\"}}";

            HttpResponse<String> response = server.post("/cds-services/" + ServiceConfig.SERVICE_ID, call,
                    EHR.es384(audience));

            HookRequestValidationTest.assertProblem(response, 412, "prefetch");
            assertTrue(response.body().contains("could be had") && !response.body().contains("allow"),
                    "only that the data could not be had: " + response.body());
            assertEquals(0, requests.get(), "nothing was sent to a server not on the allowlist");
        } finally {
            stranger.stop(0);
        }
    }
}
