package org.spinecare.advisor.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.spinecare.advisor.fhir.FhirFixtures.EVALUATION_DATE;
import static org.spinecare.advisor.fhir.FhirFixtures.FEVER;
import static org.spinecare.advisor.fhir.FhirFixtures.about;
import static org.spinecare.advisor.fhir.FhirFixtures.bundle;
import static org.spinecare.advisor.fhir.FhirFixtures.observed;
import static org.spinecare.advisor.fhir.FhirFixtures.patient;

import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Every resource of a document is the one patient, and the patient asked about when one is named")
class PatientIdentityTest {

    private static FhirInputException rejected(Bundle bundle, String expected) {
        return assertThrows(FhirInputException.class,
                () -> FhirFacts.fromJson(FhirFixtures.json(bundle), EVALUATION_DATE, List.of(), expected));
    }

    @Test
    void given_the_expected_patient_when_the_patient_and_subjects_are_that_patient_then_it_is_mapped() {
        Bundle bundle = bundle(patient("p1", null), about(observed("o1", FEVER, true), "p1"));

        MappedFacts mapped = FhirFacts.fromJson(FhirFixtures.json(bundle), EVALUATION_DATE, List.of(), "p1");

        assertEquals("Patient/p1", mapped.facts().patientRef());
    }

    @Test
    void given_the_expected_patient_when_the_bundle_holds_another_patient_then_it_is_rejected_naming_its_id() {
        // Given a Bundle of patient p2 whose resources are consistent among themselves
        Bundle bundle = bundle(patient("p2", null), about(observed("o1", FEVER, false), "p2"));

        // When it is read for patient p1
        FhirInputException e = rejected(bundle, "p1");

        // Then it is refused, naming the Patient's id
        assertEquals("Patient/p2", e.resource());
        assertEquals("id", e.element());
    }

    @Test
    void given_the_expected_patient_when_a_subject_without_a_patient_resource_is_another_then_it_is_rejected() {
        FhirInputException e = rejected(bundle(about(observed("o1", FEVER, false), "p2")), "p1");

        assertEquals("subject.reference", e.element());
    }

    @Test
    void given_the_expected_patient_when_a_resource_has_no_subject_then_it_is_rejected() {
        FhirInputException e = rejected(bundle(observed("o1", FEVER, false)), "p1");

        assertEquals("Observation/o1", e.resource());
        assertEquals("subject", e.element());
    }

    @Test
    void a_subject_given_by_identifier_only_is_rejected() {
        Observation observation = observed("o1", FEVER, false);
        observation.setSubject(new Reference().setIdentifier(new Identifier().setSystem("urn:mrn").setValue("1")));

        FhirInputException e = rejected(bundle(patient("p1", null), observation), null);

        assertEquals("subject", e.element());
    }

    @Test
    void a_patient_whose_id_differs_from_the_subjects_is_rejected() {
        FhirInputException e = rejected(bundle(patient("p2", null), about(observed("o1", FEVER, false), "p1")), null);

        assertEquals("subject.reference", e.element());
    }

    @Test
    void a_subject_that_is_not_a_patient_is_rejected() {
        Observation observation = observed("o1", FEVER, false);
        observation.setSubject(new Reference("Group/g1"));

        assertThrows(FhirInputException.class, () -> FhirFacts.fromResources(List.of(observation), EVALUATION_DATE));
    }

    @Test
    void a_bundle_nested_in_a_bundle_is_rejected_even_when_its_patient_is_the_expected_one() {
        Bundle inner = bundle(patient("p1", null), about(observed("o1", FEVER, true), "p1"));
        Bundle outer = bundle(inner);

        FhirInputException e = rejected(outer, "p1");

        assertEquals("resourceType", e.element());
    }
}
