package org.spinecare.advisor.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a resource is about the context's patient: a Patient by its id, anything else by its {@code subject} or
 * {@code patient} reference ({@code Patient/ID}, relative or absolute, optionally with {@code _history}). The
 * resource types the mapping reads must name the patient; another patient's statement would give a confident
 * answer for the wrong person.
 */
final class PatientIdentity {
    private static final Set<String> NEEDS_SUBJECT = Set.of("Observation", "Condition", "QuestionnaireResponse");
    private static final Pattern REFERENCE = Pattern.compile("(?:.*/)?Patient/([A-Za-z0-9\\-.]{1,64})"
            + "(?:/_history/[A-Za-z0-9\\-.]{1,64})?");

    private PatientIdentity() {
    }

    /** The element that is not the patient's ({@code id}, {@code subject}, {@code patient}), or null when all are. */
    static String mismatch(JsonNode resource, String patientId) {
        String type = resource.path("resourceType").asText();
        if ("Patient".equals(type)) {
            return patientId.equals(resource.path("id").asText(null)) ? null : "id";
        }
        for (String element : new String[] {"subject", "patient"}) {
            JsonNode reference = resource.get(element);
            if (reference != null && !refersTo(reference, patientId)) {
                return element;
            }
        }
        return NEEDS_SUBJECT.contains(type) && !resource.has("subject") ? "subject" : null;
    }

    private static boolean refersTo(JsonNode reference, String patientId) {
        var matched = REFERENCE.matcher(reference.path("reference").asText(""));
        return matched.matches() && matched.group(1).equals(patientId);
    }
}
