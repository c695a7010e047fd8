package org.spinecare.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.spinecare.kb.CrackingFrequency;
import org.spinecare.kb.Diagnosis;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingState;
import org.spinecare.kb.TensionOnset;

/** PatientFacts.builder(): the same facts and the same rejections as the constructor, and an immutable result. */
class PatientFactsBuilderTest {

    @Test
    void a_patient_built_field_by_field_equals_the_same_patient_from_the_constructor() {
        // Given every field set through the builder
        PatientFacts built = PatientFacts.builder()
                .patientRef("clinic-42")
                .ageYears(54)
                .painScore(6)
                .finding(Finding.SADDLE_SENSATION_LOSS, FindingState.PRESENT)
                .finding(Finding.FEVER, FindingState.ABSENT)
                .diagnosis(Diagnosis.SPINAL_STENOSIS)
                .cracking(CrackingFrequency.DAILY, true)
                .tensionOnset(TensionOnset.ACUTE)
                .sittingHoursPerDay(9)
                .symptomDurationWeeks(3)
                .build();

        // When the same facts are passed to the constructor
        PatientFacts constructed = new PatientFacts("clinic-42", 54, 6,
                Map.of(Finding.SADDLE_SENSATION_LOSS, FindingState.PRESENT, Finding.FEVER, FindingState.ABSENT),
                Set.of(Diagnosis.SPINAL_STENOSIS), new PatientFacts.Cracking(CrackingFrequency.DAILY, true),
                TensionOnset.ACUTE, 9, 3);

        // Then both are equal, and a finding never reported is UNKNOWN, not ABSENT
        assertEquals(constructed, built);
        assertEquals(FindingState.UNKNOWN, built.stateOf(Finding.NUMBNESS));
    }

    @Test
    void the_builder_rejects_what_the_constructor_rejects_with_the_same_code_and_path() {
        // Given invalid values: out of range, a finding reported UNKNOWN or null, a symptom duration longer than
        // the patient's life
        // When each is built / Then each fails with the constructor's code and path
        assertRejected(InvalidFactsException.Code.OUT_OF_RANGE, "$.ageYears",
                () -> PatientFacts.builder().ageYears(131).build());
        assertRejected(InvalidFactsException.Code.UNKNOWN_CODE, "$.findings.FEVER",
                () -> PatientFacts.builder().finding(Finding.FEVER, FindingState.UNKNOWN).build());
        assertRejected(InvalidFactsException.Code.NULL_VALUE, "$.findings",
                () -> PatientFacts.builder().finding(null, FindingState.PRESENT).build());
        assertRejected(InvalidFactsException.Code.OUT_OF_RANGE, "$.symptomDurationWeeks",
                () -> PatientFacts.builder().ageYears(1).symptomDurationWeeks(200).build());
    }

    @Test
    void facts_already_built_do_not_change_when_the_builder_is_used_again() {
        // Given facts built with one finding and one diagnosis
        PatientFacts.Builder builder = PatientFacts.builder()
                .finding(Finding.FEVER, FindingState.PRESENT)
                .diagnosis(Diagnosis.SPINAL_STENOSIS);
        PatientFacts first = builder.build();

        // When the builder goes on to report more
        PatientFacts second = builder.finding(Finding.NUMBNESS, FindingState.PRESENT)
                .diagnosis(Diagnosis.HERNIATED_DISC).build();

        // Then the first facts are unchanged and refuse changes themselves
        assertEquals(Map.of(Finding.FEVER, FindingState.PRESENT), first.findings());
        assertEquals(EnumSet.of(Diagnosis.SPINAL_STENOSIS), first.diagnoses());
        assertEquals(2, second.findings().size());
        assertThrows(UnsupportedOperationException.class,
                () -> first.findings().put(Finding.NUMBNESS, FindingState.ABSENT));
        assertThrows(UnsupportedOperationException.class, () -> first.diagnoses().add(Diagnosis.HERNIATED_DISC));
    }

    private static void assertRejected(InvalidFactsException.Code code, String path,
                                       org.junit.jupiter.api.function.Executable build) {
        InvalidFactsException e = assertThrows(InvalidFactsException.class, build);
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(path, e.path(), e.getMessage());
    }
}
