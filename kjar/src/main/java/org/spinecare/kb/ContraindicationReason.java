package org.spinecare.kb;

/** Why a technique must not be used. Codes, so that clinic software can act on them; most significant first. */
public enum ContraindicationReason {
    /** Triage is above self-care: cracking waits until a professional has assessed the complaint. */
    ESCALATED_TRIAGE,
    /** A sign for urgent assessment is present: nothing is done to the back until a clinician has assessed it. */
    RED_FLAG,
    /** A diagnosed spinal condition: the article asks for a physician's advice before any cracking. */
    DIAGNOSED_SPINAL_CONDITION,
    /** Back pain: the article asks for a physician's advice before self-cracking. */
    BACK_PAIN,
    /** Back pain was neither reported nor rated: it may be present, so the same gate applies. */
    BACK_PAIN_NOT_ASSESSED,
    /** A child under 16: outside the guideline's population; no self-cracking and no spinal manipulation. */
    CHILD,
    /** 65 or over: manipulation waits until bone health (fracture risk) has been considered. */
    OLDER_AGE_BONE_HEALTH,
    /** Osteoporosis or long-term steroid use: fragile bone. */
    BONE_FRAGILITY,
    /** Anticoagulant treatment or a bleeding disorder. */
    BLEEDING_RISK,
    /** Inflammatory arthritis or inflammatory back pain. */
    INFLAMMATORY_ARTHRITIS,
    /** Previous spinal surgery. */
    PREVIOUS_SPINAL_SURGERY,
    /** A history of cancer. */
    HISTORY_OF_CANCER,
    /** A manipulation-safety finding was not reported either way. */
    MANIPULATION_SAFETY_NOT_SCREENED,
    /** An objective loss of nerve function (weakness, lost sensation): hands-on and movement advice wait. */
    NEUROLOGICAL_DEFICIT,
    /** Possible or diagnosed stenosis: the technique extends the spine backwards. */
    SPINE_EXTENSION_WITH_STENOSIS,
    /** Swelling, redness or warmth of the back: heat, hands-on and movement advice could worsen it. */
    SIGNS_OF_INFLAMMATION,
    /** Numb skin: heat or cold could injure it unnoticed. */
    REDUCED_SKIN_SENSATION,
    /** Stretching has not eased the stiffness: more of it is not the answer. */
    STRETCHING_NOT_HELPING
}
