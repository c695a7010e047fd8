package org.spinecare.advisor.fhir;

import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;

/**
 * A Condition of a mapped SNOMED CT concept: confirmed and active (or recurrence, relapse) is present; refuted is
 * absent; resolved, inactive or in remission is not present now but not ruled out either, so it gives no fact;
 * entered-in-error is ignored; unconfirmed, provisional, differential or no verification status gives no fact.
 * Every coding of a status counts: confirmed and active among them is present, whatever else they say (reported as
 * a conflict), and every mapped code of the Condition is present.
 */
final class ConditionMapper {
    private static final String CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    private static final String VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    private static final Set<String> ACTIVE = Set.of("active", "recurrence", "relapse");

    private ConditionMapper() {
    }

    static void map(Condition condition, String resource, FactCollector collected) {
        List<String> verification = codes(condition.getVerificationStatus(), VERIFICATION);
        List<String> clinical = codes(condition.getClinicalStatus(), CLINICAL);
        FactCollector.Source verificationSource = new FactCollector.Source(resource, "verificationStatus");
        FactCollector.Source clinicalSource = new FactCollector.Source(resource, "clinicalStatus");
        boolean present = verification.contains("confirmed") && clinical.stream().anyMatch(ACTIVE::contains);
        if (!present && verification.contains("entered-in-error")) {
            collected.unusable(verificationSource, MappingReport.Reason.ENTERED_IN_ERROR);
            return;
        }
        List<Target> targets = CodeLookup.targets(condition.getCode(), resource, "code", collected);
        if (targets.isEmpty()) {
            return;
        }
        if (present) {
            boolean contradicted = verification.size() > 1 || clinical.size() > 1;
            for (Target target : targets) {
                collected.state(target, true, clinicalSource);
                if (contradicted) {
                    collected.conflict(target.code(), "PRESENT", resource);
                }
            }
            return;
        }
        if (verification.equals(List.of("refuted"))) {
            if (targets.size() > 1) {
                collected.unusable(new FactCollector.Source(resource, "code"), MappingReport.Reason.AMBIGUOUS_CODE);
            } else {
                collected.state(targets.get(0), false, verificationSource);
            }
            return;
        }
        if (!verification.contains("confirmed")) {
            collected.unusable(verificationSource, MappingReport.Reason.NOT_CONFIRMED);
        } else if (clinical.isEmpty()) {
            collected.unusable(clinicalSource, MappingReport.Reason.NO_USABLE_VALUE);
        } else {
            collected.unusable(clinicalSource, MappingReport.Reason.NOT_ACTIVE);
        }
    }

    /** The status codes from its HL7 code system, distinct, in order; empty when none. */
    private static List<String> codes(CodeableConcept status, String system) {
        return status.getCoding().stream().filter(c -> system.equals(c.getSystem())).map(Coding::getCode)
                .filter(c -> c != null).distinct().toList();
    }
}
