package org.spinecare.advisor;

/** Where a rule's content comes from. */
public enum Basis {
    /** The article says it outright; {@code source} names its section. */
    STATED,
    /** A clinical inference from the article; {@code why} gives the reasoning. */
    INFERRED,
    /** National guidance the article does not cover; {@code source} names the guideline and section, {@code why} the decision. */
    GUIDELINE
}
