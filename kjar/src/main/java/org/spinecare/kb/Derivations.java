package org.spinecare.kb;

/**
 * The states that rules derive from several inputs, written once here so that each is tested on its own and every
 * rule that needs one reads the same answer. Unknown inputs give UNKNOWN whenever they could change the answer.
 */
public final class Derivations {
    /** CKS names no improvement after 4 to 6 weeks; the lower bound escalates sooner. */
    public static final int NO_IMPROVEMENT_WEEKS = 4;
    /** New back pain before this age is a red flag (the older UK red-flag lists). */
    public static final int ONSET_YOUNGER_THAN = 20;
    /** New back pain after this age is a red flag (NICE CKS; older lists used 55). */
    public static final int ONSET_OLDER_THAN = 50;
    private static final double WEEKS_PER_YEAR = 365.25 / 7;

    private Derivations() {
    }

    /** Back pain is present when reported or rated above 0, absent when reported absent or rated 0. */
    public static FindingState backPain(FindingState reported, Integer painScore) {
        if (reported == FindingState.PRESENT || (painScore != null && painScore > 0)) {
            return FindingState.PRESENT;
        }
        if (reported == FindingState.ABSENT || painScore != null) {
            return FindingState.ABSENT;
        }
        return FindingState.UNKNOWN;
    }

    /** Symptoms not improving for at least four weeks; a short duration rules it out whatever the report. */
    public static FindingState noImprovementAfterFourWeeks(FindingState notImproving, Integer durationWeeks) {
        if (notImproving == FindingState.ABSENT || (durationWeeks != null && durationWeeks < NO_IMPROVEMENT_WEEKS)) {
            return FindingState.ABSENT;
        }
        if (notImproving == FindingState.PRESENT && durationWeeks != null) {
            return FindingState.PRESENT;
        }
        return FindingState.UNKNOWN;
    }

    /**
     * New back pain before 20 or after 50. Before 20 is judged by the age at presentation, so the age alone
     * decides. After 50 is judged by the age at onset: the age is in completed years, so the onset lies somewhere in
     * a year-long window, and the flag is raised when any part of that window is after 50. Under 50 the onset
     * cannot be after 50 whatever the duration; from 50 on, the duration is needed.
     */
    public static FindingState onsetAgeUnder20OrOver50(Integer ageYears, Integer durationWeeks) {
        if (ageYears == null) {
            return FindingState.UNKNOWN;
        }
        if (ageYears < ONSET_YOUNGER_THAN) {
            return FindingState.PRESENT;
        }
        if (ageYears < ONSET_OLDER_THAN) {
            return FindingState.ABSENT;
        }
        if (durationWeeks == null) {
            return FindingState.UNKNOWN;
        }
        double latestOnset = ageYears + 1 - durationWeeks / WEEKS_PER_YEAR;
        return latestOnset > ONSET_OLDER_THAN ? FindingState.PRESENT : FindingState.ABSENT;
    }
}
