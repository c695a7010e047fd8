package org.spinecare.advisor.fhir;

import java.util.ArrayList;
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
     * Every project code the codings map to, in coding order; empty after reporting each coding as unknown when the
     * map knows none. Several targets are kept: each states presence (a red flag among them must not be lost), and
     * the caller decides what an absence of several things means.
     *
     * @param element the code's FHIR path, {@code code} or {@code component[2].code}
     */
    static List<Target> targets(CodeableConcept code, String resource, String element, FactCollector collected) {
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
        if (targets.isEmpty()) {
            for (int i = 0; i < codings.size(); i++) {
                collected.unknownCode(new FactCollector.Source(resource, element + ".coding[" + i + "]"),
                        codings.get(i).getSystem(), codings.get(i).getCode());
            }
            collected.unusable(new FactCollector.Source(resource, element), MappingReport.Reason.NO_KNOWN_CODE);
        }
        return new ArrayList<>(targets);
    }

    /**
     * What the SNOMED CT Present / Absent codings of a concept say: TRUE, FALSE, both (a contradiction within one
     * concept, left to the conflict rules), or neither (empty).
     */
    static List<Boolean> presence(CodeableConcept concept) {
        Set<Boolean> found = new LinkedHashSet<>();
        for (Coding coding : concept.getCoding()) {
            if (FhirCodes.SNOMED.equals(coding.getSystem())) {
                if (FhirCodes.SNOMED_PRESENT.equals(coding.getCode())) {
                    found.add(Boolean.TRUE);
                } else if (FhirCodes.SNOMED_ABSENT.equals(coding.getCode())) {
                    found.add(Boolean.FALSE);
                }
            }
        }
        return List.copyOf(found);
    }
}
