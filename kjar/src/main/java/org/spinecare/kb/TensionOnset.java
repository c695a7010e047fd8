package org.spinecare.kb;

/** When the back tension began: ACUTE if it has just appeared. */
public enum TensionOnset {
    ACUTE,
    ONGOING
}
