package org.spinecare.kb;

/** A red-flag finding reported present. */
public record RedFlag(Finding finding) {
}
