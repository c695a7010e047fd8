package org.spinecare.advisor.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

/**
 * A signed statement that an audit file held {@code records} records, the last with hash {@code lastHash}, at
 * {@code time}: like a Certificate Transparency signed tree head. A file checked against a head it cannot match
 * has lost or changed records; a head that does not verify under the public key was not made by the key holder.
 *
 * <p>Its text is one canonical JSON line, {@code {"type":"spine-audit head","format":1,"records":N,"lastHash":..,
 * "time":..,"keyId":..,"signature":..}}; the signature (Ed25519, base64) covers the line without its signature
 * member.
 */
public record AuditHead(long records, String lastHash, Instant time, String keyId, String signature) {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final String TYPE = "spine-audit head";
    private static final List<String> FIELDS = List.of("type", "format", "records", "lastHash", "time", "keyId",
            "signature");

    static AuditHead sign(long records, String lastHash, Instant time, AuditSigningKey key) {
        AuditHead unsigned = new AuditHead(records, lastHash, time.truncatedTo(ChronoUnit.MILLIS), key.id(), null);
        return new AuditHead(records, lastHash, unsigned.time, key.id(),
                Base64.getEncoder().encodeToString(key.sign(unsigned.write(false))));
    }

    /** Whether the signature is the holder's of {@code publicKey} over this head, and the key id is that key's. */
    public boolean verifies(PublicKey publicKey) {
        if (!AuditSigningKey.idOf(publicKey).equals(keyId)) {
            return false;
        }
        byte[] signatureBytes;
        try {
            signatureBytes = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return AuditSigningKey.verify(publicKey, write(false), signatureBytes);
    }

    /** The head's line, without a line break. */
    public String text() {
        return new String(write(true), StandardCharsets.UTF_8);
    }

    /**
     * Reads a head's text (surrounding whitespace ignored).
     *
     * @throws IllegalArgumentException naming what is wrong when it is not a head
     */
    public static AuditHead parse(String text) {
        JsonNode root = AuditCodec.tree(text.strip().getBytes(StandardCharsets.UTF_8));
        AuditCodec.exactFields(root, "", FIELDS);
        if (!TYPE.equals(AuditCodec.text(root, "type")) || AuditCodec.integer(root, "format") != 1) {
            throw new IllegalArgumentException("not a spine-audit head of format 1");
        }
        AuditHead head;
        try {
            head = new AuditHead(AuditCodec.whole(root, "records"), AuditCodec.text(root, "lastHash"),
                    Instant.parse(AuditCodec.text(root, "time")), AuditCodec.text(root, "keyId"),
                    AuditCodec.text(root, "signature"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time is not an ISO-8601 instant");
        }
        if (head.records < 0 || !head.lastHash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("records must be 0 or more and lastHash 64 lowercase hex digits");
        }
        return head;
    }

    private byte[] write(boolean withSignature) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", TYPE);
            g.writeNumberField("format", 1);
            g.writeNumberField("records", records);
            g.writeStringField("lastHash", lastHash);
            g.writeStringField("time", time.toString());
            g.writeStringField("keyId", keyId);
            if (withSignature) {
                g.writeStringField("signature", signature);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
