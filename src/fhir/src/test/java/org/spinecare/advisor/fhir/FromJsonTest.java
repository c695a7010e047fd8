package org.spinecare.advisor.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.spinecare.advisor.fhir.FhirFixtures.EVALUATION_DATE;
import static org.spinecare.advisor.fhir.FhirFixtures.FEVER;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingState;

@DisplayName("The JSON entry point reads a Bundle or one resource, strictly")
class FromJsonTest {

    @Test
    void a_bundle_in_json_is_mapped_like_the_same_bundle_in_memory() {
        var bundle = FhirFixtures.bundle(FhirFixtures.patient("p1", EVALUATION_DATE.minusYears(40)),
                FhirFixtures.about(FhirFixtures.observed("o1", FEVER, true), "p1"));

        MappedFacts fromJson = FhirFacts.fromJson(FhirFixtures.json(bundle), EVALUATION_DATE);

        assertEquals(FhirFacts.fromBundle(bundle, EVALUATION_DATE), fromJson);
        assertEquals(FindingState.PRESENT, fromJson.facts().stateOf(Finding.FEVER));
        assertEquals(40, fromJson.facts().ageYears());
    }

    @Test
    void an_unknown_element_is_one_line_naming_the_element_not_hapis_message() {
        String json = "{\"resourceType\":\"Observation\",\"status\":\"final\",\"colour\":\"red\","
                + "\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"386661006\"}]}}";

        FhirInputException e = assertThrows(FhirInputException.class, () -> FhirFacts.fromJson(json, EVALUATION_DATE));

        assertEquals("Observation: colour: is not an element of FHIR R4 here", e.getMessage());
        assertFalse(e.getMessage().contains("HAPI"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void a_wrong_resource_type_is_rejected_naming_resource_type() {
        FhirInputException e = assertThrows(FhirInputException.class,
                () -> FhirFacts.fromJson("{\"resourceType\":\"Medication\"}", EVALUATION_DATE));

        assertEquals("resourceType", e.element());
    }

    @Test
    void malformed_json_is_rejected_with_its_position() {
        FhirInputException e = assertThrows(FhirInputException.class,
                () -> FhirFacts.fromJson("{\"resourceType\": \"Patient\",", EVALUATION_DATE));

        assertEquals("document: $: is not valid JSON (line 1, column 28)", e.getMessage());
    }
}
