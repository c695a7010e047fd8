package org.spinecare.kb;

/** How often the patient cracks their back, least often first. */
public enum CrackingFrequency {
    NEVER,
    OCCASIONALLY,
    DAILY,
    SEVERAL_TIMES_A_DAY;

    public boolean atLeastDaily() {
        return compareTo(DAILY) >= 0;
    }
}
