package org.spinecare.advisor.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/** The same facts in other FHIR shapes an EHR may send: questionnaire answers split up, searches paged, outcomes. */
final class Shapes {
    private Shapes() {
    }

    /**
     * The screening response's answers dealt into {@code parts} responses (ids {@code screening-1}...), each answer
     * to the part {@code partOf} gives it (0 to parts - 1), groups kept; parts left without an answer are dropped.
     */
    static List<ObjectNode> split(ObjectNode qr, int parts, ToIntFunction<JsonNode> partOf) {
        List<Map<String, ArrayNode>> groups = new ArrayList<>();
        List<ObjectNode> responses = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            ObjectNode part = qr.deepCopy().put("id", "screening-" + (i + 1));
            part.remove("item");
            responses.add(part);
            groups.add(new LinkedHashMap<>());
        }
        for (JsonNode group : qr.path("item")) {
            for (JsonNode item : group.path("item")) {
                int part = partOf.applyAsInt(item);
                ObjectNode response = responses.get(part);
                groups.get(part).computeIfAbsent(group.get("linkId").asText(), linkId -> {
                    ObjectNode g = (response.has("item") ? (ArrayNode) response.get("item")
                            : response.putArray("item")).addObject().put("linkId", linkId);
                    return g.putArray("item");
                }).add(item.deepCopy());
            }
        }
        return responses.stream().filter(r -> r.has("item")).toList();
    }

    /** The answer code of a coded questionnaire item ({@code PRESENT}, {@code ABSENT}...), or null. */
    static String answerCode(JsonNode item) {
        return item.path("answer").path(0).path("valueCoding").path("code").asText(null);
    }

    /** A searchset page of these resources (search mode match), with {@code total} and a next link if given. */
    static ObjectNode page(List<? extends JsonNode> resources, Integer total, String next) {
        ObjectNode bundle = Prefetch.JSON.createObjectNode().put("resourceType", "Bundle").put("type", "searchset");
        if (total != null) {
            bundle.put("total", total);
        }
        if (next != null) {
            bundle.putArray("link").addObject().put("relation", "next").put("url", next);
        }
        ArrayNode entries = bundle.putArray("entry");
        for (JsonNode resource : resources) {
            ObjectNode entry = entries.addObject();
            entry.set("resource", resource);
            entry.putObject("search").put("mode", "match");
        }
        return bundle;
    }

    /** An OperationOutcome with one issue of this severity: a failed search when error or fatal. */
    static ObjectNode outcome(String severity) {
        ObjectNode outcome = Prefetch.JSON.createObjectNode().put("resourceType", "OperationOutcome");
        outcome.putArray("issue").addObject().put("severity", severity).put("code", "exception");
        return outcome;
    }

    /** The page with an OperationOutcome entry of this severity (search mode outcome) added. */
    static ObjectNode withOutcome(ObjectNode page, String severity) {
        ObjectNode entry = ((ArrayNode) page.get("entry")).addObject();
        entry.set("resource", outcome(severity));
        entry.putObject("search").put("mode", "outcome");
        return page;
    }

    /** The screening QuestionnaireResponse of a {@link Prefetch} prefetch. */
    static ObjectNode screening(ObjectNode prefetch) {
        return (ObjectNode) prefetch.get("screening").get("entry").get(0).get("resource");
    }
}
