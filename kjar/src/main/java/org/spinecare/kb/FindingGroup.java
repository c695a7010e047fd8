package org.spinecare.kb;

/** Why a finding matters: it decides which rules look at it. */
public enum FindingGroup {
    /** A sign of serious disease; any one present escalates beyond self-care. */
    RED_FLAG,
    /** A reason the article gives to see a professional about back cracking. */
    PROFESSIONAL_REVIEW,
    /** A symptom or circumstance that shapes stenosis screening and self-care advice. */
    GENERAL
}
