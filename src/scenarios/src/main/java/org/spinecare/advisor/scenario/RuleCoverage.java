package org.spinecare.advisor.scenario;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.spinecare.advisor.FiredRule;
import org.spinecare.advisor.RuleInfo;

/**
 * Which rules a set of scenarios exercises. A rule no scenario fires is a rule no regression test protects.
 *
 * @param rules     every rule of the knowledge base, by id
 * @param scenarios per rule id, how many scenarios fired it at least once
 * @param firings   per rule id, how many times it fired over all scenarios (a rule can fire once per match)
 */
public record RuleCoverage(List<RuleInfo> rules, Map<String, Integer> scenarios, Map<String, Integer> firings) {
    public RuleCoverage {
        rules = List.copyOf(rules);
        scenarios = Map.copyOf(scenarios);
        firings = Map.copyOf(firings);
    }

    static RuleCoverage of(List<RuleInfo> rules, List<ScenarioResult> results) {
        Map<String, Integer> scenarios = new LinkedHashMap<>();
        Map<String, Integer> firings = new LinkedHashMap<>();
        rules.forEach(r -> {
            scenarios.put(r.id(), 0);
            firings.put(r.id(), 0);
        });
        for (ScenarioResult result : results) {
            Set<String> seen = new HashSet<>();
            for (FiredRule fired : result.firedRules()) {
                firings.merge(fired.id(), 1, Integer::sum);
                if (seen.add(fired.id())) {
                    scenarios.merge(fired.id(), 1, Integer::sum);
                }
            }
        }
        return new RuleCoverage(rules, scenarios, firings);
    }

    /** The rules no scenario fires, by id. */
    public List<RuleInfo> unfired() {
        return rules.stream().filter(r -> scenarios.getOrDefault(r.id(), 0) == 0).toList();
    }

    public int firedCount() {
        return rules.size() - unfired().size();
    }

    /** The report printed by {@code ./spine scenarios --coverage}. */
    public String report() {
        StringBuilder text = new StringBuilder();
        double percent = rules.isEmpty() ? 100.0 : 100.0 * firedCount() / rules.size();
        text.append(String.format(Locale.ROOT,
                "Rule coverage: %d of %d rules fired by at least one scenario (%.1f%%)%n",
                firedCount(), rules.size(), percent));
        List<RuleInfo> unfired = unfired();
        if (unfired.isEmpty()) {
            text.append("Every rule is fired by at least one scenario.\n");
        } else {
            text.append("Rules no scenario fires:\n");
            unfired.forEach(r -> text.append("  ").append(r.id()).append("  ").append(r.name()).append('\n'));
        }
        text.append(String.format(Locale.ROOT, "%n%-8s %9s %7s  %s%n", "Rule", "Scenarios", "Firings", "Name"));
        for (RuleInfo rule : rules) {
            text.append(String.format(Locale.ROOT, "%-8s %9d %7d  %s%n", rule.id(), scenarios.get(rule.id()),
                    firings.get(rule.id()), rule.name()));
        }
        return text.toString();
    }
}
