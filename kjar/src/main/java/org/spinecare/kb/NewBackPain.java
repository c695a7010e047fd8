package org.spinecare.kb;

/**
 * Whether the back pain is new or began suddenly (under {@link Derivations#NEW_PAIN_WEEKS} weeks, or an acute
 * onset): exactly one per assessment, inserted by rule CT-005. UNKNOWN when there may be back pain and neither the
 * duration nor an acute onset was reported.
 */
public record NewBackPain(FindingState state) {
}
