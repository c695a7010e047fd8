package org.spinecare.kb;

/** A diagnosed spinal condition. */
public record DiagnosisFact(Diagnosis diagnosis) {
}
