package org.spinecare.advisor.scenario;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.spinecare.advisor.SpineAdvisor;

/**
 * Scenario files as JUnit 5 tests, so that the scenarios a clinic's clinicians write run in the clinic's own
 * {@code mvn test} against the library it embeds (docs/scenarios.md):
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> scenarios() {
 *     return ScenarioTests.from(Path.of("src/test/scenarios"), advisor);
 * }
 * }</pre>
 *
 * One dynamic test per scenario, named by the scenario and linked to its file. A failing test's message is what
 * {@code ./spine scenarios} prints for that scenario. The folder is read when the factory is called, so a
 * malformed or missing file, or a folder without scenarios, fails the factory instead of leaving nothing to run.
 */
public final class ScenarioTests {
    private ScenarioTests() {
    }

    /** One test per scenario under the folder (subfolders included, folders named {@code examples} skipped). */
    public static Stream<DynamicNode> from(Path folder, SpineAdvisor advisor) {
        ScenarioRunner runner = new ScenarioRunner(advisor);
        return runner.load(List.of(folder)).stream().map(scenario -> test(runner, scenario));
    }

    /**
     * As {@link #from}, and last a test that fails, with the report of {@code ./spine scenarios --coverage}, when a
     * rule of the knowledge base is fired by no scenario: for a folder meant to protect every rule.
     */
    public static Stream<DynamicNode> withCoverage(Path folder, SpineAdvisor advisor) {
        ScenarioRunner runner = new ScenarioRunner(advisor);
        List<Scenario> scenarios = runner.load(List.of(folder));
        // The scenarios run again here rather than reusing the tests' results: a test filter may have skipped some.
        DynamicTest coverage = dynamicTest("every rule of the knowledge base is fired by at least one scenario", () -> {
            RuleCoverage result = runner.coverage(runner.runAll(scenarios));
            if (!result.unfired().isEmpty()) {
                fail(result.report());
            }
        });
        return Stream.concat(scenarios.stream().map(scenario -> test(runner, scenario)), Stream.of(coverage));
    }

    private static DynamicNode test(ScenarioRunner runner, Scenario scenario) {
        return dynamicTest(scenario.name(), scenario.uri(), () -> {
            ScenarioResult result = runner.run(scenario);
            if (!result.passed()) {
                fail(failureMessage(result));
            }
        });
    }

    /** The lines {@code ./spine scenarios} prints for a failed scenario (unescaped: a test report is no terminal). */
    static String failureMessage(ScenarioResult result) {
        return Stream.concat(Stream.of(result.headline()),
                        result.report().lines().map(line -> ScenarioResult.REPORT_INDENT + line))
                .collect(Collectors.joining("\n"));
    }
}
