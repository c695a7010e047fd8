package org.spinecare.advisor.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.hl7.fhir.r4.model.Resource;

/**
 * Reads FHIR R4 JSON once: a strict JSON read into a tree (size, nesting, duplicate keys, which HAPI would silently
 * resolve to the last one, and the resource types), then HAPI's parser with {@link StrictParseErrors} on that same
 * tree ({@link TreeParser}). Every failure is one {@link FhirInputException}; HAPI's own messages are never passed on.
 */
final class FhirJson {
    /** A patient's bundle is a few KiB; the cap bounds the memory and time hostile input can take. */
    static final int MAX_DOCUMENT_BYTES = 1024 * 1024;
    private static final int MAX_NESTING_DEPTH = 64;
    private static final Set<String> TOP_LEVEL_TYPES = Set.of("Bundle", "Patient", "Observation", "Condition",
            "QuestionnaireResponse", "OperationOutcome");

    private static final ObjectMapper STRICT = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxStringLength(MAX_DOCUMENT_BYTES)
                            .maxNumberLength(64)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // As HAPI reads JSON (JacksonStructure), so that HAPI gets the tree it would have built from the text:
            // decimals keep their digits ("1.50" is not the double 1.5).
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(new JsonNodeFactory(true))
            .build();

    private FhirJson() {
    }

    static Resource parse(String json) {
        if (json.isEmpty()) {
            throw new FhirInputException("document", "$", "is empty");
        }
        if (json.length() > MAX_DOCUMENT_BYTES || json.getBytes(StandardCharsets.UTF_8).length > MAX_DOCUMENT_BYTES) {
            throw new FhirInputException("document", "$", "is larger than " + MAX_DOCUMENT_BYTES
                    + " bytes, the most accepted");
        }
        JsonNode tree = read(json);
        checkTypes(tree);
        try {
            return TreeParser.parse((ObjectNode) tree);
        } catch (FhirInputException e) {
            // The parser knows the element, not the resource: name the document's resource type.
            throw "document".equals(e.resource()) ? new FhirInputException(typeOf(tree), e.element(), e.detail()) : e;
        } catch (DataFormatException | ClassCastException e) {
            throw new FhirInputException(typeOf(tree), "$", "is not FHIR R4 JSON that can be read");
        }
    }

    /** The strict read, into a tree as HAPI would build it from the text. */
    static JsonNode read(String json) {
        try {
            return STRICT.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new FhirInputException("document", "$", "is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                    + (e.getMessage() != null && e.getMessage().startsWith("Duplicate field") ? ": a duplicate key"
                    : ""));
        } catch (NumberFormatException e) {
            // Valid JSON, but a decimal no BigDecimal holds (an exponent beyond 32 bits), as HAPI would read it.
            throw new FhirInputException("document", "$", "holds a number too large or too small to be read");
        }
    }

    private static void checkTypes(JsonNode tree) {
        if (!tree.isObject()) {
            throw new FhirInputException("document", "$", "must be a JSON object (a FHIR resource)");
        }
        String type = resourceType(tree, "document");
        if (!TOP_LEVEL_TYPES.contains(type)) {
            throw new FhirInputException("document", "resourceType", "must be one of " + String.join(", ",
                    TOP_LEVEL_TYPES.stream().sorted().toList()) + ", was " + Labels.token(type));
        }
        JsonNode entries = tree.get("entry");
        if ("Bundle".equals(type) && entries != null && entries.isArray()) {
            if (entries.size() > ResourceSet.MAX_RESOURCES) {
                throw new FhirInputException("Bundle", "entry", "holds " + entries.size()
                        + " entries; at most " + ResourceSet.MAX_RESOURCES + " are accepted for one patient");
            }
            for (int i = 0; i < entries.size(); i++) {
                JsonNode resource = entries.get(i).get("resource");
                String where = "Bundle.entry[" + i + "].resource";
                if (resource == null || !resource.isObject()) {
                    throw new FhirInputException("Bundle", "entry[" + i + "].resource", "is missing");
                }
                String entryType = resourceType(resource, where);
                if (!Fhir.CONTEXT.getResourceTypes().contains(entryType)) {
                    throw new FhirInputException(where, "resourceType", "is not a FHIR R4 resource type: "
                            + Labels.token(entryType));
                }
            }
        }
    }

    private static String resourceType(JsonNode node, String where) {
        JsonNode type = node.get("resourceType");
        if (type == null || !type.isTextual()) {
            throw new FhirInputException(where, "resourceType", "is missing or not a string");
        }
        return type.asText();
    }

    private static String typeOf(JsonNode tree) {
        return Labels.token(tree.path("resourceType").asText("document"));
    }
}
