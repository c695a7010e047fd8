package org.spinecare.kb;

/**
 * A sign for same-day or urgent assessment is present: a red flag of {@link SignStrength#URGENT_SIGN} strength, or
 * a combination that guidance escalates (fragile bone with new pain). Nothing is done to the back (CI-010).
 */
public record UrgentSign(Finding finding) {
}
