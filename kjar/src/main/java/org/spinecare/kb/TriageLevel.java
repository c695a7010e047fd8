package org.spinecare.kb;

/** Triage levels, most urgent first: the declaration order is the urgency order. */
public enum TriageLevel {
    EMERGENCY,
    URGENT,
    ROUTINE,
    SELF_CARE;

    public boolean moreUrgentThan(TriageLevel other) {
        return compareTo(other) < 0;
    }

    /** Emergency or urgent: the patient is told only to get care, and nothing else. */
    public boolean escalated() {
        return this == EMERGENCY || this == URGENT;
    }

    public boolean allowsSelfCareTechniques() {
        return this == ROUTINE || this == SELF_CARE;
    }
}
