package org.spinecare.advisor.service;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Locale;

/**
 * A request body read as strictly as {@code assess --fhir} reads a document: JSON and nothing after it, no key twice
 * in one object (a lenient reader keeps the last of two, so "PRESENT" then "ABSENT" would lose the PRESENT), sent as
 * {@code application/json} in UTF-8.
 */
final class JsonBody {
    static final ObjectMapper STRICT = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final java.util.regex.Pattern PLAIN_KEY = java.util.regex.Pattern.compile("[A-Za-z0-9_\\-]{1,64}");

    private JsonBody() {
    }

    /** @param contentType the request's Content-Type header, or null */
    static JsonNode read(String contentType, byte[] body) {
        requireJson(contentType);
        try {
            return STRICT.readTree(body);
        } catch (StreamReadException e) {
            String duplicate = duplicateKeyPath(e);
            if (duplicate != null) {
                throw RequestException.badRequest(duplicate, "is given twice; each key may appear once");
            }
            throw RequestException.badRequest("$", "the body is not valid JSON");
        } catch (JsonProcessingException e) {
            // FAIL_ON_TRAILING_TOKENS reports content after the JSON value as a mismatched input.
            throw RequestException.badRequest("$", "the body is not one JSON value: content follows it");
        } catch (IOException e) {
            throw RequestException.badRequest("$", "the body is not valid JSON");
        }
    }

    /**
     * CDS Hooks calls are {@code application/json}; parameters are allowed, but a charset other than UTF-8 (the only
     * encoding JSON has, RFC 8259) is not, and neither is a look-alike such as {@code application/jsonx}.
     */
    private static void requireJson(String contentType) {
        String[] parts = contentType == null ? new String[] {""} : contentType.split(";");
        if (!"application/json".equals(parts[0].strip().toLowerCase(Locale.ROOT))) {
            throw new RequestException(415, "Content-Type", "must be application/json");
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if ("charset".equals(parameter[0].strip().toLowerCase(Locale.ROOT)) && (parameter.length < 2
                    || !"utf-8".equals(parameter[1].strip().replace("\"", "").toLowerCase(Locale.ROOT)))) {
                throw new RequestException(415, "Content-Type", "must be application/json in UTF-8");
            }
        }
    }

    /** The JSON path of a duplicate key, from the parser's context at the point it failed; null if not one. */
    private static String duplicateKeyPath(StreamReadException e) {
        if (e.getOriginalMessage() == null || !e.getOriginalMessage().startsWith("Duplicate field")
                || e.getProcessor() == null) {
            return null;
        }
        return path(e.getProcessor().getParsingContext());
    }

    private static String path(com.fasterxml.jackson.core.JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (var c = context; c != null && !c.inRoot(); c = c.getParent()) {
            String name = c.getCurrentName();
            // A key is input text: named only when it is a plain token, so the problem stays one short line.
            path.insert(0, c.inArray() ? "[" + c.getCurrentIndex() + "]"
                    : name != null && PLAIN_KEY.matcher(name).matches() ? "." + name : "[?]");
        }
        return "$" + path;
    }
}
