package org.spinecare.kb;

/** Who a piece of advice is for. */
public enum Audience {
    /** Told to the patient: the assessment's recommendations. */
    PATIENT,
    /** A task for the clinician completing the assessment: the assessment's clinician actions. */
    CLINICIAN
}
