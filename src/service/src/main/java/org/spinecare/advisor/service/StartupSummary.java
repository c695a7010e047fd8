package org.spinecare.advisor.service;

import java.net.URI;
import java.util.stream.Collectors;

/** The start-up configuration in one log line, without secrets: no key store password, no token. */
final class StartupSummary {
    private StartupSummary() {
    }

    static String of(ServiceConfig config, URI url, int port) {
        String issuers = config.trustedIssuers().stream()
                .map(t -> t.issuer() + " (jwks " + t.jwks() + ", fhirServers " + t.fhirServers() + ")")
                .collect(Collectors.joining(", ", "[", "]"));
        return (config.development() ? "DEVELOPMENT MODE (no JWT)" : "production") + ", url " + url + ", listening on "
                + config.host() + ":" + port + ", " + config.transport() + ", trusted issuers " + issuers
                + ", CORS " + (config.corsOrigins().isEmpty() ? (config.development() ? "any origin" : "off")
                : config.corsOrigins()) + ", maxBodyBytes " + config.maxBodyBytes() + ", fhirTimeout "
                + config.fhirTimeout().toMillis() + " ms, release admin " + (config.admin() == null ? "off"
                : "on (releases " + config.admin().releases() + ")");
    }
}
