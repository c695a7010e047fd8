package org.spinecare.advisor.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.advisor.fhir.FhirCodes;
import org.spinecare.advisor.fhir.FhirResources;

/**
 * A patient's contract facts as the EHR would prefetch them: the Patient and the published screening
 * QuestionnaireResponse answering exactly what the facts report (an unreported finding is not answered), with empty
 * Condition and Observation searches.
 */
final class Prefetch {
    static final ObjectMapper JSON = new ObjectMapper();
    /** linkId to its group's linkId and the item itself, from the published Questionnaire. */
    private static final Map<String, String> GROUP_OF = new HashMap<>();

    static {
        try {
            for (JsonNode group : JSON.readTree(FhirResources.questionnaireJson()).get("item")) {
                group.get("item").forEach(item -> GROUP_OF.put(item.get("linkId").asText(),
                        group.get("linkId").asText()));
            }
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Prefetch() {
    }

    static ObjectNode of(String patientId, PatientFacts facts) {
        ObjectNode prefetch = JSON.createObjectNode();
        prefetch.putObject("patient").put("resourceType", "Patient").put("id", patientId);
        prefetch.set("conditions", emptySearch());
        prefetch.set("observations", emptySearch());
        ObjectNode screening = emptySearch();
        screening.put("total", 1);
        ObjectNode entry = screening.putArray("entry").addObject();
        entry.set("resource", questionnaireResponse(patientId, facts));
        entry.putObject("search").put("mode", "match");
        prefetch.set("screening", screening);
        return prefetch;
    }

    static ObjectNode call(String patientId, PatientFacts facts) {
        ObjectNode call = JSON.createObjectNode().put("hook", "patient-view")
                .put("hookInstance", java.util.UUID.randomUUID().toString());
        call.putObject("context").put("userId", "Practitioner/test").put("patientId", patientId);
        call.set("prefetch", of(patientId, facts));
        return call;
    }

    static ObjectNode emptySearch() {
        ObjectNode bundle = JSON.createObjectNode().put("resourceType", "Bundle").put("type", "searchset");
        bundle.put("total", 0);
        return bundle;
    }

    static ObjectNode questionnaireResponse(String patientId, PatientFacts facts) {
        ObjectNode qr = JSON.createObjectNode().put("resourceType", "QuestionnaireResponse").put("id", "screening-1")
                .put("questionnaire", FhirCodes.QUESTIONNAIRE_URL).put("status", "completed");
        qr.putObject("subject").put("reference", "Patient/" + patientId);
        Map<String, ArrayNode> groups = new java.util.LinkedHashMap<>();
        facts.findings().forEach((finding, state) -> coded(groups, qr, finding.name(), state.name()));
        facts.diagnoses().forEach(d -> coded(groups, qr, d.name(), FhirCodes.PRESENT));
        integer(groups, qr, FhirCodes.AGE_YEARS, facts.ageYears());
        integer(groups, qr, FhirCodes.PAIN_SCORE, facts.painScore());
        integer(groups, qr, FhirCodes.SITTING_HOURS_PER_DAY, facts.sittingHoursPerDay());
        integer(groups, qr, FhirCodes.SYMPTOM_DURATION_WEEKS, facts.symptomDurationWeeks());
        if (facts.tensionOnset() != null) {
            coded(groups, qr, FhirCodes.TENSION_ONSET, facts.tensionOnset().name());
        }
        if (facts.cracking() != null && facts.cracking().frequency() != null) {
            coded(groups, qr, FhirCodes.CRACKING_FREQUENCY, facts.cracking().frequency().name());
        }
        if (facts.cracking() != null && facts.cracking().forceful() != null) {
            answer(groups, qr, FhirCodes.CRACKING_FORCEFUL).put("valueBoolean", facts.cracking().forceful());
        }
        return qr;
    }

    private static void coded(Map<String, ArrayNode> groups, ObjectNode qr, String linkId, String code) {
        answer(groups, qr, linkId).putObject("valueCoding").put("system", FhirCodes.SPINE_SYSTEM).put("code", code);
    }

    private static void integer(Map<String, ArrayNode> groups, ObjectNode qr, String linkId, Integer value) {
        if (value != null) {
            answer(groups, qr, linkId).put("valueInteger", value);
        }
    }

    private static ObjectNode answer(Map<String, ArrayNode> groups, ObjectNode qr, String linkId) {
        String group = GROUP_OF.get(linkId);
        if (group == null) {
            throw new IllegalArgumentException(linkId + " is not an item of the published Questionnaire");
        }
        ArrayNode items = groups.computeIfAbsent(group, g -> {
            ObjectNode groupItem = (qr.has("item") ? (ArrayNode) qr.get("item") : qr.putArray("item")).addObject();
            groupItem.put("linkId", g);
            return groupItem.putArray("item");
        });
        ObjectNode item = items.addObject().put("linkId", linkId);
        return item.putArray("answer").addObject();
    }
}
