package org.spinecare.kb;

/** Whether spinal stenosis is suspected or known. */
public enum StenosisStatus {
    NOT_INDICATED,
    POSSIBLE,
    DIAGNOSED;

    public boolean suspectedOrKnown() {
        return this != NOT_INDICATED;
    }
}
