package org.spinecare.advisor.service;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the service runs. {@link #development} needs nothing else: loopback, no JWT, a loud warning on stderr.
 *
 * @param host           the interface to bind; loopback by default
 * @param port           0 for an ephemeral port
 * @param publicUrl      the URL clients call the service at, which a JWT's {@code aud} must name; null means
 *                       {@code http://host:port} once bound
 * @param trustedIssuers who may call, each with its public keys; empty only in development mode
 * @param corsOrigins    browser origins allowed to call (exact {@code scheme://host[:port]}); empty allows none
 * @param maxBodyBytes   the largest request body accepted; larger gets 413
 * @param fhirTimeout    how long a call's fetches from the client's FHIR server may take, all together
 * @param development    accept calls without a JWT; never for production
 * @param admin          who may swap the knowledge base release and from where; null turns the admin endpoint off
 */
public record ServiceConfig(String host, int port, URI publicUrl, List<TrustedIssuer> trustedIssuers,
                            List<String> corsOrigins, long maxBodyBytes, Duration fhirTimeout, boolean development,
                            Admin admin) {

    public static final String SERVICE_ID = "spine-lower-back";
    public static final long DEFAULT_MAX_BODY_BYTES = 256 * 1024;

    /** An issuer on the allowlist with where its public keys are: a JWKS file ({@code file:}) or URL. */
    public record TrustedIssuer(String issuer, URI jwks) {
        public TrustedIssuer {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(jwks, "jwks");
        }
    }

    /**
     * The release admin: its own issuers (never the CDS clients' allowlist, so a clinical token cannot swap the
     * knowledge base), and the only directory a release may be loaded from.
     */
    public record Admin(List<TrustedIssuer> issuers, Path releases) {
        public Admin {
            issuers = List.copyOf(issuers);
            if (issuers.isEmpty()) {
                throw new IllegalArgumentException("the admin configuration needs at least one issuer");
            }
            Objects.requireNonNull(releases, "releases");
        }
    }

    public ServiceConfig {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
        }
        trustedIssuers = List.copyOf(trustedIssuers);
        corsOrigins = List.copyOf(corsOrigins);
        if (!development && trustedIssuers.isEmpty()) {
            throw new IllegalArgumentException("a production configuration needs at least one trusted issuer");
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 1024");
        }
        Objects.requireNonNull(fhirTimeout, "fhirTimeout");
        if (development && admin != null) {
            // Development mode accepts calls without a JWT; swapping the knowledge base must never be that open.
            throw new IllegalArgumentException("the release admin endpoint needs a production configuration");
        }
    }

    /** Loopback, no JWT: for a clinician trying the service on their own machine and for tests. */
    public static ServiceConfig development(String host, int port) {
        return new ServiceConfig(host, port, null, List.of(), List.of(), DEFAULT_MAX_BODY_BYTES,
                Duration.ofSeconds(5), true, null);
    }

    public ServiceConfig withIssuers(List<TrustedIssuer> issuers, URI url) {
        return new ServiceConfig(host, port, url, issuers, corsOrigins, maxBodyBytes, fhirTimeout, false, admin);
    }

    public ServiceConfig withCorsOrigins(List<String> origins) {
        return new ServiceConfig(host, port, publicUrl, trustedIssuers, origins, maxBodyBytes, fhirTimeout,
                development, admin);
    }

    public ServiceConfig withAdmin(Admin releaseAdmin) {
        return new ServiceConfig(host, port, publicUrl, trustedIssuers, corsOrigins, maxBodyBytes, fhirTimeout,
                development, releaseAdmin);
    }
}
