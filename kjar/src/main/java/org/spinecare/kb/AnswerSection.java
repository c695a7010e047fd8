package org.spinecare.kb;

/**
 * The clinical order of an answer, read top to bottom: first what to do about the triage, then what not to do,
 * then self-care techniques (stretches, heat or cold, cracking last), professional options and everyday habits.
 */
public enum AnswerSection {
    ESCALATION,
    PRECAUTION,
    STRETCH,
    HEAT_COLD,
    CRACKING,
    PROFESSIONAL_OPTION,
    LIFESTYLE,
    CLINICIAN
}
