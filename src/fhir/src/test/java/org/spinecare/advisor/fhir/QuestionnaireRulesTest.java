package org.spinecare.advisor.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spinecare.advisor.fhir.FhirFixtures.EVALUATION_DATE;
import static org.spinecare.advisor.fhir.FhirFixtures.answerBoolean;
import static org.spinecare.advisor.fhir.FhirFixtures.answerCode;
import static org.spinecare.advisor.fhir.FhirFixtures.answerInteger;

import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.spinecare.kb.CrackingFrequency;
import org.spinecare.kb.Diagnosis;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingState;
import org.spinecare.kb.TensionOnset;

@DisplayName("Questionnaire responses: answers to facts, not asked and unanswered stay unknown")
class QuestionnaireRulesTest {

    private static MappedFacts map(QuestionnaireResponse response) {
        return FhirFacts.fromQuestionnaireResponse(response, EVALUATION_DATE);
    }

    @Test
    void present_and_absent_answers_state_the_findings() {
        QuestionnaireResponse response = FhirFixtures.response("q1");
        answerCode(response, "SADDLE_SENSATION_LOSS", FhirCodes.PRESENT);
        answerCode(response, "NIGHT_OR_REST_PAIN", FhirCodes.ABSENT);

        MappedFacts mapped = map(response);

        assertEquals(FindingState.PRESENT, mapped.facts().stateOf(Finding.SADDLE_SENSATION_LOSS));
        assertEquals(FindingState.ABSENT, mapped.facts().stateOf(Finding.NIGHT_OR_REST_PAIN));
        assertTrue(mapped.report().isClean());
    }

    @Test
    void not_asked_is_unknown() {
        QuestionnaireResponse response = FhirFixtures.response("q1");
        answerCode(response, "FEVER", FhirCodes.NOT_ASKED);

        MappedFacts mapped = map(response);

        assertEquals(FindingState.UNKNOWN, mapped.facts().stateOf(Finding.FEVER));
        assertTrue(mapped.report().isClean());
    }

    @Test
    void an_item_without_an_answer_is_unknown() {
        QuestionnaireResponse response = FhirFixtures.response("q1");
        response.addItem().setLinkId("FEVER");

        assertEquals(FindingState.UNKNOWN, map(response).facts().stateOf(Finding.FEVER));
    }

    @Test
    void answers_nested_in_groups_are_read() {
        QuestionnaireResponse response = FhirFixtures.response("q1");
        QuestionnaireResponse.QuestionnaireResponseItemComponent group = response.addItem().setLinkId("red-flags");
        group.addItem().setLinkId("FEVER").addAnswer().setValue(
                new org.hl7.fhir.r4.model.Coding(FhirCodes.SPINE_SYSTEM, FhirCodes.PRESENT, null));

        assertEquals(FindingState.PRESENT, map(response).facts().stateOf(Finding.FEVER));
    }

    @Test
    void an_answer_of_the_wrong_type_is_unknown_and_reported() {
        QuestionnaireResponse response = FhirFixtures.response("q1");
        response.addItem().setLinkId("FEVER").addAnswer().setValue(new BooleanType(true));

        MappedFacts mapped = map(response);

        assertEquals(FindingState.UNKNOWN, mapped.facts().stateOf(Finding.FEVER));
        assertEquals(List.of(new MappingReport.UnusableResource("QuestionnaireResponse/q1", "item[FEVER].answer[0]",
                MappingReport.Reason.NO_USABLE_VALUE)), mapped.report().unusableResources());
    }

    @Test
    void an_item_the_questionnaire_does_not_have_is_reported_as_an_unknown_code() {
        QuestionnaireResponse response = FhirFixtures.response("q1");
        answerCode(response, "FEEVER", FhirCodes.PRESENT);

        MappedFacts mapped = map(response);

        assertEquals(List.of(new MappingReport.UnknownCode("QuestionnaireResponse/q1", "item[FEEVER]",
                FhirCodes.QUESTIONNAIRE_URL, "FEEVER")), mapped.report().unknownCodes());
        assertTrue(mapped.facts().findings().isEmpty());
    }

    @Test
    void a_derived_finding_cannot_be_answered() {
        QuestionnaireResponse response = FhirFixtures.response("q1");
        answerCode(response, "NO_IMPROVEMENT_AFTER_4_WEEKS", FhirCodes.PRESENT);

        MappedFacts mapped = map(response);

        assertEquals(1, mapped.report().unknownCodes().size());
        assertTrue(mapped.facts().findings().isEmpty());
    }

    @Test
    void measures_diagnoses_tension_onset_and_the_cracking_habit_are_read() {
        QuestionnaireResponse response = FhirFixtures.response("q1");
        answerInteger(response, FhirCodes.AGE_YEARS, 58);
        answerInteger(response, FhirCodes.PAIN_SCORE, 4);
        answerInteger(response, FhirCodes.SITTING_HOURS_PER_DAY, 9);
        answerInteger(response, FhirCodes.SYMPTOM_DURATION_WEEKS, 6);
        answerCode(response, FhirCodes.TENSION_ONSET, "ACUTE");
        answerCode(response, FhirCodes.CRACKING_FREQUENCY, "DAILY");
        answerBoolean(response, FhirCodes.CRACKING_FORCEFUL, true);
        answerCode(response, "HERNIATED_DISC", FhirCodes.PRESENT);
        answerCode(response, "OSTEOARTHRITIS", FhirCodes.ABSENT);

        var facts = map(response).facts();

        assertEquals(58, facts.ageYears());
        assertEquals(4, facts.painScore());
        assertEquals(9, facts.sittingHoursPerDay());
        assertEquals(6, facts.symptomDurationWeeks());
        assertEquals(TensionOnset.ACUTE, facts.tensionOnset());
        assertEquals(CrackingFrequency.DAILY, facts.cracking().frequency());
        assertEquals(Boolean.TRUE, facts.cracking().forceful());
        assertEquals(java.util.Set.of(Diagnosis.HERNIATED_DISC), facts.diagnoses());
    }

    @Test
    void a_cracking_frequency_not_asked_leaves_the_habit_unreported() {
        QuestionnaireResponse response = FhirFixtures.response("q1");
        answerCode(response, FhirCodes.CRACKING_FREQUENCY, FhirCodes.NOT_ASKED);

        assertNull(map(response).facts().cracking());
    }

    @ParameterizedTest
    @EnumSource(value = QuestionnaireResponseStatus.class, names = {"INPROGRESS", "STOPPED", "ENTEREDINERROR"})
    void a_response_not_completed_states_nothing_and_is_reported(QuestionnaireResponseStatus status) {
        QuestionnaireResponse response = FhirFixtures.response("q1");
        response.setStatus(status);
        answerCode(response, "FEVER", FhirCodes.ABSENT);

        MappedFacts mapped = map(response);

        assertEquals(FindingState.UNKNOWN, mapped.facts().stateOf(Finding.FEVER));
        assertEquals(1, mapped.report().unusableResources().size());
    }

    @Test
    void a_response_to_another_questionnaire_states_nothing_and_is_reported() {
        QuestionnaireResponse response = FhirFixtures.response("q1");
        response.setQuestionnaire("https://example.org/Questionnaire/other");
        answerCode(response, "FEVER", FhirCodes.ABSENT);

        MappedFacts mapped = map(response);

        assertTrue(mapped.facts().findings().isEmpty());
        assertEquals(MappingReport.Reason.OTHER_QUESTIONNAIRE, mapped.report().unusableResources().get(0).reason());
    }

    @Test
    void a_pain_score_out_of_range_is_an_error_naming_the_answer() {
        QuestionnaireResponse response = FhirFixtures.response("q1");
        answerInteger(response, FhirCodes.PAIN_SCORE, 11);

        FhirInputException e = org.junit.jupiter.api.Assertions.assertThrows(FhirInputException.class,
                () -> map(response));

        assertEquals("QuestionnaireResponse/q1: item[PAIN_SCORE].answer[0]: must be between 0 and 10, was 11",
                e.getMessage());
    }
}
