package org.spinecare.advisor.service;

import java.util.Set;
import org.spinecare.advisor.InputMapping;
import org.spinecare.advisor.PatientFacts;

/**
 * When the service answers {@code {"cards": []}}: the record holds nothing about a lower-back complaint. Decided
 * from the mapped facts, so that one finding mapped from any resource is enough to speak (docs/cds-hooks.md, When
 * the service is silent). {@code patient-view} fires on every chart; a card on a chart without a back complaint
 * would teach clinicians to switch the service off.
 */
final class SilenceRule {
    /**
     * Reasons the FHIR mapping gives only after it recognised a statement as one of this knowledge base's findings,
     * diagnoses or screening answers: the record speaks of the back even though the statement gave no fact (unknown is
     * never absent). The other reasons (another resource type, an unknown code, a withdrawn or preliminary resource
     * read before its code, another questionnaire, a vague birth date) say nothing about the back.
     */
    static final Set<String> BACK_STATEMENT_UNUSABLE = Set.of("DATA_ABSENT", "NO_USABLE_VALUE",
            "ABSENCE_OF_NARROWER_CONCEPT", "AMBIGUOUS_CODE", "NOT_ACTIVE", "NOT_CONFIRMED", "NOT_COMPLETED");

    private SilenceRule() {
    }

    /**
     * True when no finding is reported present or absent, no diagnosis, no pain score, symptom duration, tension
     * onset, sitting time or cracking habit is known, and the mapping met no statement about the back that it could
     * not use or that contradicted another, and the input path read everything it was given: a page not read or a
     * failed search may hold the back complaint, so a gap is never silence (docs/cds-hooks.md, the input path's
     * safety rule). The age alone (from Patient.birthDate) is not a back complaint.
     */
    static boolean silent(PatientFacts facts, InputMapping mapping) {
        boolean reported = !facts.findings().isEmpty() || !facts.diagnoses().isEmpty() || facts.painScore() != null
                || facts.symptomDurationWeeks() != null || facts.tensionOnset() != null
                || facts.sittingHoursPerDay() != null || facts.cracking() != null
                && (facts.cracking().frequency() != null || facts.cracking().forceful() != null);
        boolean unusableBackStatement = mapping != null && (!mapping.conflicts().isEmpty()
                || mapping.unusable().stream().anyMatch(BACK_STATEMENT_UNUSABLE::contains));
        boolean incomplete = mapping != null && !mapping.gaps().isEmpty();
        return !reported && !unusableBackStatement && !incomplete;
    }
}
