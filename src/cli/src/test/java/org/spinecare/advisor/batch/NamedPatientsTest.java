package org.spinecare.advisor.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An unreadable bulk data line names the patients its raw text names, and only those")
class NamedPatientsTest {
    private static Set<String> named(String line) {
        return NamedPatients.in(line.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void given_a_line_cut_after_its_subject_then_it_names_that_patient() {
        assertEquals(Set.of("Patient/p1"), named("{\"resourceType\":\"Observation\",\"subject\":{\"reference\":"
                + "\"Patient/p1\"},\"valueBool"));
    }

    @Test
    void given_a_patient_line_with_a_duplicate_key_then_it_names_its_id_whatever_the_key_order() {
        assertEquals(Set.of("Patient/p2"), named("{\"id\":\"p2\",\"resourceType\":\"Patient\",\"resourceType\":"
                + "\"Patient\"}"));
    }

    @Test
    void given_absolute_versioned_and_patient_field_references_then_each_patient_is_named_once() {
        assertEquals(Set.of("Patient/a", "Patient/b"), named("{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":"
                + "{\"subject\":{\"reference\":\"https://ehr.example/fhir/Patient/a/_history/3\"}}},{\"resource\":"
                + "{\"patient\":{\"reference\":\"Patient/b\"}}},{\"resource\":{\"subject\":{\"reference\":"
                + "\"Patient/a\"}}}]}"));
    }

    @Test
    void given_no_patient_reference_then_it_names_none() {
        assertEquals(Set.of(), named("{\"resourceType\":\"Observation\",\"subject\":{\"reference\":\"Group/g1\"},"
                + "\"performer\":[{\"reference\":\"Patient/p9\"}]}"));
        assertEquals(Set.of(), named("not json at all"));
        assertEquals(Set.of(), named("{\"resourceType\":\"Observation\",\"id\":\"p1\"}"));
    }
}
