package org.spinecare.advisor.fhir;

import java.time.LocalDate;
import java.time.Period;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Patient;

/** The Patient: its id as the patient reference, and the age in whole years at the evaluation date. */
final class PatientMapper {
    private PatientMapper() {
    }

    static void map(Patient patient, String resource, LocalDate evaluationDate, FactCollector collected) {
        if (resource.startsWith("Patient/")) {
            collected.patientRef = resource;
            collected.patientRefSource = new FactCollector.Source(resource, "id");
        }
        if (!patient.hasBirthDateElement() || !patient.getBirthDateElement().hasValue()) {
            return;
        }
        DateType birthDate = patient.getBirthDateElement();
        FactCollector.Source source = new FactCollector.Source(resource, "birthDate");
        if (birthDate.getPrecision() != TemporalPrecisionEnum.DAY) {
            // Born "1970": 54 or 55 at the evaluation date; either could move the patient across an age limit.
            collected.unusable(source, MappingReport.Reason.IMPRECISE_BIRTH_DATE);
            return;
        }
        LocalDate born = LocalDate.of(birthDate.getYear(), birthDate.getMonth() + 1, birthDate.getDay());
        if (born.isAfter(evaluationDate)) {
            throw new FhirInputException(resource, "birthDate", "is after the evaluation date " + evaluationDate);
        }
        collected.measure(FhirCodes.AGE_YEARS, clamp(Period.between(born, evaluationDate).getYears()), source);
    }

    /** Kept in int range; the contract's range check (0 to 130) then names birthDate. */
    private static int clamp(long years) {
        return (int) Math.min(years, Integer.MAX_VALUE);
    }
}
