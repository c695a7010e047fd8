package org.spinecare.kb;

/**
 * The patient's back-cracking habit. Inserted only when reported; either part may still be unknown (null),
 * and rules never read a null as NEVER or as not forceful.
 */
public record CrackingHabit(CrackingFrequency frequency, Boolean forceful) {
    public boolean cracks() {
        return frequency != null && frequency != CrackingFrequency.NEVER;
    }

    public boolean crackingAtLeastDaily() {
        return frequency != null && frequency.atLeastDaily();
    }

    public boolean forcefulReported() {
        return Boolean.TRUE.equals(forceful);
    }
}
