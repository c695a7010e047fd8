package org.spinecare.advisor.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.spinecare.advisor.RuleInfo;
import org.spinecare.advisor.SpineAdvisor;

/**
 * The scenario files under {@code scenarios/} are the executable specification: each one is a test here, and
 * together they must fire every rule of the knowledge base.
 */
class ScenarioCorpusTest {
    private static final Path CORPUS = Path.of("scenarios");
    private static final SpineAdvisor ADVISOR = SpineAdvisor.create();
    private static final ScenarioRunner RUNNER = new ScenarioRunner(ADVISOR);
    private static final List<Scenario> SCENARIOS = RUNNER.load(List.of(CORPUS));

    /** Through the helper a clinic's build uses, so that the project's own corpus proves it. */
    @TestFactory
    Stream<DynamicNode> every_scenario_agrees_with_the_knowledge_base() {
        return ScenarioTests.from(CORPUS, ADVISOR);
    }

    @Test
    void every_rule_of_the_knowledge_base_is_fired_by_at_least_one_scenario() {
        // Given every scenario of the corpus, run against the real engine
        RuleCoverage coverage = RUNNER.coverage(RUNNER.runAll(SCENARIOS));

        // Then no rule is left without a scenario that fires it
        List<RuleInfo> unfired = coverage.unfired();
        assertTrue(unfired.isEmpty(), "no scenario fires these rules; add scenarios that do:\n" + unfired.stream()
                .map(r -> "  " + r.id() + "  " + r.name()).collect(Collectors.joining("\n")));
        assertEquals(coverage.rules().size(), coverage.firedCount());
    }

    @Test
    void the_corpus_holds_at_least_sixty_scenarios_and_skips_the_example_patients() {
        assertTrue(SCENARIOS.size() >= 60, "only " + SCENARIOS.size() + " scenarios");
        assertTrue(SCENARIOS.stream().noneMatch(s -> s.file().startsWith(CORPUS.resolve("examples"))));
    }
}
