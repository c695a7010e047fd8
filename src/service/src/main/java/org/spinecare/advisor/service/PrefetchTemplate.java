package org.spinecare.advisor.service;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spinecare.advisor.fhir.FhirCodes;

/**
 * The prefetch templates of the discovery document, each with the FHIR resource type it gives (what becomes
 * unscreened when it cannot be had) and the words a card uses for it.
 */
enum PrefetchTemplate {
    PATIENT("patient", "Patient/{{context.patientId}}", "Patient", "The Patient (birth date)"),
    CONDITIONS("conditions", "Condition?patient={{context.patientId}}", "Condition", "Conditions"),
    OBSERVATIONS("observations", "Observation?patient={{context.patientId}}", "Observation", "Observations"),
    SCREENING("screening", "QuestionnaireResponse?subject=Patient/{{context.patientId}}&questionnaire="
            + FhirCodes.QUESTIONNAIRE_URL, "QuestionnaireResponse", "The screening questionnaire");

    final String key;
    final String query;
    final String resourceType;
    final String label;

    PrefetchTemplate(String key, String query, String resourceType, String label) {
        this.key = key;
        this.query = query;
        this.resourceType = resourceType;
        this.label = label;
    }

    /** The query for this patient; the id was checked against the FHIR id pattern, so it needs no escaping. */
    String query(String patientId) {
        return query.replace("{{context.patientId}}", patientId);
    }

    /** Key to template, as the discovery document lists them. */
    static Map<String, String> discovery() {
        Map<String, String> templates = new LinkedHashMap<>();
        for (PrefetchTemplate t : values()) {
            templates.put(t.key, t.query);
        }
        return Collections.unmodifiableMap(templates);
    }
}
