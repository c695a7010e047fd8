package org.spinecare.advisor.service;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Checks the JWT a CDS client sends with every call, as CDS Hooks 2.0 requires: signed with ES384 or RS384 by an
 * issuer on the allowlist with a key from that issuer's JWKS; {@code aud} the URL called; {@code exp}, {@code iat}
 * and {@code jti} present; not expired; {@code jti} not seen before. Unsigned ({@code alg: none}) and HMAC tokens
 * are refused: a shared secret would let anyone who can verify also forge.
 */
final class CallAuthenticator {
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES384, JWSAlgorithm.RS384);
    private static final String BEARER = "Bearer ";

    /** The clock difference between issuer and service tolerated for {@code iat}, as nimbus does for exp and nbf. */
    static final Duration SKEW = Duration.ofSeconds(60);

    private final Map<String, DefaultJWTProcessor<SecurityContext>> processors = new HashMap<>();
    private final ReplayGuard replays;
    private final Clock clock;

    CallAuthenticator(Iterable<ServiceConfig.TrustedIssuer> issuers, Clock clock) {
        for (ServiceConfig.TrustedIssuer issuer : issuers) {
            processors.put(issuer.issuer(), processor(keys(issuer.jwks())));
        }
        this.replays = new ReplayGuard(clock);
        this.clock = clock;
    }

    /**
     * Verifies the {@code Authorization} header for a call to {@code audience} (or to one of {@code alsoAccepted}).
     *
     * @return the token's issuer
     * @throws RequestException 401 naming what is wrong
     */
    String authenticate(String authorization, String audience, String... alsoAccepted) {
        if (authorization == null || !authorization.startsWith(BEARER)) {
            throw unauthorized("a CDS Hooks call needs Authorization: Bearer <JWT>");
        }
        SignedJWT jwt;
        try {
            // SignedJWT refuses a token with alg "none": an unsigned token is not a signed JWT.
            jwt = SignedJWT.parse(authorization.substring(BEARER.length()).trim());
        } catch (ParseException e) {
            throw unauthorized("the bearer token is not a signed JWT");
        }
        String issuer;
        try {
            issuer = jwt.getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            throw unauthorized("the JWT claims are not valid JSON");
        }
        DefaultJWTProcessor<SecurityContext> processor = issuer == null ? null : processors.get(issuer);
        if (processor == null) {
            throw unauthorized("the JWT issuer (iss) is not on this service's allowlist");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(jwt, null);
        } catch (BadJOSEException | JOSEException e) {
            throw unauthorized("the JWT was refused: " + e.getMessage());
        }
        if (!claims.getAudience().contains(audience)
                && Arrays.stream(alsoAccepted).noneMatch(claims.getAudience()::contains)) {
            throw unauthorized("the JWT audience (aud) must be " + audience);
        }
        if (claims.getIssueTime().toInstant().isAfter(clock.instant().plus(SKEW))) {
            throw unauthorized("the JWT was issued in the future (iat more than " + SKEW.toSeconds()
                    + " s ahead of this service's clock)");
        }
        if (!replays.acceptsLifetime(claims.getExpirationTime().toInstant())) {
            throw unauthorized("the JWT expires more than " + ReplayGuard.MAX_LIFETIME.toMinutes()
                    + " minutes from now; the specification recommends 5 minutes");
        }
        if (!replays.firstUse(issuer, claims.getJWTID(), claims.getExpirationTime().toInstant())) {
            throw unauthorized("the JWT id (jti) was already used; send a new token with every call");
        }
        return issuer;
    }

    /**
     * Verifiers with BouncyCastle's provider, kept to this factory (not registered with the JVM): it verifies an
     * ES384 signature in about 550 µs of CPU where the JDK 17 provider takes 1,700 (1,550 on JDK 25), and RS384 in
     * the same 33 µs (docs/performance.md, JwtVerifyCost). nimbus checks the signature's form before either.
     */
    private static final DefaultJWSVerifierFactory VERIFIERS = bouncyCastleVerifiers();

    private static DefaultJWSVerifierFactory bouncyCastleVerifiers() {
        DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();
        verifiers.getJCAContext().setProvider(new BouncyCastleProvider());
        return verifiers;
    }

    private static DefaultJWTProcessor<SecurityContext> processor(JWKSource<SecurityContext> keys) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        processor.setJWSVerifierFactory(VERIFIERS);
        // The audience is checked by the caller against the URL actually called; these are the claims the
        // specification makes required. The verifier also checks exp and nbf, with nimbus's 60 s clock skew.
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(null, null,
                Set.of("iss", "aud", "exp", "iat", "jti"), null));
        return processor;
    }

    private static JWKSource<SecurityContext> keys(URI jwks) {
        try {
            if ("file".equals(jwks.getScheme())) {
                return new ImmutableJWKSet<>(JWKSet.load(Path.of(jwks).toFile()));
            }
            // Cached and rate-limited by nimbus, so a flood of calls with an unknown kid does not flood the issuer.
            return JWKSourceBuilder.create(jwks.toURL()).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JWKS " + jwks + ": " + e.getMessage(), e);
        } catch (ParseException e) {
            throw new IllegalArgumentException("the JWKS " + jwks + " is not a JWK set: " + e.getMessage(), e);
        }
    }

    private static RequestException unauthorized(String message) {
        return new RequestException(401, "Authorization", message);
    }
}
