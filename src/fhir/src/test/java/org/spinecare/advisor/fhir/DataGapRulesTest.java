package org.spinecare.advisor.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.spinecare.advisor.fhir.FhirFixtures.EVALUATION_DATE;
import static org.spinecare.advisor.fhir.FhirFixtures.FEVER;
import static org.spinecare.advisor.fhir.FhirFixtures.SCIATICA;
import static org.spinecare.advisor.fhir.FhirFixtures.observed;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.spinecare.advisor.InputMapping;
import org.spinecare.kb.CrackingFrequency;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingState;

@DisplayName("Gaps: what the input path could not read is unscreened, never absent")
class DataGapRulesTest {
    private static final DataGap OBSERVATIONS_PAGED = new DataGap("observations", "Observation",
            GapReason.PAGE_NOT_FOLLOWED);
    private static final DataGap SCREENING_FAILED = new DataGap("screening", "QuestionnaireResponse",
            GapReason.SEARCH_FAILED);

    @Test
    void given_a_gap_on_observations_when_mapped_then_a_finding_they_could_report_absent_is_unscreened() {
        // Given fever and sciatica reported absent, and Observations that could not all be read
        var resources = List.of(observed("o1", FEVER, false), observed("o2", SCIATICA, false));

        // When mapped with the gap
        MappedFacts mapped = FhirFacts.fromResources(resources, EVALUATION_DATE, List.of(OBSERVATIONS_PAGED));

        // Then both are unscreened, and the report names the gap and is not clean
        assertEquals(FindingState.UNKNOWN, mapped.facts().stateOf(Finding.FEVER));
        assertEquals(FindingState.UNKNOWN, mapped.facts().stateOf(Finding.SCIATICA));
        assertEquals(List.of(OBSERVATIONS_PAGED), mapped.report().gaps());
        assertFalse(mapped.report().isClean());
    }

    @Test
    void given_a_gap_when_a_finding_is_stated_present_then_it_stays_present() {
        MappedFacts mapped = FhirFacts.fromResources(List.of(observed("o1", FEVER, true)), EVALUATION_DATE,
                List.of(new DataGap("everything", DataGap.ANY_TYPE, GapReason.FETCH_FAILED)));

        assertEquals(FindingState.PRESENT, mapped.facts().stateOf(Finding.FEVER));
    }

    @Test
    void given_a_gap_on_observations_when_the_questionnaire_answers_a_finding_no_observation_codes_then_it_stays() {
        // Given weight loss (no SNOMED CT code in the map) answered absent in the questionnaire
        QuestionnaireResponse response = FhirFixtures.response("q1");
        FhirFixtures.answerCode(response, Finding.UNEXPLAINED_WEIGHT_LOSS.name(), FhirCodes.ABSENT);

        // When the Observations were incomplete
        MappedFacts mapped = FhirFacts.fromResources(List.of(response), EVALUATION_DATE,
                List.of(OBSERVATIONS_PAGED));

        // Then no Observation could have reported it: the answer stands
        assertEquals(FindingState.ABSENT, mapped.facts().stateOf(Finding.UNEXPLAINED_WEIGHT_LOSS));
    }

    @Test
    void given_a_gap_on_the_questionnaire_when_mapped_then_its_findings_and_uncertain_values_are_unscreened() {
        // Given a response with an absent finding, a pain score, an age and a daily cracking habit
        QuestionnaireResponse response = FhirFixtures.response("q1");
        FhirFixtures.answerCode(response, Finding.UNEXPLAINED_WEIGHT_LOSS.name(), FhirCodes.ABSENT);
        FhirFixtures.answerInteger(response, FhirCodes.PAIN_SCORE, 3);
        FhirFixtures.answerInteger(response, FhirCodes.AGE_YEARS, 40);
        FhirFixtures.answerCode(response, FhirCodes.CRACKING_FREQUENCY, CrackingFrequency.DAILY.name());
        FhirFixtures.answerBoolean(response, FhirCodes.CRACKING_FORCEFUL, true);

        // When another response could not be read
        MappedFacts mapped = FhirFacts.fromResources(List.of(response), EVALUATION_DATE, List.of(SCREENING_FAILED));

        // Then all of it is unscreened, except forceful cracking: nothing could make that safer
        assertEquals(FindingState.UNKNOWN, mapped.facts().stateOf(Finding.UNEXPLAINED_WEIGHT_LOSS));
        assertNull(mapped.facts().painScore());
        assertNull(mapped.facts().ageYears());
        assertNull(mapped.facts().cracking().frequency());
        assertEquals(Boolean.TRUE, mapped.facts().cracking().forceful());
    }

    @Test
    void given_a_pain_score_of_ten_when_the_questionnaire_is_incomplete_then_it_stays() {
        QuestionnaireResponse response = FhirFixtures.response("q1");
        FhirFixtures.answerInteger(response, FhirCodes.PAIN_SCORE, 10);

        MappedFacts mapped = FhirFacts.fromResources(List.of(response), EVALUATION_DATE, List.of(SCREENING_FAILED));

        assertEquals(10, mapped.facts().painScore());
    }

    @Test
    void given_an_acute_onset_when_the_questionnaire_is_incomplete_then_the_onset_and_duration_stay() {
        // Given a sudden onset of long-standing pain (new back pain by the knowledge base's criterion), screening failed
        QuestionnaireResponse response = FhirFixtures.response("q1");
        FhirFixtures.answerCode(response, FhirCodes.TENSION_ONSET, "ACUTE");
        FhirFixtures.answerInteger(response, FhirCodes.SYMPTOM_DURATION_WEEKS, 15);

        // When mapped with the gap
        MappedFacts mapped = FhirFacts.fromResources(List.of(response), EVALUATION_DATE, List.of(SCREENING_FAILED));

        // Then both stay: dropping them would lose new back pain, urgent with fragile bone
        assertEquals(org.spinecare.kb.TensionOnset.ACUTE, mapped.facts().tensionOnset());
        assertEquals(15, mapped.facts().symptomDurationWeeks());
    }

    @Test
    void given_a_gap_on_the_patient_when_mapped_then_only_the_age_is_unscreened() {
        var patient = FhirFixtures.patient("p1", EVALUATION_DATE.minusYears(30));
        var fever = FhirFixtures.about(observed("o1", FEVER, false), "p1");

        MappedFacts mapped = FhirFacts.fromResources(List.of(patient, fever), EVALUATION_DATE,
                List.of(new DataGap("patient", "Patient", GapReason.FETCH_FAILED)));

        assertNull(mapped.facts().ageYears());
        assertEquals(FindingState.ABSENT, mapped.facts().stateOf(Finding.FEVER));
    }

    @Test
    void given_gaps_when_summarised_for_the_audit_record_then_they_are_reason_and_type_codes_once_each() {
        MappedFacts mapped = FhirFacts.fromResources(List.of(), EVALUATION_DATE, List.of(OBSERVATIONS_PAGED,
                new DataGap("line 7", DataGap.ANY_TYPE, GapReason.UNREADABLE_LINE),
                new DataGap("line 9", DataGap.ANY_TYPE, GapReason.UNREADABLE_LINE)));

        InputMapping summary = mapped.report().toInputMapping();

        assertEquals(List.of("PAGE_NOT_FOLLOWED/Observation", "UNREADABLE_LINE/*"), summary.gaps());
    }

    @Test
    void a_gap_refuses_a_source_that_could_carry_input_text_and_a_type_the_mapping_does_not_read() {
        assertThrows(IllegalArgumentException.class,
                () -> new DataGap("line 7\u001b[31m", "*", GapReason.UNREADABLE_LINE));
        assertThrows(IllegalArgumentException.class,
                () -> new DataGap("x".repeat(129), "*", GapReason.UNREADABLE_LINE));
        assertThrows(IllegalArgumentException.class, () -> new DataGap("encounters", "Encounter",
                GapReason.FETCH_FAILED));
    }

    @Test
    void the_library_knows_every_gap_reason_and_type_this_module_can_report() {
        Set<String> reasons = Arrays.stream(GapReason.values()).map(Enum::name).collect(Collectors.toSet());
        assertEquals(reasons, InputMapping.GAP_REASONS);
        assertEquals(DataGap.RESOURCE_TYPES, InputMapping.GAP_RESOURCE_TYPES);
    }
}
