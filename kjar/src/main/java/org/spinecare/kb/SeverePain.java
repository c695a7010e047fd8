package org.spinecare.kb;

/**
 * Whether the back pain is severe ({@link Derivations#SEVERE_PAIN_FROM} or more out of 10): exactly one per
 * assessment, inserted by rule CT-004. UNKNOWN when there is back pain but no score.
 */
public record SeverePain(FindingState state) {
}
