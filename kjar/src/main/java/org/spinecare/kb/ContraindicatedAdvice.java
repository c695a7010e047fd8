package org.spinecare.kb;

/** A rule's statement that a technique must not be used, with the reason as a code. */
public record ContraindicatedAdvice(Advice advice, ContraindicationReason reason) {
}
