package org.spinecare.advisor.fhir;

import java.util.HashMap;
import java.util.Map;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Enumerations.ConceptMapEquivalence;

/** The published ConceptMap as a lookup from SNOMED CT code to project code; built once from the shipped file. */
final class ConceptIndex {
    static final ConceptIndex PUBLISHED = new ConceptIndex(FhirResources.conceptMap());

    private final Map<String, Target> bySnomedCode = new HashMap<>();

    ConceptIndex(ConceptMap map) {
        for (ConceptMap.ConceptMapGroupComponent group : map.getGroup()) {
            if (!FhirCodes.SNOMED.equals(group.getSource()) || !FhirCodes.SPINE_SYSTEM.equals(group.getTarget())) {
                throw new IllegalStateException("the concept map must map " + FhirCodes.SNOMED + " to "
                        + FhirCodes.SPINE_SYSTEM);
            }
            for (ConceptMap.SourceElementComponent element : group.getElement()) {
                if (element.getTarget().size() != 1) {
                    throw new IllegalStateException("concept map: " + element.getCode() + " needs exactly one target");
                }
                ConceptMap.TargetElementComponent target = element.getTargetFirstRep();
                ConceptMapEquivalence equivalence = target.getEquivalence();
                if (equivalence != ConceptMapEquivalence.EQUIVALENT && equivalence != ConceptMapEquivalence.WIDER) {
                    // narrower or inexact targets would claim more than the source says.
                    throw new IllegalStateException("concept map: " + element.getCode() + " must be equivalent or wider");
                }
                Target mapped = Target.ofProjectCode(target.getCode(), equivalence == ConceptMapEquivalence.WIDER);
                if (mapped == null || bySnomedCode.put(element.getCode(), mapped) != null) {
                    throw new IllegalStateException("concept map: " + element.getCode()
                            + " has an unknown target or is mapped twice");
                }
            }
        }
    }

    /** The target of a SNOMED CT code, or null when the map does not know it. */
    Target snomed(String code) {
        return code == null ? null : bySnomedCode.get(code);
    }

    /** The findings some code of the map stands for: what an Observation or Condition can report. */
    java.util.Set<org.spinecare.kb.Finding> findings() {
        java.util.Set<org.spinecare.kb.Finding> findings = java.util.EnumSet.noneOf(org.spinecare.kb.Finding.class);
        bySnomedCode.values().forEach(t -> {
            if (t.finding() != null) {
                findings.add(t.finding());
            }
        });
        return findings;
    }

    int size() {
        return bySnomedCode.size();
    }
}
