package org.spinecare.advisor.service;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** A CDS client's identity for tests: real ES384 and RS384 keys, a JWKS file, and tokens signed as a client would. */
final class TestIssuer {
    final String issuer;
    private final ECKey ecKey;
    private final RSAKey rsaKey;

    TestIssuer(String issuer) {
        this.issuer = issuer;
        try {
            ecKey = new ECKeyGenerator(Curve.P_384).keyID(issuer + "-ec").generate();
            rsaKey = new RSAKeyGenerator(2048).keyID(issuer + "-rsa").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the public keys as a JWKS file and returns the allowlist entry naming it. */
    ServiceConfig.TrustedIssuer trusted(Path dir) throws IOException {
        Path file = dir.resolve(issuer.replaceAll("\\W", "_") + ".jwks.json");
        Files.writeString(file, new JWKSet(List.of(ecKey.toPublicJWK(), rsaKey.toPublicJWK())).toString());
        return new ServiceConfig.TrustedIssuer(issuer, file.toUri());
    }

    JWTClaimsSet.Builder claims(String audience) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer).audience(audience).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5)))).jwtID(UUID.randomUUID().toString());
    }

    String es384(String audience) {
        return es384(claims(audience).build());
    }

    String es384(JWTClaimsSet claims) {
        return sign(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID(ecKey.getKeyID()).build(), claims, true);
    }

    String rs384(String audience) {
        return sign(new JWSHeader.Builder(JWSAlgorithm.RS384).keyID(rsaKey.getKeyID()).build(),
                claims(audience).build(), false);
    }

    String modified(String audience, UnaryOperator<JWTClaimsSet.Builder> change) {
        return es384(change.apply(claims(audience)).build());
    }

    /** Signed with a key of the same kid that is not in the JWKS: a forgery. */
    String withUnknownKey(String audience) throws JOSEException {
        ECKey other = new ECKeyGenerator(Curve.P_384).keyID("unknown-key").generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID(other.getKeyID()).build(),
                claims(audience).build());
        jwt.sign(new ECDSASigner(other));
        return jwt.serialize();
    }

    String unsigned(String audience) {
        return new PlainJWT(new PlainHeader(), claims(audience).build()).serialize();
    }

    String hs256(String audience) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(audience).build());
        jwt.sign(new MACSigner(new byte[32]));
        return jwt.serialize();
    }

    private String sign(JWSHeader header, JWTClaimsSet claims, boolean ec) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(ec ? new ECDSASigner(ecKey) : new RSASSASigner(rsaKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
