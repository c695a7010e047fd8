package org.spinecare.kb;

/** The kind of self-care technique or advice. */
public enum AdviceCategory {
    STRETCH,
    CRACKING,
    HEAT_COLD,
    LIFESTYLE,
    PROFESSIONAL_CARE,
    SAFETY
}
