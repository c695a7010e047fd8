package org.spinecare.advisor.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.spinecare.advisor.fhir.FhirFixtures.patient;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The age comes from Patient.birthDate at the evaluation date")
class PatientAgeTest {

    @Test
    void the_age_is_in_whole_years_at_the_evaluation_date() {
        Patient patient = patient("p1", LocalDate.of(1976, 11, 25));

        assertEquals(49, FhirFacts.fromResources(List.of(patient), LocalDate.of(2026, 11, 24)).facts().ageYears());
        assertEquals(50, FhirFacts.fromResources(List.of(patient), LocalDate.of(2026, 11, 25)).facts().ageYears());
    }

    @Test
    void the_json_entry_point_takes_the_evaluation_date_from_the_clock() {
        String json = FhirFixtures.json(patient("p1", LocalDate.of(2000, 6, 1)));
        Clock clock = Clock.fixed(Instant.parse("2030-06-01T10:00:00Z"), ZoneOffset.UTC);

        assertEquals(30, FhirFacts.fromJson(json, clock).facts().ageYears());
    }

    @Test
    void the_patient_id_is_the_patient_reference() {
        assertEquals("Patient/p1", FhirFacts.fromResources(List.of(patient("p1", null)), FhirFixtures.EVALUATION_DATE)
                .facts().patientRef());
    }

    @Test
    void a_birth_year_alone_leaves_the_age_unknown_and_is_reported() {
        Patient patient = patient("p1", null);
        patient.setBirthDateElement(new DateType("1970"));

        MappedFacts mapped = FhirFacts.fromResources(List.of(patient), FhirFixtures.EVALUATION_DATE);

        assertNull(mapped.facts().ageYears());
        assertEquals(MappingReport.Reason.IMPRECISE_BIRTH_DATE, mapped.report().unusableResources().get(0).reason());
    }

    @Test
    void a_birth_date_after_the_evaluation_date_is_an_error_naming_the_element() {
        Patient patient = patient("p1", FhirFixtures.EVALUATION_DATE.plusDays(1));

        FhirInputException e = assertThrows(FhirInputException.class,
                () -> FhirFacts.fromResources(List.of(patient), FhirFixtures.EVALUATION_DATE));

        assertEquals("Patient/p1", e.resource());
        assertEquals("birthDate", e.element());
    }

    @Test
    void an_age_over_the_contract_limit_is_an_error_naming_the_birth_date() {
        Patient patient = patient("p1", LocalDate.of(1850, 1, 1));

        FhirInputException e = assertThrows(FhirInputException.class,
                () -> FhirFacts.fromResources(List.of(patient), FhirFixtures.EVALUATION_DATE));

        assertEquals("Patient/p1: birthDate: must be between 0 and 130, was 176", e.getMessage());
    }
}
