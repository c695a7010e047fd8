package org.spinecare.advisor.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The Ed25519 key pair that signs an audit file's heads ({@link AuditHead}). Only the public half is needed to
 * verify, so an auditor can check a file without being able to forge its heads. Keys are kept as PEM (PKCS#8 for
 * the private key, X.509 SubjectPublicKeyInfo for the public key), the form {@code openssl genpkey -algorithm
 * ed25519} writes, so a key can be made with the command line ({@code audit keygen}) or with OpenSSL.
 */
public final class AuditSigningKey {
    private static final String ALGORITHM = "Ed25519";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private AuditSigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    public static AuditSigningKey generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            return new AuditSigningKey(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 17 runtime has " + ALGORITHM, e);
        }
    }

    /**
     * Reads a key pair from PEM text holding a {@code PRIVATE KEY} block and a {@code PUBLIC KEY} block, as
     * {@link #toPem()} writes it (or {@code openssl genpkey -algorithm ed25519 -out k; openssl pkey -in k -pubout
     * >> k}). The public half is read, not derived, because the JDK does not derive it; the pair is checked by a
     * test signature, so a mismatched pair is refused. Messages never repeat the text.
     *
     * @throws IllegalArgumentException when either is missing or not Ed25519, or they do not belong together
     */
    public static AuditSigningKey fromPem(String pemText) {
        PrivateKey privateKey;
        try {
            privateKey = KeyFactory.getInstance(ALGORITHM).generatePrivate(
                    new PKCS8EncodedKeySpec(pem(pemText, "PRIVATE KEY")));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("no Ed25519 private key in PEM (PKCS#8, -----BEGIN PRIVATE KEY-----)");
        }
        AuditSigningKey key = new AuditSigningKey(privateKey, publicKeyFromPem(pemText));
        byte[] probe = "spine-audit key pair check".getBytes(StandardCharsets.US_ASCII);
        if (!verify(key.publicKey, probe, key.sign(probe))) {
            throw new IllegalArgumentException("the public key does not belong to the private key");
        }
        return key;
    }

    /** @throws IllegalArgumentException when the text is not an Ed25519 public key in PEM */
    public static PublicKey publicKeyFromPem(String publicPem) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(
                    new X509EncodedKeySpec(pem(publicPem, "PUBLIC KEY")));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("no Ed25519 public key in PEM (-----BEGIN PUBLIC KEY-----)");
        }
    }

    /** The private and the public key as PEM: handle it as the secret it is. */
    public String toPem() {
        return toPem("PRIVATE KEY", privateKey.getEncoded()) + publicKeyPem();
    }

    public String publicKeyPem() {
        return toPem("PUBLIC KEY", publicKey.getEncoded());
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The public key's id: the first 16 hex digits of SHA-256 over its X.509 encoding. */
    public String id() {
        return idOf(publicKey);
    }

    public static String idOf(PublicKey publicKey) {
        return Digests.sha256Hex(publicKey.getEncoded()).substring(0, 16);
    }

    byte[] sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + ALGORITHM, e);
        }
    }

    static boolean verify(PublicKey publicKey, byte[] message, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(publicKey);
            signature.update(message);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The DER bytes of the block with this label in PEM text. */
    private static byte[] pem(String text, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = from < 0 ? -1 : text.indexOf(end, from);
        if (to < 0) {
            throw new IllegalArgumentException("no " + label + " block");
        }
        return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    }

    private static String toPem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** Never the private key. */
    @Override
    public String toString() {
        return "AuditSigningKey[id=" + id() + "]";
    }
}
