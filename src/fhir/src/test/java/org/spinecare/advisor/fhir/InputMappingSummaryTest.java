package org.spinecare.advisor.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spinecare.advisor.fhir.FhirFixtures.EVALUATION_DATE;
import static org.spinecare.advisor.fhir.FhirFixtures.FEVER;
import static org.spinecare.advisor.fhir.FhirFixtures.observation;
import static org.spinecare.advisor.fhir.FhirFixtures.observed;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.spinecare.advisor.InputMapping;

@DisplayName("The mapping report's summary for the audit record holds counts and project codes only")
class InputMappingSummaryTest {
    static final String LOCAL_SYSTEM = "http://hospital.example/local-codes";
    static final String LOCAL_CODE = "BACKACHE-LOCAL-42";

    @Test
    void an_unknown_code_a_not_final_observation_and_a_conflict_are_counted_and_named_by_project_code() {
        // Given an unknown local code, a preliminary observation and fever reported both ways
        Observation unknown = observation("o1", "0", Observation.ObservationStatus.FINAL);
        unknown.setCode(new CodeableConcept(new Coding(LOCAL_SYSTEM, LOCAL_CODE, "Backache (local)")));
        Observation preliminary = observation("o2", FhirFixtures.SCIATICA, Observation.ObservationStatus.PRELIMINARY);
        MappedFacts mapped = FhirFacts.fromResources(List.of(unknown, preliminary, observed("o3", FEVER, true),
                observed("o4", FEVER, false)), EVALUATION_DATE);

        // When it is summarised
        InputMapping summary = mapped.report().toInputMapping();

        // Then the unknown code is counted, the reasons and the conflict are codes, and no input text is in it
        assertEquals(InputMapping.FHIR_R4, summary.format());
        assertEquals(1, summary.unknownCodes());
        assertTrue(summary.unusable().contains("NOT_FINAL"), summary.toString());
        assertEquals(mapped.report().unusableResources().size(), summary.unusable().size());
        assertEquals(List.of("FEVER"), summary.conflicts());
        String text = summary.toString();
        for (String input : List.of(LOCAL_SYSTEM, LOCAL_CODE, "Backache", "o1", "Observation/")) {
            assertTrue(!text.contains(input), input + " in " + text);
        }
    }

    @Test
    void a_clean_report_gives_an_empty_summary() {
        assertEquals(new InputMapping(InputMapping.FHIR_R4, 0, List.of(), List.of()),
                MappingReport.empty().toInputMapping());
    }

    @Test
    void the_library_knows_every_reason_and_measure_code_this_module_can_report() {
        Set<String> reasons = Arrays.stream(MappingReport.Reason.values()).map(Enum::name)
                .collect(Collectors.toSet());
        assertEquals(reasons, InputMapping.UNUSABLE_REASONS);
        assertEquals(Set.of(FhirCodes.AGE_YEARS, FhirCodes.PAIN_SCORE, FhirCodes.SITTING_HOURS_PER_DAY,
                FhirCodes.SYMPTOM_DURATION_WEEKS, FhirCodes.TENSION_ONSET, FhirCodes.CRACKING_FREQUENCY,
                FhirCodes.CRACKING_FORCEFUL), InputMapping.MEASURES);
    }
}
