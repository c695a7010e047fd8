package org.spinecare.kb;

/** The stenosis screen's conclusion; exactly one is inserted per assessment. */
public record StenosisAssessment(StenosisStatus status) {
    public boolean suspectedOrKnown() {
        return status.suspectedOrKnown();
    }
}
