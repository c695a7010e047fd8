package org.spinecare.kb;

/**
 * How strongly a red flag points to serious disease, and so what it takes away. Defined once, on
 * {@link RedFlagCategory}, and read by name in the rules.
 */
public enum SignStrength {
    /**
     * A sign for same-day or urgent assessment (NICE CKS low back pain and sciatica red flags: cauda equina, cancer,
     * infection, fracture, lost nerve function): the patient is told only to get care, and nothing is done to the
     * back until seen.
     */
    URGENT_SIGN,
    /**
     * A feature that calls for a routine review (onset age, an inflammatory pattern, no improvement over weeks,
     * fragile bone without a new event): triage at least routine, its own contraindications kept, and gentle
     * movement, stretches, heat and staying active still given (NICE NG59 1.2: exercise and staying active are for
     * everyone with low back pain; NICE NG65: exercise is core treatment of axial spondyloarthritis).
     */
    ROUTINE_REVIEW_FEATURE
}
