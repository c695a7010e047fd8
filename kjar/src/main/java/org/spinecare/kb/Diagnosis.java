package org.spinecare.kb;

/** Spinal conditions the article names as causes of lower back tension. */
public enum Diagnosis {
    SPINAL_STENOSIS,
    HERNIATED_DISC,
    OSTEOARTHRITIS,
    SPONDYLOLISTHESIS
}
