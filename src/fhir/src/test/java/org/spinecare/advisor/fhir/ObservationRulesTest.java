package org.spinecare.advisor.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spinecare.advisor.fhir.FhirFixtures.EVALUATION_DATE;
import static org.spinecare.advisor.fhir.FhirFixtures.FEVER;
import static org.spinecare.advisor.fhir.FhirFixtures.observation;
import static org.spinecare.advisor.fhir.FhirFixtures.observed;

import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingState;

@DisplayName("Observations: which count, and what they state")
class ObservationRulesTest {

    private static MappedFacts map(Observation... observations) {
        return FhirFacts.fromResources(List.of(observations), EVALUATION_DATE);
    }

    @Test
    void a_final_observation_with_value_true_states_the_finding_present() {
        MappedFacts mapped = map(observed("o1", FEVER, true));

        assertEquals(FindingState.PRESENT, mapped.facts().stateOf(Finding.FEVER));
        assertTrue(mapped.report().isClean());
    }

    @Test
    void a_final_observation_with_value_false_states_the_finding_absent() {
        assertEquals(FindingState.ABSENT, map(observed("o1", FEVER, false)).facts().stateOf(Finding.FEVER));
    }

    @ParameterizedTest
    @EnumSource(value = ObservationStatus.class, names = {"FINAL", "AMENDED", "CORRECTED"})
    void final_amended_and_corrected_observations_count(ObservationStatus status) {
        Observation observation = observed("o1", FEVER, true);
        observation.setStatus(status);

        assertEquals(FindingState.PRESENT, map(observation).facts().stateOf(Finding.FEVER));
    }

    @ParameterizedTest
    @EnumSource(value = ObservationStatus.class, names = {"REGISTERED", "PRELIMINARY", "UNKNOWN"})
    void an_observation_not_yet_final_that_says_absent_leaves_the_finding_unknown_and_is_reported(
            ObservationStatus status) {
        // Given fever recorded absent on a result that is not yet final
        Observation observation = observed("o1", FEVER, false);
        observation.setStatus(status);

        // When it is mapped
        MappedFacts mapped = map(observation);

        // Then the absence is not taken as confirmed, and the report says why
        assertEquals(FindingState.UNKNOWN, mapped.facts().stateOf(Finding.FEVER));
        assertEquals(List.of(new MappingReport.UnusableResource("Observation/o1", "status",
                MappingReport.Reason.NOT_FINAL)), mapped.report().unusableResources());
    }

    @ParameterizedTest
    @EnumSource(value = ObservationStatus.class, names = {"REGISTERED", "PRELIMINARY", "UNKNOWN"})
    void an_observation_not_yet_final_that_says_present_keeps_the_red_flag(ObservationStatus status) {
        // Given fever recorded present on a result that is not yet final
        Observation observation = observed("o1", FEVER, true);
        observation.setStatus(status);

        // When it is mapped
        MappedFacts mapped = map(observation);

        // Then the red flag counts (never less urgent than the data), and the report still names the status
        assertEquals(FindingState.PRESENT, mapped.facts().stateOf(Finding.FEVER));
        assertEquals(MappingReport.Reason.NOT_FINAL, mapped.report().unusableResources().get(0).reason());
    }

    @ParameterizedTest
    @CsvSource({"ENTEREDINERROR, ENTERED_IN_ERROR", "CANCELLED, CANCELLED"})
    void an_observation_entered_in_error_or_cancelled_is_ignored_and_reported(ObservationStatus status,
                                                                              MappingReport.Reason reason) {
        Observation observation = observed("o1", FEVER, true);
        observation.setStatus(status);

        MappedFacts mapped = map(observation);

        assertEquals(FindingState.UNKNOWN, mapped.facts().stateOf(Finding.FEVER));
        assertEquals(reason, mapped.report().unusableResources().get(0).reason());
    }

    @Test
    void a_value_of_snomed_present_or_absent_states_the_finding() {
        Observation present = observation("o1", FEVER, ObservationStatus.FINAL);
        present.setValue(FhirFixtures.presence(true));

        assertEquals(FindingState.PRESENT, map(present).facts().stateOf(Finding.FEVER));

        Observation absent = observation("o2", FEVER, ObservationStatus.FINAL);
        absent.setValue(FhirFixtures.presence(false));

        assertEquals(FindingState.ABSENT, map(absent).facts().stateOf(Finding.FEVER));
    }

    @Test
    void an_interpretation_of_absent_states_the_finding_absent() {
        Observation observation = observation("o1", FEVER, ObservationStatus.FINAL);
        observation.addInterpretation(FhirFixtures.presence(false));

        assertEquals(FindingState.ABSENT, map(observation).facts().stateOf(Finding.FEVER));
    }

    @Test
    void a_data_absent_reason_leaves_the_finding_unknown_never_absent() {
        Observation observation = observation("o1", FEVER, ObservationStatus.FINAL);
        observation.setDataAbsentReason(new CodeableConcept().setText("asked-declined"));

        MappedFacts mapped = map(observation);

        assertEquals(FindingState.UNKNOWN, mapped.facts().stateOf(Finding.FEVER));
        assertEquals(MappingReport.Reason.DATA_ABSENT, mapped.report().unusableResources().get(0).reason());
    }

    @Test
    void an_observation_without_a_usable_value_leaves_the_finding_unknown_and_is_reported() {
        MappedFacts mapped = map(observation("o1", FEVER, ObservationStatus.FINAL));

        assertEquals(FindingState.UNKNOWN, mapped.facts().stateOf(Finding.FEVER));
        assertEquals(MappingReport.Reason.NO_USABLE_VALUE, mapped.report().unusableResources().get(0).reason());
    }

    @Test
    void a_code_the_concept_map_does_not_know_is_reported_as_a_code_not_dropped() {
        MappedFacts mapped = map(observed("o1", "22253000", true));

        assertEquals(List.of(new MappingReport.UnknownCode("Observation/o1", "code.coding[0]", FhirCodes.SNOMED,
                "22253000")), mapped.report().unknownCodes());
        assertEquals(MappingReport.Reason.NO_KNOWN_CODE, mapped.report().unusableResources().get(0).reason());
        assertTrue(mapped.facts().findings().isEmpty());
    }

    @Test
    void a_free_text_code_from_the_input_never_reaches_the_report() {
        Observation observation = observed("o1", "not a code \u001b[31m", true);

        MappedFacts mapped = map(observation);

        assertEquals("?", mapped.report().unknownCodes().get(0).code());
    }
}
