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
    /**
     * Pain from this score on the 0 to 10 scale is severe: the cut-off Boonstra et al. found for chronic
     * musculoskeletal pain, low back pain included (Front Psychol 2016;7:1466: mild up to 5, moderate 6 to 7, severe 8
     * and above).
     */
    public static final int SEVERE_PAIN_FROM = 8;
    /** Back pain of fewer weeks than this is new (acute low back pain is conventionally under 6 weeks). */
    public static final int NEW_PAIN_WEEKS = 6;
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

    /** Severe pain by the score; back pain without a score is of unknown severity, and ruled-out pain is not severe. */
    public static FindingState severePain(FindingState backPain, Integer painScore) {
        if (painScore != null) {
            return painScore >= SEVERE_PAIN_FROM ? FindingState.PRESENT : FindingState.ABSENT;
        }
        return backPain == FindingState.PRESENT ? FindingState.UNKNOWN : FindingState.ABSENT;
    }

    /**
     * Back pain that is new or began suddenly: an acute onset or a duration under {@link #NEW_PAIN_WEEKS} weeks.
     * Ruled out with back pain ruled out or a longer duration; with back pain present or not assessed and neither
     * the duration nor an acute onset reported, it may be new.
     */
    public static FindingState newBackPain(FindingState backPain, TensionOnset onset, Integer durationWeeks) {
        if (backPain == FindingState.ABSENT) {
            return FindingState.ABSENT;
        }
        if (onset == TensionOnset.ACUTE || (durationWeeks != null && durationWeeks < NEW_PAIN_WEEKS)) {
            return FindingState.PRESENT;
        }
        return durationWeeks == null ? FindingState.UNKNOWN : FindingState.ABSENT;
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
