package org.spinecare.advisor.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.spinecare.advisor.fhir.FhirFixtures.EVALUATION_DATE;
import static org.spinecare.advisor.fhir.FhirFixtures.FEVER;
import static org.spinecare.advisor.fhir.FhirFixtures.SCIATICA;
import static org.spinecare.advisor.fhir.FhirFixtures.answerCode;
import static org.spinecare.advisor.fhir.FhirFixtures.answerInteger;
import static org.spinecare.advisor.fhir.FhirFixtures.condition;
import static org.spinecare.advisor.fhir.FhirFixtures.observed;
import static org.spinecare.advisor.fhir.FhirFixtures.patient;

import java.util.List;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingState;

@DisplayName("Conflicting reports resolve toward safety and are reported")
class ConflictRulesTest {

    @Test
    void a_red_flag_reported_present_and_absent_is_present_and_the_conflict_is_reported() {
        MappedFacts mapped = FhirFacts.fromResources(List.of(observed("o1", FEVER, false), observed("o2", FEVER, true)),
                EVALUATION_DATE);

        assertEquals(FindingState.PRESENT, mapped.facts().stateOf(Finding.FEVER));
        assertEquals(List.of(new MappingReport.Conflict("FEVER", "PRESENT", List.of("Observation/o1", "Observation/o2"))),
                mapped.report().conflicts());
    }

    @Test
    void a_general_finding_reported_both_ways_is_unknown_and_the_conflict_is_reported() {
        MappedFacts mapped = FhirFacts.fromResources(List.of(condition("c1", SCIATICA, "active", "confirmed"),
                condition("c2", SCIATICA, null, "refuted")), EVALUATION_DATE);

        assertEquals(FindingState.UNKNOWN, mapped.facts().stateOf(Finding.SCIATICA));
        assertEquals("UNKNOWN", mapped.report().conflicts().get(0).resolvedTo());
    }

    @Test
    void agreeing_reports_are_not_a_conflict() {
        MappedFacts mapped = FhirFacts.fromResources(List.of(observed("o1", FEVER, true), observed("o2", FEVER, true)),
                EVALUATION_DATE);

        assertEquals(FindingState.PRESENT, mapped.facts().stateOf(Finding.FEVER));
        assertEquals(List.of(), mapped.report().conflicts());
    }

    @Test
    void an_age_from_the_birth_date_that_disagrees_with_the_questionnaire_leaves_the_age_unknown() {
        QuestionnaireResponse response = FhirFixtures.response("q1");
        answerInteger(response, FhirCodes.AGE_YEARS, 30);

        MappedFacts mapped = FhirFacts.fromResources(List.of(patient("p1", EVALUATION_DATE.minusYears(52)), response),
                EVALUATION_DATE);

        assertNull(mapped.facts().ageYears());
        assertEquals(new MappingReport.Conflict("AGE_YEARS", "UNKNOWN", List.of("Patient/p1",
                "QuestionnaireResponse/q1")), mapped.report().conflicts().get(0));
    }

    @Test
    void of_two_pain_scores_the_higher_is_kept() {
        QuestionnaireResponse response = FhirFixtures.response("q1");
        answerInteger(response, FhirCodes.PAIN_SCORE, 3);
        answerInteger(response, FhirCodes.PAIN_SCORE, 7);

        MappedFacts mapped = FhirFacts.fromQuestionnaireResponse(response, EVALUATION_DATE);

        assertEquals(7, mapped.facts().painScore());
        assertEquals("7", mapped.report().conflicts().get(0).resolvedTo());
    }

    @Test
    void a_questionnaire_answer_and_an_observation_that_disagree_on_a_red_flag_give_present() {
        QuestionnaireResponse response = FhirFixtures.response("q1");
        answerCode(response, "FEVER", FhirCodes.ABSENT);

        MappedFacts mapped = FhirFacts.fromResources(List.of(response, observed("o1", FEVER, true)), EVALUATION_DATE);

        assertEquals(FindingState.PRESENT, mapped.facts().stateOf(Finding.FEVER));
        assertEquals(1, mapped.report().conflicts().size());
    }
}
