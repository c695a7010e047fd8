package org.spinecare.kb;

/** Clinical groupings across {@link FindingGroup}s, each defined once on {@link Finding} and used by name in rules. */
public enum FindingTrait {
    /** Swelling, redness or warmth of the back. */
    SIGN_OF_INFLAMMATION,
    /**
     * Objective loss of nerve function (weakness, lost sensation, a progressive deficit, a new gait problem): hands-on
     * and movement advice waits. Tingling and numb skin are not, on their own (issue 22).
     */
    OBJECTIVE_NEUROLOGICAL_DEFICIT,
    /** Numb skin cannot feel a burn or a cold injury. */
    REDUCED_SKIN_SENSATION,
    /** With back pain, a symptom the article lists for spinal stenosis. */
    STENOSIS_SYMPTOM,
    /** Stiffness that stretching did not ease. */
    STRETCHING_FAILED
}
