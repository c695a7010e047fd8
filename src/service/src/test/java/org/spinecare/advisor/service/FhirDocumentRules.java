package org.spinecare.advisor.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spinecare.advisor.fhir.FhirCodes;
import org.spinecare.advisor.fhir.FhirResources;
import org.spinecare.advisor.fhir.FhirFacts;

/**
 * The structural rules of FHIR R4 that the project's documents broke (issue 25), checked on any resource or Bundle:
 * it parses strictly as R4; Bundle entries have a unique {@code fullUrl} (ending in {@code Type/id} unless it is a
 * {@code urn:uuid:}); a searchset has a {@code self} link and its entries a search mode; a QuestionnaireResponse to
 * the published Questionnaire has its items in the Questionnaire's order, of the item's type, integers within its
 * {@code minValue}/{@code maxValue}; a published resource has a narrative.
 */
final class FhirDocumentRules {
    private static final String MIN = "http://hl7.org/fhir/StructureDefinition/minValue";
    private static final String MAX = "http://hl7.org/fhir/StructureDefinition/maxValue";
    private static final JsonNode QUESTIONNAIRE = read(FhirResources.questionnaireJson());

    private FhirDocumentRules() {
    }

    /** Every problem found in {@code resource}, named by {@code where} and the JSON path. */
    static List<String> problems(String where, JsonNode resource) {
        List<String> problems = new ArrayList<>();
        try {
            FhirFacts.fromJson(resource.toString(), java.time.Clock.systemUTC());
        } catch (RuntimeException e) {
            problems.add(where + ": not read as FHIR R4: " + e.getMessage());
        }
        check(where, "$", resource, problems);
        return problems;
    }

    /** A published resource: the rules above and a generated narrative. */
    static List<String> publishedProblems(String where, JsonNode resource) {
        List<String> problems = new ArrayList<>();
        check(where, "$", resource, problems);
        JsonNode text = resource.path("text");
        if (!"generated".equals(text.path("status").asText()) && !"extensions".equals(text.path("status").asText())
                || !text.path("div").asText().startsWith("<div xmlns=\"http://www.w3.org/1999/xhtml\">")) {
            problems.add(where + ": $.text: no narrative");
        }
        return problems;
    }

    private static void check(String where, String path, JsonNode resource, List<String> problems) {
        switch (resource.path("resourceType").asText()) {
            case "Bundle" -> bundle(where, path, resource, problems);
            case "QuestionnaireResponse" -> questionnaireResponse(where, path, resource, problems);
            case "Questionnaire" -> questionnaire(where, path, resource, problems);
            default -> { }
        }
    }

    private static void bundle(String where, String path, JsonNode bundle, List<String> problems) {
        boolean searchset = "searchset".equals(bundle.path("type").asText());
        boolean self = false;
        for (JsonNode link : bundle.path("link")) {
            self |= "self".equals(link.path("relation").asText()) && !link.path("url").asText().isEmpty();
        }
        if (searchset && !self) {
            problems.add(where + ": " + path + ".link: a searchset has no self link");
        }
        Set<String> fullUrls = new HashSet<>();
        int i = 0;
        for (JsonNode entry : bundle.path("entry")) {
            String at = path + ".entry[" + i++ + "]";
            JsonNode resource = entry.path("resource");
            String fullUrl = entry.path("fullUrl").asText("");
            if (fullUrl.isEmpty()) {
                problems.add(where + ": " + at + ".fullUrl: missing");
            } else if (!fullUrls.add(fullUrl)) {
                problems.add(where + ": " + at + ".fullUrl: not unique");
            } else if (!fullUrl.startsWith("urn:uuid:") && resource.has("id") && !fullUrl.endsWith("/"
                    + resource.path("resourceType").asText() + "/" + resource.path("id").asText())) {
                problems.add(where + ": " + at + ".fullUrl: does not name the resource's type and id");
            }
            if (searchset && !entry.path("search").has("mode")) {
                problems.add(where + ": " + at + ".search.mode: missing in a searchset");
            }
            check(where, at + ".resource", resource, problems);
        }
    }

    private static void questionnaire(String where, String path, JsonNode questionnaire, List<String> problems) {
        for (JsonNode group : questionnaire.path("item")) {
            for (JsonNode item : group.path("item")) {
                if ("integer".equals(item.path("type").asText())
                        && (extension(item, MIN) == null || extension(item, MAX) == null)) {
                    problems.add(where + ": " + path + ".item[" + item.path("linkId").asText()
                            + "]: an integer item without minValue and maxValue");
                }
            }
        }
    }

    private static void questionnaireResponse(String where, String path, JsonNode qr, List<String> problems) {
        if (!FhirCodes.QUESTIONNAIRE_URL.equals(qr.path("questionnaire").asText())) {
            return;
        }
        Map<String, Integer> order = new HashMap<>();
        Map<String, JsonNode> items = new HashMap<>();
        int n = 0;
        for (JsonNode group : QUESTIONNAIRE.path("item")) {
            order.put(group.path("linkId").asText(), n++);
            for (JsonNode item : group.path("item")) {
                order.put(item.path("linkId").asText(), n++);
                items.put(item.path("linkId").asText(), item);
            }
        }
        inOrder(where, path, qr.path("item"), order, items, problems);
    }

    private static void inOrder(String where, String path, JsonNode answered, Map<String, Integer> order,
                                Map<String, JsonNode> items, List<String> problems) {
        int last = -1;
        for (JsonNode item : answered) {
            String linkId = item.path("linkId").asText();
            String at = path + ".item[" + linkId + "]";
            Integer position = order.get(linkId);
            if (position == null) {
                problems.add(where + ": " + at + ": not an item of the Questionnaire");
                continue;
            }
            if (position < last) {
                problems.add(where + ": " + at + ": out of the Questionnaire's order");
            }
            last = position;
            JsonNode defined = items.get(linkId);
            if (defined != null) {
                item.path("answer").forEach(answer -> answer(where, at, defined, answer, problems));
            }
            inOrder(where, at, item.path("item"), order, items, problems);
        }
    }

    private static void answer(String where, String at, JsonNode item, JsonNode answer, List<String> problems) {
        String type = item.path("type").asText();
        String expected = switch (type) {
            case "integer" -> "valueInteger";
            case "boolean" -> "valueBoolean";
            default -> "valueCoding";
        };
        if (!answer.has(expected)) {
            problems.add(where + ": " + at + ".answer: not a " + expected + " for a " + type + " item");
            return;
        }
        if ("integer".equals(type)) {
            JsonNode value = answer.get(expected);
            JsonNode min = extension(item, MIN);
            JsonNode max = extension(item, MAX);
            if (!value.isIntegralNumber() || min != null && value.asLong() < min.asLong()
                    || max != null && value.asLong() > max.asLong()) {
                problems.add(where + ": " + at + ".answer: " + value + " is not a whole number within the item's "
                        + "minValue and maxValue");
            }
        }
    }

    private static JsonNode extension(JsonNode item, String url) {
        for (JsonNode e : item.path("extension")) {
            if (url.equals(e.path("url").asText())) {
                return e.path("valueInteger");
            }
        }
        return null;
    }

    static JsonNode read(String json) {
        try {
            return Prefetch.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
