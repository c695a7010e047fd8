package org.spinecare.kb;

/**
 * The guideline's grouping of red flags, each with the least urgent triage it allows and so its
 * {@link SignStrength}. The triage rules insert these levels; the facade's safety invariants check them again from
 * here.
 */
public enum RedFlagCategory {
    /** Possible cauda equina syndrome: emergency care. */
    CAUDA_EQUINA(TriageLevel.EMERGENCY),
    /** Loss of feeling in the legs without a cauda equina sign: urgent review. */
    NERVE_FUNCTION(TriageLevel.URGENT),
    /** Possible cancer: urgent review. */
    CANCER(TriageLevel.URGENT),
    /** Possible spinal infection: urgent review. */
    INFECTION(TriageLevel.URGENT),
    /** Possible fracture (significant trauma, a deformity): urgent review. */
    FRACTURE(TriageLevel.URGENT),
    /** Back pain that began before 20 or after 50: a clinician's review. */
    AGE_AT_ONSET(TriageLevel.ROUTINE),
    /** Features of inflammatory back pain (possible axial spondyloarthritis): a clinician's review. */
    INFLAMMATORY(TriageLevel.ROUTINE),
    /** Symptoms not improving after 4 weeks: a clinician's review; with another cancer feature, that one escalates. */
    PERSISTENT_SYMPTOMS(TriageLevel.ROUTINE),
    /**
     * Fragile bone (osteoporosis, long-term steroids) without a new event: a clinician's review; with new or sudden
     * back pain it is a sign of possible fracture, urgent (rule GL-011).
     */
    FRAGILE_BONE(TriageLevel.ROUTINE);

    private final TriageLevel minimumTriage;

    RedFlagCategory(TriageLevel minimumTriage) {
        this.minimumTriage = minimumTriage;
    }

    public TriageLevel minimumTriage() {
        return minimumTriage;
    }

    public SignStrength strength() {
        return minimumTriage.escalated() ? SignStrength.URGENT_SIGN : SignStrength.ROUTINE_REVIEW_FEATURE;
    }
}
