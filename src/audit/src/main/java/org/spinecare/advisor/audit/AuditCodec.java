package org.spinecare.advisor.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.spinecare.advisor.InputMapping;
import org.spinecare.advisor.KnowledgeBaseInfo;
import org.spinecare.advisor.StrictJson;

/**
 * The canonical JSON of an audit record, which is both its line in the file and (without the {@code hash} field)
 * the input of its hash: UTF-8, no whitespace, fields in the fixed order below, every field present ({@code null}
 * where empty), strings with the minimal JSON escaping, the time as {@link Instant#toString()}.
 */
final class AuditCodec {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final List<String> FIELDS = List.of("format", "seq", "requestId", "time", "libraryVersion",
            "knowledgeBase", "keyId", "patientPseudonym", "inputSha256", "evaluationDate", "inputMapping", "outcome",
            "firedRules", "prevHash", "hash");
    /**
     * Written only when present (a request's evaluation date, a FHIR input's mapping summary), so that older
     * records keep their canonical form.
     */
    private static final List<String> OPTIONAL = List.of("evaluationDate", "inputMapping");
    private static final List<String> MAPPING_FIELDS = List.of("format", "unknownCodes", "unusable", "conflicts");
    /** A mapping with gaps adds them; one without writes none, so records from before gaps keep their form. */
    private static final List<String> MAPPING_FIELDS_WITH_GAPS = List.of("format", "unknownCodes", "unusable",
            "conflicts", "gaps");

    /** {@code ,"hash":"} + 64 hex digits + {@code "}}: the end of every line. */
    private static final int HASH_MEMBER_BYTES = ",\"hash\":\"".length() + 64 + 2;

    private AuditCodec() {
    }

    /** SHA-256 (hex) of the record's canonical form without its hash field. */
    static String hashOf(AuditRecord record) {
        return Digests.sha256Hex(write(record, false));
    }

    /**
     * The hash of a record from its canonical line: the line without its final {@code ,"hash":"<64 hex>"} member
     * is exactly the canonical form without the hash field, so the record need not be serialised twice.
     */
    static String hashOfLine(byte[] canonicalLine) {
        int cut = canonicalLine.length - HASH_MEMBER_BYTES;
        byte[] unsealed = java.util.Arrays.copyOf(canonicalLine, cut + 1);
        unsealed[cut] = '}';
        return Digests.sha256Hex(unsealed);
    }

    /** The record's line, without the line break. */
    static byte[] line(AuditRecord record) {
        return write(record, true);
    }

    private static byte[] write(AuditRecord r, boolean withHash) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("format", r.format());
            g.writeNumberField("seq", r.seq());
            g.writeStringField("requestId", r.requestId().toString());
            g.writeStringField("time", r.time().toString());
            g.writeStringField("libraryVersion", r.libraryVersion());
            g.writeObjectFieldStart("knowledgeBase");
            g.writeStringField("releaseId", r.knowledgeBase().releaseId());
            g.writeStringField("rulesSha256", r.knowledgeBase().rulesSha256());
            g.writeEndObject();
            g.writeStringField("keyId", r.keyId());
            g.writeStringField("patientPseudonym", r.patientPseudonym());
            g.writeStringField("inputSha256", r.inputSha256());
            if (r.evaluationDate() != null) {
                g.writeStringField("evaluationDate", r.evaluationDate().toString());
            }
            if (r.inputMapping() != null) {
                InputMapping m = r.inputMapping();
                g.writeObjectFieldStart("inputMapping");
                g.writeStringField("format", m.format());
                g.writeNumberField("unknownCodes", m.unknownCodes());
                strings(g, "unusable", m.unusable());
                strings(g, "conflicts", m.conflicts());
                if (!m.gaps().isEmpty()) {
                    strings(g, "gaps", m.gaps());
                }
                g.writeEndObject();
            }
            AuditRecord.Outcome o = r.outcome();
            g.writeObjectFieldStart("outcome");
            g.writeStringField("triage", o.triage());
            strings(g, "redFlags", o.redFlags());
            strings(g, "unscreenedRedFlags", o.unscreenedRedFlags());
            g.writeObjectFieldStart("stenosis");
            g.writeStringField("status", o.stenosisStatus());
            strings(g, "indicators", o.stenosisIndicators());
            g.writeEndObject();
            strings(g, "recommended", o.recommended());
            strings(g, "contraindicated", o.contraindicated());
            g.writeEndObject();
            g.writeArrayFieldStart("firedRules");
            for (AuditRecord.RuleFiring rule : r.firedRules()) {
                g.writeStartObject();
                g.writeStringField("id", rule.id());
                g.writeStringField("name", rule.name());
                strings(g, "matched", rule.matched());
                g.writeEndObject();
            }
            g.writeEndArray();
            writeLinks(g, r.prevHash(), withHash ? r.hash() : null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The end every record shares: its prevHash, its hash unless it is being hashed, and the closing brace. */
    static void writeLinks(JsonGenerator g, String prevHash, String hash) throws IOException {
        g.writeStringField("prevHash", prevHash);
        if (hash != null) {
            g.writeStringField("hash", hash);
        }
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String value : values) {
            g.writeString(value);
        }
        g.writeEndArray();
    }

    /**
     * Reads one line. It checks the shape only (every field present, of the right type, nothing else); whether the
     * content is genuine is the hash's and the chain's business.
     */
    static AuditRecord parse(byte[] line) {
        return parse(tree(line));
    }

    /** Parses a line as one JSON object (strictly: no duplicate names, nothing after it). */
    static JsonNode tree(byte[] line) {
        JsonNode root;
        try {
            root = StrictJson.reader().readTree(line);
        } catch (JsonProcessingException e) {
            StrictJson.Problem problem = StrictJson.problemOf(e);
            throw new IllegalArgumentException("not JSON (" + problem.path() + ": " + problem.message() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return root;
    }

    /** Reads an assessment line already parsed by {@link #tree}. */
    static AuditRecord parse(JsonNode root) {
        exactFields(root, "", FIELDS.stream().filter(f -> !OPTIONAL.contains(f) || root.has(f)).toList());
        InputMapping mapping = root.has("inputMapping") ? inputMapping(root) : null;
        JsonNode kb = object(root, "knowledgeBase", List.of("releaseId", "rulesSha256"));
        JsonNode o = object(root, "outcome", List.of("triage", "redFlags", "unscreenedRedFlags", "stenosis",
                "recommended", "contraindicated"));
        JsonNode stenosis = object(o, "stenosis", List.of("status", "indicators"));
        AuditRecord.Outcome outcome = new AuditRecord.Outcome(text(o, "triage"), strings(o, "redFlags"),
                strings(o, "unscreenedRedFlags"), text(stenosis, "status"), strings(stenosis, "indicators"),
                strings(o, "recommended"), strings(o, "contraindicated"));
        JsonNode fired = root.get("firedRules");
        if (!fired.isArray()) {
            throw new IllegalArgumentException("firedRules must be an array");
        }
        List<AuditRecord.RuleFiring> rules = new ArrayList<>();
        for (JsonNode rule : fired) {
            if (!rule.isObject()) {
                throw new IllegalArgumentException("firedRules must hold objects");
            }
            exactFields(rule, "firedRules[].", List.of("id", "name", "matched"));
            rules.add(new AuditRecord.RuleFiring(text(rule, "id"), text(rule, "name"), strings(rule, "matched")));
        }
        try {
            return new AuditRecord(integer(root, "format"), whole(root, "seq"), uuid(text(root, "requestId")),
                    Instant.parse(text(root, "time")), text(root, "libraryVersion"),
                    new KnowledgeBaseInfo(text(kb, "releaseId"), text(kb, "rulesSha256")), text(root, "keyId"),
                    nullableText(root, "patientPseudonym"),
                    text(root, "inputSha256"),
                    root.has("evaluationDate") ? LocalDate.parse(text(root, "evaluationDate")) : null, mapping,
                    outcome, rules,
                    text(root, "prevHash"), text(root, "hash"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time or evaluationDate is not an ISO-8601 instant or date");
        }
    }

    private static InputMapping inputMapping(JsonNode root) {
        JsonNode given = root.get("inputMapping");
        boolean withGaps = given != null && given.has("gaps");
        JsonNode m = object(root, "inputMapping", withGaps ? MAPPING_FIELDS_WITH_GAPS : MAPPING_FIELDS);
        try {
            List<String> gaps = withGaps ? strings(m, "gaps") : List.of();
            if (withGaps && gaps.isEmpty()) {
                // Never written empty: an empty list would give the same record a second canonical form.
                throw new IllegalArgumentException("gaps must not be empty when present");
            }
            return new InputMapping(text(m, "format"), integer(m, "unknownCodes"), strings(m, "unusable"),
                    strings(m, "conflicts"), gaps);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("inputMapping: " + e.getMessage());
        }
    }

    static void exactFields(JsonNode node, String prefix, List<String> expected) {
        Set<String> names = new LinkedHashSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        for (String name : names) {
            if (!expected.contains(name)) {
                throw new IllegalArgumentException("unexpected field " + prefix + name);
            }
        }
        for (String name : expected) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("missing field " + prefix + name);
            }
        }
    }

    static JsonNode object(JsonNode parent, String name, List<String> fields) {
        JsonNode node = parent.get(name);
        if (!node.isObject()) {
            throw new IllegalArgumentException(name + " must be an object");
        }
        exactFields(node, name + ".", fields);
        return node;
    }

    static String text(JsonNode parent, String name) {
        JsonNode node = parent.get(name);
        if (!node.isTextual()) {
            throw new IllegalArgumentException(name + " must be a string");
        }
        return node.textValue();
    }

    private static String nullableText(JsonNode parent, String name) {
        return parent.get(name).isNull() ? null : text(parent, name);
    }

    static int integer(JsonNode parent, String name) {
        JsonNode node = parent.get(name);
        if (!node.isInt()) {
            throw new IllegalArgumentException(name + " must be an integer");
        }
        return node.intValue();
    }

    static long whole(JsonNode parent, String name) {
        JsonNode node = parent.get(name);
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new IllegalArgumentException(name + " must be a whole number");
        }
        return node.longValue();
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("requestId is not a UUID");
        }
    }

    private static List<String> strings(JsonNode parent, String name) {
        JsonNode node = parent.get(name);
        if (!node.isArray()) {
            throw new IllegalArgumentException(name + " must be an array");
        }
        List<String> values = new ArrayList<>(node.size());
        for (JsonNode value : node) {
            if (!value.isTextual()) {
                throw new IllegalArgumentException(name + " must hold strings");
            }
            values.add(value.textValue());
        }
        return values;
    }
}
