package org.spinecare.advisor.fhir;

import static org.spinecare.advisor.fhir.FhirFixtures.about;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.kb.Diagnosis;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingState;

/**
 * Writes a patient's contract facts as clinic software would send them in FHIR: as a Bundle, where every finding
 * with a mapped SNOMED CT concept is an Observation or Condition (in varying forms) and the rest a questionnaire
 * response, or as one QuestionnaireResponse holding everything.
 */
final class FactsToFhir {
    private static final String PATIENT = "p1";
    /** Findings with an equivalent SNOMED CT concept in the published map, and that concept. */
    private static final Map<Finding, String> SNOMED_FINDINGS = Map.of(Finding.FEVER, FhirFixtures.FEVER,
            Finding.SCIATICA, FhirFixtures.SCIATICA);

    private FactsToFhir() {
    }

    static QuestionnaireResponse questionnaireResponse(PatientFacts facts) {
        QuestionnaireResponse response = FhirFixtures.response("q1");
        facts.findings().forEach((finding, state) -> FhirFixtures.answerCode(response, finding.name(), state.name()));
        for (Diagnosis diagnosis : Diagnosis.values()) {
            FhirFixtures.answerCode(response, diagnosis.name(),
                    facts.diagnoses().contains(diagnosis) ? FhirCodes.PRESENT : FhirCodes.ABSENT);
        }
        if (facts.ageYears() != null) {
            FhirFixtures.answerInteger(response, FhirCodes.AGE_YEARS, facts.ageYears());
        }
        measuresAndHabits(facts, response);
        return response;
    }

    static Bundle bundle(PatientFacts facts, LocalDate evaluationDate) {
        List<Resource> resources = new ArrayList<>();
        resources.add(FhirFixtures.patient(PATIENT, facts.ageYears() == null ? null
                : evaluationDate.minusYears(facts.ageYears())));
        QuestionnaireResponse response = about(FhirFixtures.response("q1"), PATIENT);
        int n = 0;
        for (Map.Entry<Finding, FindingState> entry : facts.findings().entrySet()) {
            String snomed = SNOMED_FINDINGS.get(entry.getKey());
            boolean present = entry.getValue() == FindingState.PRESENT;
            if (snomed == null) {
                FhirFixtures.answerCode(response, entry.getKey().name(), entry.getValue().name());
            } else {
                resources.add(about(statement(++n, snomed, present), PATIENT));
            }
        }
        for (Diagnosis diagnosis : facts.diagnoses()) {
            if (diagnosis == Diagnosis.SPINAL_STENOSIS) {
                resources.add(about(FhirFixtures.condition("c" + ++n, FhirFixtures.LUMBAR_STENOSIS, "active",
                        "confirmed"), PATIENT));
            } else {
                FhirFixtures.answerCode(response, diagnosis.name(), FhirCodes.PRESENT);
            }
        }
        measuresAndHabits(facts, response);
        resources.add(response);
        return FhirFixtures.bundle(resources.toArray(Resource[]::new));
    }

    /** Each of the forms the rules accept, in turn: boolean value, coded value, interpretation, Condition. */
    private static Resource statement(int n, String snomed, boolean present) {
        String id = "s" + n;
        switch (n % 4) {
            case 0:
                return FhirFixtures.observed(id, snomed, present);
            case 1: {
                Observation o = FhirFixtures.observation(id, snomed, Observation.ObservationStatus.AMENDED);
                o.setValue(FhirFixtures.presence(present));
                return o;
            }
            case 2: {
                Observation o = FhirFixtures.observation(id, snomed, Observation.ObservationStatus.CORRECTED);
                o.addInterpretation(FhirFixtures.presence(present));
                return o;
            }
            default:
                return present ? FhirFixtures.condition(id, snomed, "active", "confirmed")
                        : FhirFixtures.condition(id, snomed, null, "refuted");
        }
    }

    private static void measuresAndHabits(PatientFacts facts, QuestionnaireResponse response) {
        if (facts.painScore() != null) {
            FhirFixtures.answerInteger(response, FhirCodes.PAIN_SCORE, facts.painScore());
        }
        if (facts.sittingHoursPerDay() != null) {
            FhirFixtures.answerInteger(response, FhirCodes.SITTING_HOURS_PER_DAY, facts.sittingHoursPerDay());
        }
        if (facts.symptomDurationWeeks() != null) {
            FhirFixtures.answerInteger(response, FhirCodes.SYMPTOM_DURATION_WEEKS, facts.symptomDurationWeeks());
        }
        if (facts.tensionOnset() != null) {
            FhirFixtures.answerCode(response, FhirCodes.TENSION_ONSET, facts.tensionOnset().name());
        }
        if (facts.cracking() != null && facts.cracking().frequency() != null) {
            FhirFixtures.answerCode(response, FhirCodes.CRACKING_FREQUENCY, facts.cracking().frequency().name());
        }
        if (facts.cracking() != null && facts.cracking().forceful() != null) {
            FhirFixtures.answerBoolean(response, FhirCodes.CRACKING_FORCEFUL, facts.cracking().forceful());
        }
    }
}
