package org.spinecare.kb;

/** A present finding that, with lower back pain, points to spinal stenosis. */
public record StenosisIndicator(Finding finding) {
}
