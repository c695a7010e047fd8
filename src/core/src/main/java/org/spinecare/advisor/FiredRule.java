package org.spinecare.advisor;

import java.util.List;

/**
 * A rule that fired, in firing order.
 *
 * @param matched the facts the rule matched, as codes (for example {@code FEVER=PRESENT}, {@code triage=ROUTINE})
 */
public record FiredRule(String id, String name, String source, Basis basis, List<String> matched) {
    public FiredRule {
        matched = List.copyOf(matched);
    }
}
