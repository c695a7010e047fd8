package org.spinecare.advisor.fhir;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;

/**
 * A Condition of a mapped SNOMED CT concept: confirmed and active (or recurrence, relapse) is present; refuted is
 * absent; resolved, inactive or in remission is not present now but not ruled out either, so it gives no fact;
 * entered-in-error is ignored; unconfirmed, provisional, differential or no verification status gives no fact.
 */
final class ConditionMapper {
    private static final String CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    private static final String VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";

    private ConditionMapper() {
    }

    static void map(Condition condition, String resource, FactCollector collected) {
        String verification = code(condition.getVerificationStatus(), VERIFICATION);
        FactCollector.Source verificationSource = new FactCollector.Source(resource, "verificationStatus");
        if ("entered-in-error".equals(verification)) {
            collected.unusable(verificationSource, MappingReport.Reason.ENTERED_IN_ERROR);
            return;
        }
        Target target = CodeLookup.target(condition.getCode(), resource, collected);
        if (target == null) {
            return;
        }
        if ("refuted".equals(verification)) {
            collected.state(target, false, verificationSource);
            return;
        }
        if (!"confirmed".equals(verification)) {
            collected.unusable(verificationSource, MappingReport.Reason.NOT_CONFIRMED);
            return;
        }
        String clinical = code(condition.getClinicalStatus(), CLINICAL);
        FactCollector.Source clinicalSource = new FactCollector.Source(resource, "clinicalStatus");
        if ("active".equals(clinical) || "recurrence".equals(clinical) || "relapse".equals(clinical)) {
            collected.state(target, true, clinicalSource);
        } else if (clinical == null) {
            collected.unusable(clinicalSource, MappingReport.Reason.NO_USABLE_VALUE);
        } else {
            collected.unusable(clinicalSource, MappingReport.Reason.NOT_ACTIVE);
        }
    }

    /** The status code from its HL7 code system, or null when absent or from another system. */
    private static String code(CodeableConcept status, String system) {
        for (Coding coding : status.getCoding()) {
            if (system.equals(coding.getSystem())) {
                return coding.getCode();
            }
        }
        return null;
    }
}
