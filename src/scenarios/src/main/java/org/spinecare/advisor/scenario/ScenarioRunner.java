package org.spinecare.advisor.scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.spinecare.advisor.Assessment;
import org.spinecare.advisor.AssessmentException;
import org.spinecare.advisor.RuleInfo;
import org.spinecare.advisor.SpineAdvisor;

/** Runs scenarios against the real knowledge base. Create once per advisor; thread-safe. */
public final class ScenarioRunner {
    private final SpineAdvisor advisor;
    private final ScenarioLoader loader;
    private final ExpectationMatcher matcher;

    public ScenarioRunner(SpineAdvisor advisor) {
        this.advisor = advisor;
        Map<String, RuleInfo> rulesById = advisor.rules().stream()
                .collect(Collectors.toUnmodifiableMap(RuleInfo::id, Function.identity()));
        this.loader = new ScenarioLoader(rulesById.keySet());
        this.matcher = new ExpectationMatcher(rulesById);
    }

    /** Reads the scenarios under the given files and folders, checking rule ids against this knowledge base. */
    public List<Scenario> load(List<Path> paths) {
        return loader.load(paths);
    }

    public ScenarioResult run(Scenario scenario) {
        Assessment assessment;
        try {
            assessment = advisor.assess(scenario.given());
        } catch (AssessmentException e) {
            return new ScenarioResult(scenario, List.of("The knowledge base gave no assessment: " + e.getMessage()),
                    List.of());
        }
        return new ScenarioResult(scenario, matcher.mismatches(scenario.expect(), assessment),
                assessment.firedRules());
    }

    public List<ScenarioResult> runAll(List<Scenario> scenarios) {
        return scenarios.stream().map(this::run).toList();
    }

    /** Which rules of this knowledge base the results fired, and how often. */
    public RuleCoverage coverage(List<ScenarioResult> results) {
        return RuleCoverage.of(advisor.rules(), results);
    }
}
