package org.spinecare.advisor;

/** Whether the article states a rule's content outright or the rule is a clinical inference from it. */
public enum Basis {
    STATED,
    INFERRED
}
