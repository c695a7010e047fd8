package org.spinecare.kb;

/** UNKNOWN means "not assessed", which is never the same as ABSENT. */
public enum FindingState {
    PRESENT,
    ABSENT,
    UNKNOWN
}
