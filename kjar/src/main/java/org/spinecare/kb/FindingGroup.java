package org.spinecare.kb;

/** Why a finding matters: it decides which rules look at it. */
public enum FindingGroup {
    /** A sign of serious disease; the screen is complete only when each is reported present or absent. */
    RED_FLAG,
    /** A reason the article gives to see a professional about back cracking. */
    PROFESSIONAL_REVIEW,
    /** A condition that makes spinal manipulation unsafe; unreported, it withholds self-cracking. */
    MANIPULATION_SAFETY,
    /** A symptom or circumstance that shapes stenosis screening and self-care advice. */
    GENERAL
}
