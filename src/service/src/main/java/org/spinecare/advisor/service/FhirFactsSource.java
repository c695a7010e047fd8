package org.spinecare.advisor.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.spinecare.advisor.PatientFacts;

/**
 * Patient facts from the prefetched FHIR R4 resources through the FHIR module (docs/fhir.md): the Patient, their
 * Conditions and Observations and the screening QuestionnaireResponse, mapped together.
 */
final class FhirFactsSource implements FactsSource {
    static final String QUESTIONNAIRE = "https://spinecare.org/fhir/Questionnaire/spine-screening";
    private static final Map<String, String> TEMPLATES = templates();

    private final Clock clock;

    FhirFactsSource(Clock clock) {
        this.clock = clock;
    }

    private static Map<String, String> templates() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("patient", "Patient/{{context.patientId}}");
        t.put("conditions", "Condition?patient={{context.patientId}}");
        t.put("observations", "Observation?patient={{context.patientId}}");
        t.put("screening", "QuestionnaireResponse?subject=Patient/{{context.patientId}}&questionnaire="
                + QUESTIONNAIRE);
        return java.util.Collections.unmodifiableMap(t);
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
    public Optional<PatientFacts> facts(ObjectNode prefetch) {
        for (String key : TEMPLATES.keySet()) {
            JsonNode value = prefetch.get(key);
            if (value == null || value.isNull()) {
                return Optional.empty();
            }
        }
        throw new UnsupportedOperationException("the FHIR mapping is not merged yet");
    }
}
