package org.spinecare.advisor.fhir;

import java.util.Objects;
import org.spinecare.advisor.PatientFacts;

/**
 * What FHIR input says about one patient: the facts to assess and what the mapping could not use.
 *
 * @param facts  the patient's facts; whatever the input did not state, or stated in a way the mapping could not
 *               use, is UNKNOWN (left out), never ABSENT
 * @param report codes the concept map does not know, resources that could not be used, and conflicts
 */
public record MappedFacts(PatientFacts facts, MappingReport report) {
    public MappedFacts {
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(report, "report");
    }
}
