package org.spinecare.advisor.scenario;

import java.util.List;
import org.spinecare.advisor.FiredRule;

/**
 * The outcome of one scenario.
 *
 * @param mismatches one plain sentence per way the assessment differs from the expectation; empty when it passed
 * @param firedRules the rules that fired, in order (empty when the assessment itself failed)
 */
public record ScenarioResult(Scenario scenario, List<String> mismatches, List<FiredRule> firedRules) {
    public ScenarioResult {
        mismatches = List.copyOf(mismatches);
        firedRules = List.copyOf(firedRules);
    }

    /** How far {@code ./spine scenarios} indents each line of a failure's {@link #report}. */
    public static final String REPORT_INDENT = "      ";

    public boolean passed() {
        return mismatches.isEmpty();
    }

    /** The line {@code ./spine scenarios} prints for this result: PASS or FAIL, the name and where it is. */
    public String headline() {
        return (passed() ? "PASS  " : "FAIL  ") + scenario.name() + "  (" + scenario.location() + ")";
    }

    /** The failure as a person reads it: each mismatch, then every rule that fired with its name. */
    public String report() {
        StringBuilder text = new StringBuilder();
        for (String mismatch : mismatches) {
            text.append(mismatch).append('\n');
        }
        if (firedRules.isEmpty()) {
            text.append("No rule fired.\n");
        } else {
            text.append("Rules that fired, in order:\n");
            for (FiredRule rule : firedRules) {
                text.append("  ").append(rule.id()).append("  ").append(rule.name()).append('\n');
            }
        }
        return text.toString();
    }
}
