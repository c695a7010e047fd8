package org.spinecare.advisor.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The host's secret for pseudonymous patient references: {@code HMAC-SHA256(key, patientRef)}. The same key
 * always gives the same pseudonym for the same reference, so one patient's records can be found again by whoever
 * holds the key, and by nobody else. A new key gives different pseudonyms.
 */
public final class AuditKey {
    /** 128 bits at least; {@link #generate()} makes 256. */
    public static final int MIN_BYTES = 16;
    public static final int GENERATED_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] KEY_ID_LABEL = "spine-audit key id v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHAIN_LABEL = "spine-audit chain v2".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CARD_LINK_LABEL = "spine-audit card link v1".getBytes(StandardCharsets.US_ASCII);

    private final byte[] key;
    private final String id;
    // The chain's MAC key, derived so that one secret is never used directly for two purposes.
    private final byte[] chainKey;
    private final byte[] cardLinkKey;

    private AuditKey(byte[] key) {
        if (key.length < MIN_BYTES) {
            throw new IllegalArgumentException("an audit key must be at least " + MIN_BYTES + " bytes");
        }
        this.key = key.clone();
        this.id = HexFormat.of().formatHex(hmac(KEY_ID_LABEL)).substring(0, 16);
        this.chainKey = hmac(CHAIN_LABEL);
        this.cardLinkKey = hmac(CARD_LINK_LABEL);
    }

    public static AuditKey of(byte[] key) {
        return new AuditKey(key);
    }

    /**
     * Reads a key written as hex (at least {@value #MIN_BYTES} bytes, surrounding whitespace ignored). The message of
     * a rejection never repeats the text, which may be a mistyped secret.
     */
    public static AuditKey fromHex(CharSequence hex) {
        String text = hex.toString().strip();
        if (text.length() < 2 * MIN_BYTES || text.length() % 2 != 0 || !text.matches("[0-9a-fA-F]+")) {
            throw new IllegalArgumentException("an audit key must be written as hex: an even number of 0-9/a-f "
                    + "characters, at least " + 2 * MIN_BYTES + " of them");
        }
        return new AuditKey(HexFormat.of().parseHex(text.toLowerCase()));
    }

    public static AuditKey generate() {
        byte[] key = new byte[GENERATED_BYTES];
        new SecureRandom().nextBytes(key);
        return new AuditKey(key);
    }

    /** The key in hex, for a key file; handle the result as the secret it is. */
    public String toHex() {
        return HexFormat.of().formatHex(key);
    }

    /**
     * A public fingerprint of the key (16 hex characters), written in every record so that a reader can tell
     * which records share a key and therefore comparable pseudonyms. It reveals nothing about the key.
     */
    public String id() {
        return id;
    }

    /** The pseudonym of a patient reference: lowercase hex of HMAC-SHA256 over its UTF-8 bytes. */
    public String pseudonym(String patientRef) {
        return HexFormat.of().formatHex(hmac(patientRef.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The MAC that keys a record of format 2: lowercase hex HMAC-SHA256, under a key derived from this one
     * (HMAC-SHA256(key, {@code spine-audit chain v2})), of the record's hash as ASCII hex.
     */
    String chainMac(String recordHash) {
        return HexFormat.of().formatHex(hmac(chainKey, recordHash.getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * The MAC of a card's link to the assessment it answers, kept beside the link in a database trail's card
     * table: lowercase hex HMAC-SHA256, under a key derived from this one (HMAC-SHA256(key, {@code spine-audit card
     * link v1})), of {@code CARD REQUEST_ID} (both lowercase uuids). A link rewritten to another assessment no
     * longer matches it.
     */
    public String cardLinkMac(UUID card, UUID assessmentRequestId) {
        return HexFormat.of().formatHex(hmac(cardLinkKey, (card + " " + assessmentRequestId)
                .getBytes(StandardCharsets.US_ASCII)));
    }

    private byte[] hmac(byte[] message) {
        return hmac(key, message);
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AuditKey k && Arrays.equals(key, k.key);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    /** Never the key itself. */
    @Override
    public String toString() {
        return "AuditKey[id=" + id + "]";
    }
}
