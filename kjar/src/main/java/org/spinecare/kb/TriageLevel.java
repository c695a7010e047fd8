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

    public boolean allowsSelfCareTechniques() {
        return this == ROUTINE || this == SELF_CARE;
    }
}
