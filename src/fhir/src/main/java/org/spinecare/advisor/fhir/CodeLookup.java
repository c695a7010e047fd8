package org.spinecare.advisor.fhir;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/** Finds what an Observation's or Condition's code means through the published concept map, reporting what it can't. */
final class CodeLookup {
    private CodeLookup() {
    }

    /**
     * The one project code the codings map to, or null after reporting why not: no known coding (each coding is
     * reported as unknown) or codings that map to different project codes.
     */
    static Target target(CodeableConcept code, String resource, FactCollector collected) {
        List<Coding> codings = code.getCoding();
        Set<Target> targets = new LinkedHashSet<>();
        for (Coding coding : codings) {
            if (FhirCodes.SNOMED.equals(coding.getSystem())) {
                Target target = ConceptIndex.PUBLISHED.snomed(coding.getCode());
                if (target != null) {
                    targets.add(target);
                }
            }
        }
        if (targets.size() == 1) {
            return targets.iterator().next();
        }
        if (targets.isEmpty()) {
            for (int i = 0; i < codings.size(); i++) {
                collected.unknownCode(new FactCollector.Source(resource, "code.coding[" + i + "]"),
                        codings.get(i).getSystem(), codings.get(i).getCode());
            }
            collected.unusable(new FactCollector.Source(resource, "code"), MappingReport.Reason.NO_KNOWN_CODE);
        } else {
            collected.unusable(new FactCollector.Source(resource, "code"), MappingReport.Reason.AMBIGUOUS_CODE);
        }
        return null;
    }

    /** TRUE for SNOMED CT Present, FALSE for Absent, null for anything else. */
    static Boolean presence(CodeableConcept concept) {
        Boolean found = null;
        for (Coding coding : concept.getCoding()) {
            if (FhirCodes.SNOMED.equals(coding.getSystem())) {
                Boolean value = FhirCodes.SNOMED_PRESENT.equals(coding.getCode()) ? Boolean.TRUE
                        : FhirCodes.SNOMED_ABSENT.equals(coding.getCode()) ? Boolean.FALSE : null;
                if (value != null && found != null && !found.equals(value)) {
                    return null;
                }
                found = value != null ? value : found;
            }
        }
        return found;
    }
}
