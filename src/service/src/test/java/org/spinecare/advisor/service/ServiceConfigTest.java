package org.spinecare.advisor.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The misconfigurations the service refuses at start-up, each with a line that says what is wrong. */
class ServiceConfigTest {
    private static final ServiceConfig.TrustedIssuer EHR = new ServiceConfig.TrustedIssuer("https://ehr.example.org",
            URI.create("https://ehr.example.org/jwks.json"));

    @Test
    @DisplayName("Given an issuer listed twice, the configuration is refused instead of one silently replacing the "
            + "other")
    void duplicateIssuerRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServiceConfig
                .development("127.0.0.1", 0).withIssuers(List.of(EHR, EHR), null));

        assertTrue(e.getMessage().contains("lists the issuer https://ehr.example.org twice"), e.getMessage());
    }

    @Test
    @DisplayName("Given a plain-http JWKS URL, or a relative file: URI, the issuer is refused saying why")
    void jwksLocationsRefused() {
        IllegalArgumentException http = assertThrows(IllegalArgumentException.class, () ->
                new ServiceConfig.TrustedIssuer("https://ehr.example.org", URI.create("http://ehr.example.org/j")));
        IllegalArgumentException relative = assertThrows(IllegalArgumentException.class, () ->
                new ServiceConfig.TrustedIssuer("https://ehr.example.org", URI.create("file:keys/jwks.json")));

        assertTrue(http.getMessage().contains("must be an https URL or a file: URI"), http.getMessage());
        assertTrue(relative.getMessage().contains("must be an absolute file URI"), relative.getMessage());
    }

    @Test
    @DisplayName("Given production on a non-loopback interface without TLS or a TLS proxy, it is refused; with "
            + "either, or on loopback, it is accepted")
    void productionNeedsTls() {
        ServiceConfig loopback = ServiceConfig.development("127.0.0.1", 0).withIssuers(List.of(EHR),
                URI.create("https://cds.example.org"));
        ServiceConfig open = new ServiceConfig("0.0.0.0", 0, URI.create("https://cds.example.org"), List.of(EHR),
                List.of(), ServiceConfig.DEFAULT_MAX_BODY_BYTES, loopback.fhirTimeout(), false, null,
                ServiceConfig.Transport.behindProxy());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> open.withTransport(ServiceConfig.Transport.PLAIN));
        open.withTransport(ServiceConfig.Transport.tls(Path.of("/etc/spine/cds.p12"), "secret"));

        assertTrue(e.getMessage().contains("needs TLS"), e.getMessage());
        assertFalse(open.withTransport(ServiceConfig.Transport.tls(Path.of("/x.p12"), "secret")).toString()
                .contains("secret"), "the key store password is never in a configuration's text");
    }

    @Test
    @DisplayName("Given an http publicUrl in production, it is refused: CDS Hooks requires TLS")
    void plainPublicUrlRefused() {
        assertThrows(IllegalArgumentException.class, () -> ServiceConfig.development("127.0.0.1", 0)
                .withIssuers(List.of(EHR), URI.create("http://cds.example.org")));
    }
}
