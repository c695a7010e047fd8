package org.spinecare.kb;

/** A rule's recommendation of a technique or piece of advice. The inserting rule is recorded by the facade. */
public record RecommendedAdvice(Advice advice) {
}
