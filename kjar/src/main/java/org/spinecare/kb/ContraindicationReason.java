package org.spinecare.kb;

/** Why a technique must not be used. Codes, so that clinic software can act on them. */
public enum ContraindicationReason {
    /** Triage is above self-care: cracking waits until a professional has assessed the complaint. */
    ESCALATED_TRIAGE,
    /** A diagnosed spinal condition: the article asks for a physician's advice before any cracking. */
    DIAGNOSED_SPINAL_CONDITION,
    /** Possible or diagnosed stenosis: the technique extends the spine backwards. */
    SPINE_EXTENSION_WITH_STENOSIS,
    /** Swelling, redness or warmth of the back: heat could worsen inflammation or infection. */
    SIGNS_OF_INFLAMMATION
}
