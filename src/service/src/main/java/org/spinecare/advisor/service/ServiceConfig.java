package org.spinecare.advisor.service;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How the service runs. {@link #development} needs nothing else: loopback, no JWT, a loud warning on stderr.
 *
 * @param host           the interface to bind; loopback by default, and always loopback in development mode
 * @param port           0 for an ephemeral port
 * @param publicUrl      the URL clients call the service at, which a JWT's {@code aud} must name; null means
 *                       {@code http(s)://host:port} once bound; https in production
 * @param trustedIssuers who may call, each with its public keys and the FHIR servers the service may fetch from
 *                       for it; empty only in development mode
 * @param corsOrigins    browser origins allowed to call (exact {@code scheme://host[:port]}); empty allows none in
 *                       production and any in development mode (local browser tools such as the CDS Hooks sandbox)
 * @param maxBodyBytes   the largest request body accepted; larger gets 413
 * @param fhirTimeout    how long a call's fetches from the client's FHIR server may take, all together
 * @param development    accept calls without a JWT; never for production
 * @param admin          who may swap the knowledge base release and from where; null turns the admin endpoint off
 * @param transport      TLS served directly, plain HTTP behind a TLS-terminating proxy, or neither (loopback only)
 */
public record ServiceConfig(String host, int port, URI publicUrl, List<TrustedIssuer> trustedIssuers,
                            List<String> corsOrigins, long maxBodyBytes, Duration fhirTimeout, boolean development,
                            Admin admin, Transport transport) {

    public static final String SERVICE_ID = "spine-lower-back";
    public static final long DEFAULT_MAX_BODY_BYTES = 256 * 1024;

    /**
     * An issuer on the allowlist with where its public keys are, a JWKS file ({@code file:/...}) or https URL, and
     * the FHIR server bases (https) a call it signed may name as {@code fhirServer}; none means calls from it are
     * answered from their prefetch only.
     */
    public record TrustedIssuer(String issuer, URI jwks, List<URI> fhirServers) {
        public TrustedIssuer {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(jwks, "jwks");
            if ("file".equals(jwks.getScheme()) && (jwks.isOpaque() || jwks.getPath() == null)) {
                throw new IllegalArgumentException("the JWKS of " + issuer + " must be an absolute file URI "
                        + "(file:/etc/spine/jwks.json), not " + jwks);
            }
            if (!"file".equals(jwks.getScheme()) && !"https".equals(jwks.getScheme())) {
                throw new IllegalArgumentException("the JWKS of " + issuer + " must be an https URL or a file: URI, "
                        + "not " + jwks + " (keys fetched over plain http could be replaced on the way)");
            }
            fhirServers = fhirServers == null ? List.of() : fhirServers.stream().map(base -> fhirBase(issuer, base))
                    .toList();
        }

        public TrustedIssuer(String issuer, URI jwks) {
            this(issuer, jwks, List.of());
        }

        private static URI fhirBase(String issuer, URI base) {
            if (base == null || !"https".equalsIgnoreCase(base.getScheme()) || base.getHost() == null
                    || base.getRawUserInfo() != null || base.getRawQuery() != null || base.getRawFragment() != null) {
                throw new IllegalArgumentException("the fhirServers of " + issuer + " must be https base URLs without "
                        + "user, query or fragment, not " + base);
            }
            return normalised(base);
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
            requireDistinct(issuers, "admin issuers");
            Objects.requireNonNull(releases, "releases");
        }
    }

    /**
     * How clients reach the service over TLS, which CDS Hooks requires for every exchange: the service serves it
     * itself from a PKCS#12 key store ({@code keyStore}, its password from the environment), or it runs behind a
     * proxy that terminates TLS ({@code behindTlsProxy}). Neither is allowed in production only on loopback, where
     * nothing outside this machine can reach the plain port.
     */
    public record Transport(Path keyStore, String keyStorePassword, boolean behindTlsProxy) {
        public static final Transport PLAIN = new Transport(null, null, false);

        public Transport {
            if (keyStore != null && behindTlsProxy) {
                throw new IllegalArgumentException("give either tls (a key store) or behindTlsProxy, not both");
            }
        }

        public static Transport tls(Path keyStore, String password) {
            return new Transport(Objects.requireNonNull(keyStore, "keyStore"), password, false);
        }

        public static Transport behindProxy() {
            return new Transport(null, null, true);
        }

        public boolean servesTls() {
            return keyStore != null;
        }

        @Override
        public String toString() {
            // Never the password: a configuration may be logged.
            return servesTls() ? "TLS from " + keyStore : behindTlsProxy ? "plain HTTP behind a TLS proxy"
                    : "plain HTTP";
        }
    }

    public ServiceConfig {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
        }
        trustedIssuers = List.copyOf(trustedIssuers);
        corsOrigins = List.copyOf(corsOrigins);
        transport = transport == null ? Transport.PLAIN : transport;
        if (!development && trustedIssuers.isEmpty()) {
            throw new IllegalArgumentException("a production configuration needs at least one trusted issuer");
        }
        requireDistinct(trustedIssuers, "trustedIssuers");
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 1024");
        }
        Objects.requireNonNull(fhirTimeout, "fhirTimeout");
        if (development && admin != null) {
            // Development mode accepts calls without a JWT; swapping the knowledge base must never be that open.
            throw new IllegalArgumentException("the release admin endpoint needs a production configuration");
        }
        if (development && !isLoopback(host)) {
            throw new IllegalArgumentException("development mode (no --config: no JWT) listens on loopback only "
                    + "(127.0.0.1, ::1 or localhost), not on " + host + "; give --config to listen elsewhere");
        }
        if (!development && publicUrl != null && !"https".equalsIgnoreCase(publicUrl.getScheme())) {
            throw new IllegalArgumentException("publicUrl must be https (CDS Hooks requires TLS), not " + publicUrl);
        }
        if (!development && !transport.servesTls() && !transport.behindTlsProxy() && !isLoopback(host)) {
            throw new IllegalArgumentException("production on " + host + " needs TLS: give tls {keyStore} to serve "
                    + "it, or behindTlsProxy: true when a proxy in front terminates it (plain HTTP is allowed on "
                    + "loopback only)");
        }
    }

    /** Loopback, no JWT: for a clinician trying the service on their own machine and for tests. */
    public static ServiceConfig development(String host, int port) {
        return new ServiceConfig(host, port, null, List.of(), List.of(), DEFAULT_MAX_BODY_BYTES,
                Duration.ofSeconds(5), true, null, Transport.PLAIN);
    }

    public ServiceConfig withIssuers(List<TrustedIssuer> issuers, URI url) {
        return new ServiceConfig(host, port, url, issuers, corsOrigins, maxBodyBytes, fhirTimeout, false, admin,
                transport);
    }

    public ServiceConfig withCorsOrigins(List<String> origins) {
        return new ServiceConfig(host, port, publicUrl, trustedIssuers, origins, maxBodyBytes, fhirTimeout,
                development, admin, transport);
    }

    public ServiceConfig withAdmin(Admin releaseAdmin) {
        return new ServiceConfig(host, port, publicUrl, trustedIssuers, corsOrigins, maxBodyBytes, fhirTimeout,
                development, releaseAdmin, transport);
    }

    public ServiceConfig withTransport(Transport how) {
        return new ServiceConfig(host, port, publicUrl, trustedIssuers, corsOrigins, maxBodyBytes, fhirTimeout,
                development, admin, how);
    }

    /**
     * Whether a call signed by {@code issuer} may have the service fetch from {@code fhirServer}: in production only
     * a base configured for that issuer (compared without a trailing slash, scheme and host in any case), so that no
     * caller can point the service, and the bearer token it forwards, at another server. Development mode, local and
     * without JWT, fetches from any.
     */
    public boolean allowsFhirServer(String issuer, URI fhirServer) {
        if (development && trustedIssuers.isEmpty()) {
            return true;
        }
        if (issuer == null || fhirServer == null || !fhirServer.isAbsolute() || fhirServer.isOpaque()) {
            return false;
        }
        URI wanted = normalised(fhirServer);
        return trustedIssuers.stream().filter(t -> t.issuer().equals(issuer))
                .anyMatch(t -> t.fhirServers().contains(wanted));
    }

    /** True for the names and addresses of this machine's loopback interface. */
    public static boolean isLoopback(String host) {
        String name = host.strip().toLowerCase(Locale.ROOT);
        if (name.equals("localhost")) {
            return true;
        }
        // Only literal addresses are resolved here: a name other than localhost is never taken as loopback.
        if (!name.matches("[0-9.]+|\\[?[0-9a-f:.]+]?")) {
            return false;
        }
        try {
            return InetAddress.getByName(name).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static URI normalised(URI base) {
        String path = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        int port = base.getPort() == 443 && "https".equalsIgnoreCase(base.getScheme()) ? -1 : base.getPort();
        return URI.create(base.getScheme().toLowerCase(Locale.ROOT) + "://" + base.getHost().toLowerCase(Locale.ROOT)
                + (port == -1 ? "" : ":" + port) + path);
    }

    private static void requireDistinct(List<TrustedIssuer> issuers, String where) {
        Set<String> seen = new HashSet<>();
        for (TrustedIssuer issuer : issuers) {
            if (!seen.add(issuer.issuer())) {
                throw new IllegalArgumentException(where + " lists the issuer " + issuer.issuer() + " twice; give "
                        + "each issuer once, with all its keys in one JWKS");
            }
        }
    }
}
