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

    /**
     * Degenerative lumbar spinal stenosis is a condition of older people: NICE CKS Sciatica (differential diagnosis)
     * and the NASS guideline on degenerative lumbar spinal stenosis (2011) describe it from about 50. Below, leg
     * symptoms are not read as possible stenosis.
     */
    public static final int STENOSIS_FROM_AGE = 50;

    /** Old enough for degenerative stenosis, or of unknown age (which may be old enough). */
    public boolean stenosisAgeOrUnknown() {
        return ageYears == null || ageYears >= STENOSIS_FROM_AGE;
    }

    public boolean child() {
        return ageYears != null && ageYears < CHILD_BELOW_AGE;
    }

    public boolean boneHealthAge() {
        return ageYears != null && ageYears >= BONE_HEALTH_FROM_AGE;
    }
}
