package org.spinecare.advisor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one strict JSON configuration of the project: the contract reader ({@link SpineJson}), the audit codec and
 * the scenario loader read with it, so that a duplicate key, trailing content, an unknown key, a number where a code
 * belongs or an explicit null is refused the same way everywhere, and each refusal names its JSON path without
 * echoing the input. Thread-safe; built once.
 */
public final class StrictJson {
    /** Deeper than any document of the project (a list of scenarios with a stenosis expectation is 5). */
    public static final int MAX_NESTING_DEPTH = 8;
    /** No value of the project is anywhere near this long; the cap bounds memory for hostile input. */
    public static final int MAX_STRING_LENGTH = 64 * 1024;
    private static final int SHORT_TEXT = 40;
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static final ObjectMapper MAPPER = mapper();

    /** What was wrong, in the words every reader uses. */
    public enum Kind { EMPTY, DUPLICATE_KEY, TRAILING_CONTENT, TOO_DEEP, TOO_LARGE, MALFORMED, UNKNOWN_KEY, MISSING,
        NULL, WRONG_TYPE, UNKNOWN_CODE }

    /** A document Jackson refused: the JSON path of the problem and a short message that quotes no input. */
    public record Problem(Kind kind, String path, String message) {
        public Problem {
            Objects.requireNonNull(kind);
            Objects.requireNonNull(path);
            Objects.requireNonNull(message);
        }
    }

    private StrictJson() {
    }

    /** The shared reader, for trees ({@code readTree}) and for records. */
    public static ObjectReader reader() {
        return MAPPER.reader();
    }

    static ObjectMapper mapperForWriting() {
        return MAPPER;
    }

    private static ObjectMapper mapper() {
        JsonMapper mapper = JsonMapper.builder(JsonFactory.builder()
                        .streamReadConstraints(StreamReadConstraints.builder()
                                .maxNestingDepth(MAX_NESTING_DEPTH)
                                .maxStringLength(MAX_STRING_LENGTH)
                                .maxNumberLength(32)
                                .build())
                        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                        .build())
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
        // A number or a boolean where text belongs is refused rather than turned into "3" or "true".
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Enum)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        return mapper;
    }

    /**
     * The first explicit null in a document, if any. Jackson binds a null and a missing key alike, and for these
     * documents a null is a mistake (an expectation or a fact that silently checks nothing), never a way to say "not
     * reported": that is said by leaving the key out.
     */
    public static java.util.Optional<Problem> firstNull(JsonNode tree) {
        return firstNull("$", tree);
    }

    private static java.util.Optional<Problem> firstNull(String path, JsonNode node) {
        if (node.isNull()) {
            return java.util.Optional.of(new Problem(Kind.NULL, path, "must not be null; leave the key out instead"));
        }
        java.util.Optional<Problem> found = java.util.Optional.empty();
        if (node.isObject()) {
            for (var fields = node.fields(); fields.hasNext() && found.isEmpty(); ) {
                var field = fields.next();
                found = firstNull(member(path, field.getKey()), field.getValue());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size() && found.isEmpty(); i++) {
                found = firstNull(path + "[" + i + "]", node.get(i));
            }
        }
        return found;
    }

    /** What Jackson refused, as a path and a message fit for a one-line error. */
    public static Problem problemOf(JsonProcessingException e) {
        String path = pathOf(e);
        if (e instanceof StreamConstraintsException) {
            boolean depth = e.getOriginalMessage().contains("nesting depth");
            return depth ? new Problem(Kind.TOO_DEEP, path, "nesting is deeper than " + MAX_NESTING_DEPTH + " levels")
                    : new Problem(Kind.TOO_LARGE, path, "a value is longer than allowed");
        }
        String original = String.valueOf(e.getOriginalMessage());
        if (original.startsWith("Duplicate field") || original.startsWith("Duplicate Object property")) {
            return new Problem(Kind.DUPLICATE_KEY, path, "the key appears twice");
        }
        if (original.startsWith("Trailing token")) {
            return new Problem(Kind.TRAILING_CONTENT, "$", "there is more content after the JSON value");
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return new Problem(Kind.UNKNOWN_KEY, path, "unknown key; valid: " + sorted(unknown.getKnownPropertyIds()));
        }
        if (e instanceof MismatchedInputException mismatch) {
            Class<?> target = mismatch.getTargetType();
            if (original.startsWith("Missing required creator property")) {
                return new Problem(Kind.MISSING, path, "is missing");
            }
            if (target != null && target.isEnum()) {
                String kind = e instanceof InvalidFormatException format && format.getValue() instanceof String
                        ? "unknown code '" + shorten(format.getValue().toString()) + "'" : "must be a code";
                return new Problem(Kind.UNKNOWN_CODE, path, kind + "; valid: " + Arrays.stream(target.getEnumConstants())
                        .map(Object::toString).collect(Collectors.joining(", ")));
            }
            return new Problem(Kind.WRONG_TYPE, path, "must be " + expectation(target));
        }
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return new Problem(Kind.MALFORMED, path, "not valid JSON" + where);
    }

    /**
     * The path of a member: {@code $.findings.FEVER} for a plain name (cut after 40 characters), {@code $['a.b']}
     * for any other, so that a hostile key can neither pass for another path nor put control characters into the
     * one-line error.
     */
    public static String member(String parent, String name) {
        if (PLAIN_NAME.matcher(name).matches()) {
            return parent + "." + shorten(name);
        }
        return parent + "['" + shorten(name).replace("'", "\\'") + "']";
    }

    /** Text from the input cut to 40 characters with control characters escaped, for quoting in an error. */
    public static String shorten(String text) {
        return escape(text.length() <= SHORT_TEXT ? text : text.substring(0, SHORT_TEXT) + "...");
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isISOControl(c) || Character.isSurrogate(c) || c == '\\'
                    || Character.getType(c) == Character.FORMAT) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String pathOf(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder("$");
            for (JsonMappingException.Reference step : mapping.getPath()) {
                if (step.getFieldName() != null) {
                    path.replace(0, path.length(), member(path.toString(), step.getFieldName()));
                } else if (step.getIndex() >= 0) {
                    path.append('[').append(step.getIndex()).append(']');
                }
            }
            return path.toString();
        }
        if (e.getProcessor() instanceof JsonParser parser) {
            return pathOf(parser.getParsingContext());
        }
        return "$";
    }

    private static String pathOf(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                path.insert(0, member("", c.getCurrentName()));
            } else if (c.inArray()) {
                path.insert(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
            }
        }
        return "$" + path;
    }

    private static String expectation(Class<?> target) {
        if (target == null) {
            return "of another type";
        }
        if (Collection.class.isAssignableFrom(target)) {
            return "a list (a JSON array)";
        }
        if (target == String.class) {
            return "a string";
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
            return "a whole number";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        }
        return "a JSON object";
    }

    private static String sorted(Collection<Object> names) {
        return names.stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new)).toString()
                .replace("[", "").replace("]", "");
    }
}
