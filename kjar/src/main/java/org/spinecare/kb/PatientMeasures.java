package org.spinecare.kb;

/**
 * The patient's numeric facts and tension onset. Each is null when not reported; rules test for null
 * explicitly so that an unreported value never reads as zero.
 */
public record PatientMeasures(Integer ageYears, Integer painScore, TensionOnset tensionOnset,
                              Integer sittingHoursPerDay, Integer symptomDurationWeeks) {
    /** Children under 16 are outside the population NICE NG59 covers. */
    public static final int CHILD_BELOW_AGE = 16;
    /** NICE CG146 targets fracture-risk assessment from 65 (women) and 75 (men); without sex, 65. */
    public static final int BONE_HEALTH_FROM_AGE = 65;

    public boolean child() {
        return ageYears != null && ageYears < CHILD_BELOW_AGE;
    }

    public boolean boneHealthAge() {
        return ageYears != null && ageYears >= BONE_HEALTH_FROM_AGE;
    }
}
