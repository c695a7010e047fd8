package org.spinecare.kb;

/** A screening rule's demand that triage be at least this urgent. The most urgent floor wins. */
public record TriageFloor(TriageLevel level) {
}
