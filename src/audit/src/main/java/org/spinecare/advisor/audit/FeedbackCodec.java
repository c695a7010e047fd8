package org.spinecare.advisor.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.spinecare.advisor.FeedbackEntry.OverrideReason;

/**
 * The canonical JSON of a feedback record, under the same rules as {@link AuditCodec}: no whitespace, fields in
 * this fixed order, the line without its final {@code hash} member is the hash input.
 */
final class FeedbackCodec {
    private static final JsonFactory FACTORY = new JsonFactory();
    static final List<String> FIELDS = List.of("format", "seq", "type", "time", "keyId", "assessment", "card", "outcome",
            "overrideReasons", "outcomeTime", "prevHash", "hash");

    private FeedbackCodec() {
    }

    static byte[] line(FeedbackRecord record) {
        return write(record, true);
    }

    static byte[] write(FeedbackRecord r, boolean withHash) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("format", r.format());
            g.writeNumberField("seq", r.seq());
            g.writeStringField("type", FeedbackRecord.TYPE);
            g.writeStringField("time", r.time().toString());
            g.writeStringField("keyId", r.keyId());
            g.writeObjectFieldStart("assessment");
            g.writeStringField("requestId", r.assessmentRequestId().toString());
            g.writeStringField("hash", r.assessmentHash());
            g.writeEndObject();
            g.writeStringField("card", r.card().toString());
            g.writeStringField("outcome", r.outcome());
            g.writeArrayFieldStart("overrideReasons");
            for (OverrideReason reason : r.overrideReasons()) {
                g.writeStartObject();
                g.writeStringField("system", reason.system());
                g.writeStringField("code", reason.code());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("outcomeTime", r.outcomeTime().toString());
            AuditCodec.writeLinks(g, r.prevHash(), withHash ? r.hash() : null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Reads a feedback line already parsed as JSON; checks its shape only, like {@link AuditCodec#parse}. */
    static FeedbackRecord parse(JsonNode root) {
        AuditCodec.exactFields(root, "", FIELDS);
        if (!FeedbackRecord.TYPE.equals(root.get("type").asText())) {
            throw new IllegalArgumentException("type must be \"" + FeedbackRecord.TYPE + "\"");
        }
        JsonNode assessment = AuditCodec.object(root, "assessment", List.of("requestId", "hash"));
        JsonNode reasons = root.get("overrideReasons");
        if (!reasons.isArray()) {
            throw new IllegalArgumentException("overrideReasons must be an array");
        }
        List<OverrideReason> parsed = new ArrayList<>();
        for (JsonNode reason : reasons) {
            if (!reason.isObject()) {
                throw new IllegalArgumentException("overrideReasons must hold objects");
            }
            AuditCodec.exactFields(reason, "overrideReasons[].", List.of("system", "code"));
            parsed.add(new OverrideReason(AuditCodec.text(reason, "system"), AuditCodec.text(reason, "code")));
        }
        String outcome = AuditCodec.text(root, "outcome");
        if (!FeedbackRecord.OUTCOMES.contains(outcome)) {
            throw new IllegalArgumentException("outcome must be accepted or overridden");
        }
        if (outcome.equals("accepted") && !parsed.isEmpty()) {
            throw new IllegalArgumentException("an accepted card has no override reasons");
        }
        return new FeedbackRecord(AuditCodec.integer(root, "format"), AuditCodec.whole(root, "seq"),
                instant(root, "time"), AuditCodec.text(root, "keyId"),
                uuid(AuditCodec.text(assessment, "requestId"), "assessment.requestId"),
                AuditCodec.text(assessment, "hash"), uuid(AuditCodec.text(root, "card"), "card"), outcome, parsed,
                instant(root, "outcomeTime"), AuditCodec.text(root, "prevHash"), AuditCodec.text(root, "hash"));
    }

    private static Instant instant(JsonNode root, String name) {
        try {
            return Instant.parse(AuditCodec.text(root, name));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " is not an ISO-8601 instant");
        }
    }

    private static UUID uuid(String text, String name) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not a UUID");
        }
    }
}
