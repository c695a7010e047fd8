package org.spinecare.advisor.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.spinecare.advisor.fhir.FhirCodes;
import org.spinecare.advisor.fhir.FhirFacts;
import org.spinecare.advisor.fhir.FhirInputException;
import org.spinecare.advisor.fhir.MappedFacts;
import org.spinecare.advisor.fhir.MappingReport;

/**
 * Patient facts from the prefetched FHIR R4 resources through the FHIR module (docs/fhir.md): the Patient, their
 * Conditions and Observations and the screening QuestionnaireResponse, mapped together as one document, so that the
 * module's checks (one patient, every subject that patient, no contained resources) apply across all four.
 */
final class FhirFactsSource implements FactsSource {
    private static final Map<String, String> TEMPLATES = templates();

    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    FhirFactsSource(Clock clock) {
        this.clock = clock;
    }

    private static Map<String, String> templates() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("patient", "Patient/{{context.patientId}}");
        t.put("conditions", "Condition?patient={{context.patientId}}");
        t.put("observations", "Observation?patient={{context.patientId}}");
        t.put("screening", "QuestionnaireResponse?subject=Patient/{{context.patientId}}&questionnaire="
                + FhirCodes.QUESTIONNAIRE_URL);
        return Collections.unmodifiableMap(t);
    }

    @Override
    public Map<String, String> prefetchTemplates() {
        return TEMPLATES;
    }

    @Override
    public List<String> requiredKeys() {
        return List.copyOf(TEMPLATES.keySet());
    }

    @Override
    public Optional<Sourced> facts(ObjectNode prefetch, String patientId) {
        ArrayNode entries = json.createArrayNode();
        for (String key : TEMPLATES.keySet()) {
            JsonNode value = prefetch.get(key);
            if (value == null || value.isNull()) {
                return Optional.empty();
            }
            collect(value, key, entries);
        }
        JsonNode patient = prefetch.get("patient");
        if (!patientId.equals(patient.path("id").asText(null))) {
            // A wrong patient's data would give a confident answer for the wrong person.
            throw RequestException.badRequest("$.prefetch.patient.id", "must be the context's patientId");
        }
        ObjectNode bundle = json.createObjectNode().put("resourceType", "Bundle").put("type", "collection");
        bundle.set("entry", entries);
        try {
            MappedFacts mapped = FhirFacts.fromJson(json.writeValueAsString(bundle), clock);
            return Optional.of(new Sourced(mapped.facts(), notes(mapped.report()),
                    mapped.report().toInputMapping()));
        } catch (FhirInputException e) {
            throw RequestException.badRequest("$.prefetch", e.getMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw RequestException.badRequest("$.prefetch", "cannot be written as one FHIR document");
        }
    }

    /** A prefetch value is one resource or a search Bundle; search outcomes (OperationOutcome) carry no facts. */
    private void collect(JsonNode value, String key, ArrayNode entries) {
        if (!value.isObject()) {
            throw RequestException.badRequest("$.prefetch." + key, "must be a FHIR resource or Bundle");
        }
        if (!"Bundle".equals(value.path("resourceType").asText())) {
            entries.addObject().set("resource", value);
            return;
        }
        for (JsonNode entry : value.path("entry")) {
            JsonNode resource = entry.get("resource");
            if (resource != null && !"OperationOutcome".equals(resource.path("resourceType").asText())) {
                entries.addObject().set("resource", resource);
            }
        }
    }

    private static List<String> notes(MappingReport report) {
        List<String> notes = new ArrayList<>();
        report.unknownCodes().forEach(u -> notes.add(u.resource() + " " + u.element() + ": code " + u.system() + "|"
                + u.code() + " is not known to the concept map"));
        report.unusableResources().forEach(u -> notes.add(u.resource() + " " + u.element() + ": " + u.reason()));
        report.conflicts().forEach(c -> notes.add(c.code() + " reported in contradicting ways (" + String.join(", ",
                c.resources()) + "): taken as " + c.resolvedTo()));
        return notes;
    }
}
