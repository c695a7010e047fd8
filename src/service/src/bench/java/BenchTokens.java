import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Makes what the production-mode service benchmark needs (src/service/src/bench/serve-production): an issuer's
 * RS384 (RSA 2048) and ES384 (P-384) keys, its public JWKS for the service's configuration, and pre-signed
 * tokens, one a line, each with its own jti, so that no request of the run is refused as a replay.
 * Usage: java -cp CLASSPATH BenchTokens.java DIR ISSUER AUDIENCE RS384_COUNT ES384_COUNT
 */
public class BenchTokens {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String issuer = args[1];
        String audience = args[2];
        int rsCount = Integer.parseInt(args[3]);
        int esCount = Integer.parseInt(args[4]);
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("bench-rsa").generate();
        ECKey ec = new ECKeyGenerator(Curve.P_384).keyID("bench-ec").generate();
        Files.writeString(dir.resolve("jwks.json"), new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK()))
                .toString());
        // The service accepts tokens living at most 10 minutes; the run must start using them before 9.
        Instant now = Instant.now();
        write(dir.resolve("rs384.tokens"), rsCount, new RSASSASigner(rsa), JWSAlgorithm.RS384, rsa.getKeyID(),
                issuer, audience, now);
        write(dir.resolve("es384.tokens"), esCount, new ECDSASigner(ec), JWSAlgorithm.ES384, ec.getKeyID(),
                issuer, audience, now);
    }

    private static void write(Path file, int count, JWSSigner signer, JWSAlgorithm alg, String kid, String issuer,
                              String audience, Instant now) throws Exception {
        List<String> tokens = IntStream.range(0, count).parallel().mapToObj(i -> {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).subject(issuer).audience(audience)
                    .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(540)))
                    .jwtID(UUID.randomUUID().toString()).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).build(), claims);
            try {
                jwt.sign(signer);
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
            return jwt.serialize();
        }).toList();
        Files.write(file, tokens);
    }
}
