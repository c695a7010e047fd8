package org.spinecare.advisor.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spinecare.advisor.fhir.FhirFixtures.EVALUATION_DATE;
import static org.spinecare.advisor.fhir.FhirFixtures.FEVER;
import static org.spinecare.advisor.fhir.FhirFixtures.LUMBAR_STENOSIS;
import static org.spinecare.advisor.fhir.FhirFixtures.SCIATICA;
import static org.spinecare.advisor.fhir.FhirFixtures.condition;
import static org.spinecare.advisor.fhir.FhirFixtures.observation;
import static org.spinecare.advisor.fhir.FhirFixtures.observed;

import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.spinecare.kb.Diagnosis;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingState;

@DisplayName("An explicit PRESENT survives whatever else the resource carries")
class PresentSurvivesTest {
    private static final String VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    private static final String CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";

    private static MappedFacts map(Resource... resources) {
        return FhirFacts.fromResources(List.of(resources), EVALUATION_DATE);
    }

    private static CodeableConcept bothPresentAndAbsent() {
        CodeableConcept concept = FhirFixtures.presence(false);
        concept.addCoding(new Coding(FhirCodes.SNOMED, FhirCodes.SNOMED_PRESENT, null));
        return concept;
    }

    @Test
    void given_a_present_value_and_a_data_absent_reason_when_mapped_then_present_wins_and_the_report_says_so() {
        // Given fever true, with a dataAbsentReason beside it
        Observation observation = observed("o1", FEVER, true);
        observation.setDataAbsentReason(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/data-absent-reason", "unknown", null)));

        // When it is mapped
        MappedFacts mapped = map(observation);

        // Then fever is present, and the report lists the data absent reason and the conflict it was settled in
        assertEquals(FindingState.PRESENT, mapped.facts().stateOf(Finding.FEVER));
        assertEquals(List.of(new MappingReport.Conflict("FEVER", "PRESENT", List.of("Observation/o1"))),
                mapped.report().conflicts());
        assertEquals(MappingReport.Reason.DATA_ABSENT, mapped.report().unusableResources().get(0).reason());
    }

    @Test
    void given_an_absent_value_and_a_data_absent_reason_when_mapped_then_the_finding_stays_unknown() {
        Observation observation = observed("o1", FEVER, false);
        observation.setDataAbsentReason(new CodeableConcept().setText("asked-declined"));

        assertEquals(FindingState.UNKNOWN, map(observation).facts().stateOf(Finding.FEVER));
    }

    @Test
    void given_two_mapped_codes_on_one_present_observation_when_mapped_then_each_is_present() {
        // Given one Observation coded as fever and as sciatica, value true
        Observation observation = observed("o1", FEVER, true);
        observation.getCode().addCoding(new Coding(FhirCodes.SNOMED, SCIATICA, null));

        // When it is mapped
        MappedFacts mapped = map(observation);

        // Then both are present
        assertEquals(FindingState.PRESENT, mapped.facts().stateOf(Finding.FEVER));
        assertEquals(FindingState.PRESENT, mapped.facts().stateOf(Finding.SCIATICA));
    }

    @Test
    void given_two_mapped_codes_on_one_absent_observation_when_mapped_then_neither_is_ruled_out() {
        Observation observation = observed("o1", FEVER, false);
        observation.getCode().addCoding(new Coding(FhirCodes.SNOMED, SCIATICA, null));

        MappedFacts mapped = map(observation);

        assertEquals(FindingState.UNKNOWN, mapped.facts().stateOf(Finding.FEVER));
        assertEquals(FindingState.UNKNOWN, mapped.facts().stateOf(Finding.SCIATICA));
        assertEquals(MappingReport.Reason.AMBIGUOUS_CODE, mapped.report().unusableResources().get(0).reason());
    }

    @Test
    void given_present_and_absent_codings_in_one_value_when_mapped_then_a_red_flag_is_present_as_a_conflict() {
        // Given a fever Observation whose coded value holds both Absent and Present
        Observation observation = observation("o1", FEVER, ObservationStatus.FINAL);
        observation.setValue(bothPresentAndAbsent());

        // When it is mapped
        MappedFacts mapped = map(observation);

        // Then fever is present and the conflict is reported
        assertEquals(FindingState.PRESENT, mapped.facts().stateOf(Finding.FEVER));
        assertEquals(List.of(new MappingReport.Conflict("FEVER", "PRESENT", List.of("Observation/o1"))),
                mapped.report().conflicts());
    }

    @Test
    void given_present_and_absent_codings_in_one_interpretation_when_mapped_then_a_red_flag_is_present() {
        Observation observation = observation("o1", FEVER, ObservationStatus.FINAL);
        observation.addInterpretation(bothPresentAndAbsent());

        assertEquals(FindingState.PRESENT, map(observation).facts().stateOf(Finding.FEVER));
    }

    @Test
    void given_a_panel_whose_component_states_a_red_flag_when_mapped_then_it_is_present() {
        // Given a panel Observation of an unmapped code with a fever component, value true
        Observation panel = observation("o1", "22253000", ObservationStatus.FINAL);
        panel.addComponent().setCode(new CodeableConcept(new Coding(FhirCodes.SNOMED, FEVER, null)))
                .setValue(new BooleanType(true));

        // When it is mapped
        MappedFacts mapped = map(panel);

        // Then the component's fever is present
        assertEquals(FindingState.PRESENT, mapped.facts().stateOf(Finding.FEVER));
    }

    @Test
    void given_an_observation_whose_value_is_absent_but_a_component_present_when_mapped_then_present_is_kept() {
        Observation observation = observed("o1", FEVER, false);
        observation.addComponent().setCode(new CodeableConcept(new Coding(FhirCodes.SNOMED, FEVER, null)))
                .setValue(new BooleanType(true));

        MappedFacts mapped = map(observation);

        assertEquals(FindingState.PRESENT, mapped.facts().stateOf(Finding.FEVER));
        assertEquals("PRESENT", mapped.report().conflicts().get(0).resolvedTo());
    }

    @Test
    void given_a_condition_confirmed_and_refuted_at_once_when_active_then_it_is_present_as_a_conflict() {
        // Given an active lumbar stenosis whose verification status holds refuted, then confirmed
        Condition stenosis = condition("c1", LUMBAR_STENOSIS, "active", "refuted");
        stenosis.getVerificationStatus().addCoding(new Coding(VERIFICATION, "confirmed", null));

        // When it is mapped
        MappedFacts mapped = map(stenosis);

        // Then it is diagnosed, and the conflict is reported
        assertTrue(mapped.facts().diagnoses().contains(Diagnosis.SPINAL_STENOSIS));
        assertEquals(List.of(new MappingReport.Conflict("SPINAL_STENOSIS", "PRESENT", List.of("Condition/c1"))),
                mapped.report().conflicts());
    }

    @Test
    void given_a_confirmed_condition_whose_clinical_status_is_resolved_and_active_when_mapped_then_it_is_present() {
        Condition sciatica = condition("c1", SCIATICA, "resolved", "confirmed");
        sciatica.getClinicalStatus().addCoding(new Coding(CLINICAL, "active", null));

        assertEquals(FindingState.PRESENT, map(sciatica).facts().stateOf(Finding.SCIATICA));
    }

    @Test
    void given_a_confirmed_active_condition_also_marked_entered_in_error_when_mapped_then_it_is_present() {
        Condition fever = condition("c1", FEVER, "active", "entered-in-error");
        fever.getVerificationStatus().addCoding(new Coding(VERIFICATION, "confirmed", null));

        assertEquals(FindingState.PRESENT, map(fever).facts().stateOf(Finding.FEVER));
    }

    @Test
    void given_a_refuted_condition_of_two_mapped_codes_when_mapped_then_neither_is_ruled_out() {
        Condition condition = condition("c1", FEVER, null, "refuted");
        condition.getCode().addCoding(new Coding(FhirCodes.SNOMED, SCIATICA, null));

        MappedFacts mapped = map(condition);

        assertEquals(FindingState.UNKNOWN, mapped.facts().stateOf(Finding.FEVER));
        assertEquals(FindingState.UNKNOWN, mapped.facts().stateOf(Finding.SCIATICA));
    }

    @Test
    void given_a_condition_of_two_mapped_codes_confirmed_and_active_when_mapped_then_each_is_present() {
        Condition condition = condition("c1", FEVER, "active", "confirmed");
        condition.getCode().addCoding(new Coding(FhirCodes.SNOMED, SCIATICA, null));

        MappedFacts mapped = map(condition);

        assertEquals(FindingState.PRESENT, mapped.facts().stateOf(Finding.FEVER));
        assertEquals(FindingState.PRESENT, mapped.facts().stateOf(Finding.SCIATICA));
    }
}
