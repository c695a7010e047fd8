package org.spinecare.advisor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.spinecare.kb.CrackingFrequency;
import org.spinecare.kb.Diagnosis;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingState;
import org.spinecare.kb.TensionOnset;

/**
 * Strict JSON for the public contract: patient facts in, assessments out. Anything that does not match the
 * contract exactly is rejected with an {@link InvalidFactsException} naming the JSON path; nothing is guessed.
 * Thread-safe; the mapper is built once.
 */
public final class SpineJson {
    /** A real patient's facts take well under 2 KiB; the cap bounds memory for hostile input. */
    public static final int MAX_DOCUMENT_BYTES = 64 * 1024;
    private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    private static final Set<String> TOP_LEVEL_FIELDS = Set.of("patientRef", "ageYears", "painScore", "findings",
            "diagnoses", "cracking", "tensionOnset", "sittingHoursPerDay", "symptomDurationWeeks", "evaluationDate");
    private static final Set<String> CRACKING_FIELDS = Set.of("frequency", "forceful");

    private static final ObjectMapper MAPPER = StrictJson.mapperForWriting();

    private SpineJson() {
    }

    public static PatientFacts readFacts(String json) {
        return readFacts(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads one patient's facts from UTF-8 JSON. */
    public static PatientFacts readFacts(byte[] json) {
        return toFacts(parse(json));
    }

    public static String writeAssessment(Assessment assessment) {
        try {
            return MAPPER.writeValueAsString(assessment);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String writePretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(byte[] json) {
        // Cheap checks on the raw bytes come first, and the size cap before anything that copies the input, so
        // that hostile input costs a bounded amount of memory and time.
        if (json.length == 0) {
            throw new InvalidFactsException(InvalidFactsException.Code.EMPTY_INPUT, "$", "the input is empty");
        }
        if (startsWithByteOrderMark(json)) {
            throw new InvalidFactsException(InvalidFactsException.Code.BYTE_ORDER_MARK, "$",
                    "the input starts with a byte-order mark; send plain UTF-8");
        }
        if (json.length > MAX_DOCUMENT_BYTES) {
            throw new InvalidFactsException(InvalidFactsException.Code.TOO_LARGE, "$",
                    "the input is " + json.length + " bytes; at most " + MAX_DOCUMENT_BYTES + " are accepted");
        }
        if (containsNulByte(json)) {
            // Jackson would silently decode UTF-16 or UTF-32; the contract is UTF-8, where NUL is never valid JSON.
            throw new InvalidFactsException(InvalidFactsException.Code.MALFORMED_JSON, "$",
                    "not valid JSON: the input is not UTF-8 or contains a NUL byte");
        }
        if (new String(json, StandardCharsets.UTF_8).isBlank()) {
            throw new InvalidFactsException(InvalidFactsException.Code.EMPTY_INPUT, "$", "the input is empty");
        }
        try {
            return StrictJson.reader().readTree(json);
        } catch (JsonProcessingException e) {
            StrictJson.Problem problem = StrictJson.problemOf(e);
            throw new InvalidFactsException(switch (problem.kind()) {
                case TOO_DEEP -> InvalidFactsException.Code.TOO_DEEP;
                case TOO_LARGE -> InvalidFactsException.Code.TOO_LARGE;
                case DUPLICATE_KEY -> InvalidFactsException.Code.DUPLICATE_KEY;
                case TRAILING_CONTENT -> InvalidFactsException.Code.TRAILING_CONTENT;
                default -> InvalidFactsException.Code.MALFORMED_JSON;
            }, problem.path(), problem.message());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean containsNulByte(byte[] json) {
        for (byte b : json) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    static PatientFacts toFacts(JsonNode root) {
        if (root == null || root.isMissingNode()) {
            throw new InvalidFactsException(InvalidFactsException.Code.EMPTY_INPUT, "$", "the input is empty");
        }
        requireNotNull(root, "$");
        requireObject(root, "$");
        rejectUnknownFields(root, "$", TOP_LEVEL_FIELDS);
        PatientFacts.Cracking cracking = null;
        JsonNode crackingNode = root.get("cracking");
        if (crackingNode != null) {
            requireNotNull(crackingNode, "$.cracking");
            requireObject(crackingNode, "$.cracking");
            rejectUnknownFields(crackingNode, "$.cracking", CRACKING_FIELDS);
            cracking = new PatientFacts.Cracking(
                    enumField(crackingNode, "frequency", "$.cracking.frequency", CrackingFrequency.class),
                    booleanField(crackingNode, "forceful", "$.cracking.forceful"));
        }
        return new PatientFacts(
                stringField(root, "patientRef", "$.patientRef"),
                intField(root, "ageYears", "$.ageYears"),
                intField(root, "painScore", "$.painScore"),
                findings(root.get("findings")),
                diagnoses(root.get("diagnoses")),
                cracking,
                enumField(root, "tensionOnset", "$.tensionOnset", TensionOnset.class),
                intField(root, "sittingHoursPerDay", "$.sittingHoursPerDay"),
                intField(root, "symptomDurationWeeks", "$.symptomDurationWeeks"),
                dateField(root, "evaluationDate", "$.evaluationDate"));
    }

    /** An ISO-8601 calendar date, {@code YYYY-MM-DD}, and nothing else (no time, no zone, no week date). */
    private static LocalDate dateField(JsonNode parent, String name, String path) {
        String text = stringField(parent, name, path);
        if (text == null) {
            return null;
        }
        if (!ISO_DATE.matcher(text).matches()) {
            throw new InvalidFactsException(InvalidFactsException.Code.WRONG_TYPE, path,
                    "must be a date as YYYY-MM-DD, not '" + StrictJson.shorten(text) + "'");
        }
        try {
            return LocalDate.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidFactsException(InvalidFactsException.Code.OUT_OF_RANGE, path,
                    "is not a calendar date: '" + StrictJson.shorten(text) + "'");
        }
    }

    private static Map<Finding, FindingState> findings(JsonNode node) {
        Map<Finding, FindingState> findings = new EnumMap<>(Finding.class);
        if (node == null) {
            return findings;
        }
        requireNotNull(node, "$.findings");
        requireObject(node, "$.findings");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String path = StrictJson.member("$.findings", entry.getKey());
            Finding finding = code(entry.getKey(), path, Finding.class, "finding code");
            JsonNode value = entry.getValue();
            requireNotNull(value, path);
            if (!value.isTextual()) {
                throw new InvalidFactsException(InvalidFactsException.Code.WRONG_TYPE, path,
                        "must be the string PRESENT or ABSENT");
            }
            FindingState state = switch (value.textValue()) {
                case "PRESENT" -> FindingState.PRESENT;
                case "ABSENT" -> FindingState.ABSENT;
                default -> throw new InvalidFactsException(InvalidFactsException.Code.UNKNOWN_CODE, path,
                        "unknown state '" + StrictJson.shorten(value.textValue()) + "'; valid: PRESENT, ABSENT "
                                + "(leave a finding out to say it was not assessed)");
            };
            findings.put(finding, state);
        }
        return findings;
    }

    private static Set<Diagnosis> diagnoses(JsonNode node) {
        Set<Diagnosis> diagnoses = EnumSet.noneOf(Diagnosis.class);
        if (node == null) {
            return diagnoses;
        }
        requireNotNull(node, "$.diagnoses");
        if (!node.isArray()) {
            throw new InvalidFactsException(InvalidFactsException.Code.WRONG_TYPE, "$.diagnoses",
                    "must be an array of diagnosis codes");
        }
        for (int i = 0; i < node.size(); i++) {
            String path = "$.diagnoses[" + i + "]";
            JsonNode item = node.get(i);
            requireNotNull(item, path);
            if (!item.isTextual()) {
                throw new InvalidFactsException(InvalidFactsException.Code.WRONG_TYPE, path, "must be a diagnosis code");
            }
            if (!diagnoses.add(code(item.textValue(), path, Diagnosis.class, "diagnosis"))) {
                throw new InvalidFactsException(InvalidFactsException.Code.DUPLICATE_VALUE, path,
                        "diagnosis " + item.textValue() + " is listed twice");
            }
        }
        return diagnoses;
    }

    private static Integer intField(JsonNode parent, String name, String path) {
        JsonNode node = reported(parent, name, path);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber()) {
            throw new InvalidFactsException(InvalidFactsException.Code.WRONG_TYPE, path,
                    node.isNumber() ? "must be a whole number" : "must be a number, not " + typeName(node));
        }
        if (!node.canConvertToInt()) {
            throw new InvalidFactsException(InvalidFactsException.Code.OUT_OF_RANGE, path, "is far out of range");
        }
        return node.intValue();
    }

    private static String stringField(JsonNode parent, String name, String path) {
        JsonNode node = reported(parent, name, path);
        return node == null ? null : requireType(node, node.isTextual(), path, "must be a string").textValue();
    }

    private static Boolean booleanField(JsonNode parent, String name, String path) {
        JsonNode node = reported(parent, name, path);
        return node == null ? null : requireType(node, node.isBoolean(), path, "must be true or false").booleanValue();
    }

    private static <E extends Enum<E>> E enumField(JsonNode parent, String name, String path, Class<E> type) {
        JsonNode node = reported(parent, name, path);
        if (node == null) {
            return null;
        }
        requireType(node, node.isTextual(), path, "must be one of " + validCodes(type));
        return code(node.textValue(), path, type, "value");
    }

    /** The field's value, or null when the field is left out; an explicit JSON null is an error. */
    private static JsonNode reported(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node != null) {
            requireNotNull(node, path);
        }
        return node;
    }

    private static JsonNode requireType(JsonNode node, boolean rightType, String path, String expectation) {
        if (!rightType) {
            throw new InvalidFactsException(InvalidFactsException.Code.WRONG_TYPE, path,
                    expectation + ", not " + typeName(node));
        }
        return node;
    }

    private static <E extends Enum<E>> E code(String text, String path, Class<E> type, String what) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        throw new InvalidFactsException(InvalidFactsException.Code.UNKNOWN_CODE, path,
                "unknown " + what + " '" + StrictJson.shorten(text) + "'; valid: " + validCodes(type));
    }

    private static void rejectUnknownFields(JsonNode node, String path, Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new InvalidFactsException(InvalidFactsException.Code.UNKNOWN_FIELD, StrictJson.member(path, name),
                        "unknown field; valid: " + allowed.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
    }

    private static void requireObject(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new InvalidFactsException(InvalidFactsException.Code.WRONG_TYPE, path,
                    "must be a JSON object, not " + typeName(node));
        }
    }

    private static void requireNotNull(JsonNode node, String path) {
        if (node.isNull()) {
            throw new InvalidFactsException(InvalidFactsException.Code.NULL_VALUE, path,
                    "must not be null; leave the field out when it is not known");
        }
    }

    private static String typeName(JsonNode node) {
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static <E extends Enum<E>> String validCodes(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }

    private static boolean startsWithByteOrderMark(byte[] json) {
        return (json.length >= 3 && (json[0] & 0xFF) == 0xEF && (json[1] & 0xFF) == 0xBB && (json[2] & 0xFF) == 0xBF)
                || (json.length >= 2 && (((json[0] & 0xFF) == 0xFE && (json[1] & 0xFF) == 0xFF)
                || ((json[0] & 0xFF) == 0xFF && (json[1] & 0xFF) == 0xFE)));
    }
}
