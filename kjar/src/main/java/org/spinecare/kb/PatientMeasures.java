package org.spinecare.kb;

/**
 * The patient's numeric facts and tension onset. Each is null when not reported; rules test for null
 * explicitly so that an unreported value never reads as zero.
 */
public record PatientMeasures(Integer ageYears, Integer painScore, TensionOnset tensionOnset,
                              Integer sittingHoursPerDay) {
    public boolean painKnown() {
        return painScore != null;
    }

    public boolean sittingKnown() {
        return sittingHoursPerDay != null;
    }
}
