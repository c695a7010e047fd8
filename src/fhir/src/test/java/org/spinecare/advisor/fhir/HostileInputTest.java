package org.spinecare.advisor.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spinecare.advisor.fhir.FhirFixtures.EVALUATION_DATE;
import static org.spinecare.advisor.fhir.FhirFixtures.FEVER;
import static org.spinecare.advisor.fhir.FhirFixtures.about;
import static org.spinecare.advisor.fhir.FhirFixtures.bundle;
import static org.spinecare.advisor.fhir.FhirFixtures.observed;
import static org.spinecare.advisor.fhir.FhirFixtures.patient;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Hostile FHIR is rejected whole, in one line naming the resource and element")
class HostileInputTest {

    private static FhirInputException rejected(String json) {
        FhirInputException e = assertThrows(FhirInputException.class, () -> FhirFacts.fromJson(json, EVALUATION_DATE));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(e.getMessage().contains("HAPI-"), e.getMessage());
        return e;
    }

    private static FhirInputException rejected(Bundle bundle) {
        return rejected(FhirFixtures.json(bundle));
    }

    @Test
    void a_resource_type_that_is_not_fhir_is_rejected_in_a_bundle_entry() {
        String json = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{\"resource\":"
                + "{\"resourceType\":\"Patiënt\"}}]}";

        FhirInputException e = rejected(json);

        assertEquals("Bundle.entry[0].resource: resourceType: is not a FHIR R4 resource type: ?", e.getMessage());
    }

    @Test
    void a_resource_type_the_mapping_does_not_read_is_reported_not_silently_dropped() {
        MappedFacts mapped = FhirFacts.fromBundle(bundle(new Medication().setId("m1")), EVALUATION_DATE);

        assertEquals(List.of(new MappingReport.UnusableResource("Medication/m1", "resourceType",
                MappingReport.Reason.UNSUPPORTED_RESOURCE_TYPE)), mapped.report().unusableResources());
    }

    @Test
    void contained_resources_are_rejected() {
        Observation observation = observed("o1", FEVER, true);
        observation.addContained(observed("hidden", FEVER, false));

        FhirInputException e = rejected(bundle(observation));

        assertEquals("Observation/o1", e.resource());
        assertEquals("contained", e.element());
    }

    @Test
    void a_bundle_over_the_entry_limit_is_rejected_before_hapi_reads_it() {
        List<Resource> many = new ArrayList<>();
        for (int i = 0; i <= ResourceSet.MAX_RESOURCES; i++) {
            many.add(observed("o" + i, FEVER, true));
        }

        FhirInputException e = rejected(bundle(many.toArray(Resource[]::new)));

        assertEquals("Bundle: entry: holds 1001 entries; at most 1000 are accepted for one patient", e.getMessage());
    }

    @Test
    void a_document_over_one_mebibyte_is_rejected() {
        String padding = "x".repeat(FhirJson.MAX_DOCUMENT_BYTES);

        FhirInputException e = rejected("{\"resourceType\":\"Patient\",\"id\":\"" + padding + "\"}");

        assertEquals("$", e.element());
    }

    @Test
    void a_subject_that_refers_to_another_patient_is_rejected() {
        FhirInputException e = rejected(bundle(patient("p1", null), about(observed("o1", FEVER, true), "p2")));

        assertEquals("Observation/o1: subject.reference: does not refer to the document's Patient (Patient/p1)",
                e.getMessage());
    }

    @Test
    void without_a_patient_resources_about_two_patients_are_rejected() {
        FhirInputException e = rejected(bundle(about(observed("o1", FEVER, true), "p1"),
                about(observed("o2", FEVER, false), "p2")));

        assertEquals("Observation/o2", e.resource());
    }

    @Test
    void two_patients_in_one_bundle_are_rejected() {
        FhirInputException e = rejected(bundle(patient("p1", null), patient("p2", null)));

        assertEquals("Patient/p2", e.resource());
    }

    @Test
    void duplicate_resource_ids_are_rejected() {
        FhirInputException e = rejected(bundle(observed("o1", FEVER, true), observed("o1", FEVER, false)));

        assertEquals("Observation/o1: id: is the id of another Observation in the same document", e.getMessage());
    }

    @Test
    void duplicate_json_keys_are_rejected_rather_than_resolved_to_the_last_one() {
        FhirInputException e = rejected("{\"resourceType\":\"Observation\",\"status\":\"final\","
                + "\"valueBoolean\":false,\"valueBoolean\":true}");

        assertTrue(e.getMessage().endsWith("a duplicate key"), e.getMessage());
    }

    @Test
    void a_bundle_inside_a_bundle_is_rejected() {
        Bundle inner = bundle(observed("o1", FEVER, true));
        inner.setId("inner");

        FhirInputException e = rejected(bundle(inner));

        assertEquals("Bundle/inner", e.resource());
    }

    @Test
    void an_invalid_date_is_rejected_naming_the_resource() {
        FhirInputException e = rejected("{\"resourceType\":\"Patient\",\"birthDate\":\"yesterday\"}");

        assertEquals("Patient", e.resource());
    }

    @Test
    void an_empty_document_and_a_json_array_are_rejected() {
        assertEquals("document: $: is empty", rejected("").getMessage());
        assertEquals("document: $: must be a JSON object (a FHIR resource)", rejected("[]").getMessage());
    }

    @Test
    void deep_nesting_is_rejected_before_hapi_reads_it() {
        String deep = "{\"resourceType\":\"Patient\",\"extension\":" + "[".repeat(200) + "]".repeat(200) + "}";

        assertEquals("$", rejected(deep).element());
    }

    @Test
    void control_characters_in_an_unknown_element_name_do_not_reach_the_message() {
        FhirInputException e = rejected("{\"resourceType\":\"Patient\",\"bad\\u001b[2Jname\":1}");

        assertFalse(e.getMessage().chars().anyMatch(Character::isISOControl), e.getMessage());
    }
}
