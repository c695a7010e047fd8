package org.spinecare.kb;

/** A red-flag finding reported neither present nor absent: the screen is incomplete. */
public record UnscreenedRedFlag(Finding finding) {
}
