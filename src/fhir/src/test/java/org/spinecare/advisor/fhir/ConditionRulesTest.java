package org.spinecare.advisor.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spinecare.advisor.fhir.FhirFixtures.EVALUATION_DATE;
import static org.spinecare.advisor.fhir.FhirFixtures.LUMBAR_STENOSIS;
import static org.spinecare.advisor.fhir.FhirFixtures.SCIATICA;
import static org.spinecare.advisor.fhir.FhirFixtures.condition;

import java.util.List;
import org.hl7.fhir.r4.model.Condition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spinecare.kb.Diagnosis;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingState;

@DisplayName("Conditions: confirmed and active is present, refuted is absent, the rest states nothing")
class ConditionRulesTest {

    private static MappedFacts map(Condition condition) {
        return FhirFacts.fromResources(List.of(condition), EVALUATION_DATE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"active", "recurrence", "relapse"})
    void a_confirmed_active_condition_is_present(String clinical) {
        assertEquals(FindingState.PRESENT,
                map(condition("c1", SCIATICA, clinical, "confirmed")).facts().stateOf(Finding.SCIATICA));
    }

    @Test
    void a_refuted_condition_is_absent() {
        MappedFacts mapped = map(condition("c1", SCIATICA, null, "refuted"));

        assertEquals(FindingState.ABSENT, mapped.facts().stateOf(Finding.SCIATICA));
        assertTrue(mapped.report().isClean());
    }

    @ParameterizedTest
    @ValueSource(strings = {"resolved", "inactive", "remission"})
    void a_resolved_or_inactive_condition_is_not_present_and_not_absent_either(String clinical) {
        MappedFacts mapped = map(condition("c1", SCIATICA, clinical, "confirmed"));

        assertEquals(FindingState.UNKNOWN, mapped.facts().stateOf(Finding.SCIATICA));
        assertEquals(List.of(new MappingReport.UnusableResource("Condition/c1", "clinicalStatus",
                MappingReport.Reason.NOT_ACTIVE)), mapped.report().unusableResources());
    }

    @Test
    void a_condition_entered_in_error_is_ignored_and_reported() {
        MappedFacts mapped = map(condition("c1", SCIATICA, "active", "entered-in-error"));

        assertEquals(FindingState.UNKNOWN, mapped.facts().stateOf(Finding.SCIATICA));
        assertEquals(MappingReport.Reason.ENTERED_IN_ERROR, mapped.report().unusableResources().get(0).reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"unconfirmed", "provisional", "differential"})
    void an_unconfirmed_condition_states_nothing(String verification) {
        MappedFacts mapped = map(condition("c1", SCIATICA, "active", verification));

        assertEquals(FindingState.UNKNOWN, mapped.facts().stateOf(Finding.SCIATICA));
        assertEquals(MappingReport.Reason.NOT_CONFIRMED, mapped.report().unusableResources().get(0).reason());
    }

    @Test
    void a_condition_without_verification_status_states_nothing() {
        MappedFacts mapped = map(condition("c1", SCIATICA, "active", null));

        assertEquals(FindingState.UNKNOWN, mapped.facts().stateOf(Finding.SCIATICA));
        assertEquals(MappingReport.Reason.NOT_CONFIRMED, mapped.report().unusableResources().get(0).reason());
    }

    @Test
    void confirmed_lumbar_stenosis_is_a_diagnosis_of_spinal_stenosis() {
        MappedFacts mapped = map(condition("c1", LUMBAR_STENOSIS, "active", "confirmed"));

        assertEquals(java.util.Set.of(Diagnosis.SPINAL_STENOSIS), mapped.facts().diagnoses());
    }

    @Test
    void refuted_lumbar_stenosis_does_not_rule_out_stenosis_elsewhere_and_says_so() {
        MappedFacts mapped = map(condition("c1", LUMBAR_STENOSIS, null, "refuted"));

        assertTrue(mapped.facts().diagnoses().isEmpty());
        assertEquals(MappingReport.Reason.ABSENCE_OF_NARROWER_CONCEPT,
                mapped.report().unusableResources().get(0).reason());
    }
}
