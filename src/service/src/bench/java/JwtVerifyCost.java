import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.security.Provider;
import java.util.Arrays;

/**
 * What verifying one CDS Hooks token costs (docs/performance.md, production-mode service): nimbus's RS384
 * (RSA 2048) and ES384 (P-384) verifiers, with the JDK's own provider and, when it is on the class path,
 * BouncyCastle's. Interleaved rounds so that the machine's load falls on every variant alike; median per call of
 * the thread's CPU time (which other work on the machine hardly moves), and of the wall time.
 * Usage: java -cp NIMBUS[:BCPROV] JwtVerifyCost.java [ROUNDS]
 */
public class JwtVerifyCost {
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        ECKey ec = new ECKeyGenerator(Curve.P_384).generate();
        JWSObject rs = signed(JWSAlgorithm.RS384, new RSASSASigner(rsa));
        JWSObject es = signed(JWSAlgorithm.ES384, new ECDSASigner(ec));
        Provider bc = bouncyCastle();
        String[] names = bc == null ? new String[] {"RS384 JDK", "ES384 JDK"}
                : new String[] {"RS384 JDK", "ES384 JDK", "RS384 BC", "ES384 BC"};
        JWSVerifier[] verifiers = new JWSVerifier[names.length];
        JWSObject[] objects = new JWSObject[names.length];
        for (int i = 0; i < names.length; i++) {
            boolean isRs = names[i].startsWith("RS");
            verifiers[i] = isRs ? new RSASSAVerifier(rsa.toRSAPublicKey()) : new ECDSAVerifier(ec.toECPublicKey());
            if (names[i].endsWith("BC")) {
                verifiers[i].getJCAContext().setProvider(bc);
            }
            objects[i] = isRs ? rs : es;
        }
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        double[][] perCall = new double[names.length][rounds];
        double[][] wallPerCall = new double[names.length][rounds];
        for (int r = -3; r < rounds; r++) {   // three rounds of warm-up
            for (int i = 0; i < names.length; i++) {
                int n = names[i].startsWith("RS") ? 2000 : 200;
                long start = System.nanoTime();
                long startCpu = cpu.getCurrentThreadCpuTime();
                for (int k = 0; k < n; k++) {
                    if (!objects[i].verify(verifiers[i])) {
                        throw new IllegalStateException(names[i] + " did not verify");
                    }
                }
                if (r >= 0) {
                    perCall[i][r] = (cpu.getCurrentThreadCpuTime() - startCpu) / 1e3 / n;
                    wallPerCall[i][r] = (System.nanoTime() - start) / 1e3 / n;
                }
            }
        }
        System.out.println(System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + (bc == null ? "" : ", " + bc.getName() + " " + bc.getVersionStr()));
        for (int i = 0; i < names.length; i++) {
            Arrays.sort(perCall[i]);
            Arrays.sort(wallPerCall[i]);
            System.out.printf("  %-10s CPU median %8.1f us per verification (min %.1f, max %.1f over %d rounds);"
                    + " wall median %.1f us%n", names[i], perCall[i][rounds / 2], perCall[i][0],
                    perCall[i][rounds - 1], rounds, wallPerCall[i][rounds / 2]);
        }
    }

    private static JWSObject signed(JWSAlgorithm alg, JWSSigner signer) throws Exception {
        JWSObject object = new JWSObject(new JWSHeader(alg), new Payload("{\"iss\":\"https://ehr.example.org\"}"));
        object.sign(signer);
        return JWSObject.parse(object.serialize());
    }

    private static Provider bouncyCastle() {
        try {
            return (Provider) Class.forName("org.bouncycastle.jce.provider.BouncyCastleProvider")
                    .getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
