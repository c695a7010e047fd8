package org.spinecare.advisor.scenario;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.spinecare.advisor.Patients;
import org.spinecare.advisor.SpineAdvisor;

/** The JUnit helper a clinic's build uses: one test per scenario, failing with the command line's words. */
class ScenarioTestsTest {
    private static final SpineAdvisor ADVISOR = SpineAdvisor.create();
    private static final String SCREENED = "{" + Patients.completeScreenJson() + "}";

    @TempDir
    Path dir;

    @AfterAll
    static void close() {
        ADVISOR.close();
    }

    private Path scenario(String file, String name, String triage) throws IOException {
        return Files.writeString(dir.resolve(file), "{\"name\": \"" + name + "\", \"source\": "
                + "\"When to Seek Professional Help for Back Cracking\", \"given\": {\"ageYears\": 40, \"findings\": "
                + SCREENED + "}, \"expect\": {\"triage\": \"" + triage + "\"}}");
    }

    private static DynamicTest only(List<DynamicNode> nodes, String name) {
        return (DynamicTest) nodes.stream().filter(n -> n.getDisplayName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void each_scenario_is_one_test_named_by_it_and_only_a_wrong_expectation_fails_with_the_command_lines_text()
            throws IOException {
        // Given a folder with a scenario that holds and one that does not
        Path passing = scenario("a.json", "passes", "SELF_CARE");
        Path failing = scenario("b.json", "fails", "URGENT");

        // When the folder is turned into tests
        List<DynamicNode> nodes = ScenarioTests.from(dir, ADVISOR).toList();

        // Then there is one test per scenario, linked to its file
        assertEquals(List.of("passes", "fails"), nodes.stream().map(DynamicNode::getDisplayName).toList());
        assertEquals(Optional.of(passing.toAbsolutePath().normalize().toUri()), only(nodes, "passes").getTestSourceUri());
        // And the holding scenario passes
        assertDoesNotThrow(() -> only(nodes, "passes").getExecutable().execute());
        // And the other fails with the lines ./spine scenarios prints for it (ScenariosCommandTest checks those)
        AssertionFailedError error = assertThrows(AssertionFailedError.class,
                () -> only(nodes, "fails").getExecutable().execute());
        List<String> lines = error.getMessage().lines().toList();
        assertEquals("FAIL  fails  (" + failing + ")", lines.get(0));
        assertEquals("      Triage: expected URGENT, got SELF_CARE.", lines.get(1));
        assertTrue(lines.contains("        TR-001  Without any reason to escalate the complaint suits self-care"),
                error.getMessage());
    }

    @Test
    void a_malformed_file_fails_the_factory_naming_the_file_instead_of_leaving_no_tests() throws IOException {
        // Given a folder with a scenario whose triage is no level
        scenario("ok.json", "passes", "SELF_CARE");
        Path bad = scenario("bad.json", "bad", "SOON");

        // When the folder is turned into tests, then the factory itself fails and says which file and where
        ScenarioFileException e = assertThrows(ScenarioFileException.class, () -> ScenarioTests.from(dir, ADVISOR));
        assertTrue(e.getMessage().startsWith(bad + ": $.expect.triage"), e.getMessage());

        // And a folder without scenario files is an error too, not a run of nothing
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertThrows(ScenarioFileException.class, () -> ScenarioTests.from(empty, ADVISOR));
    }

    @Test
    void with_coverage_a_last_test_fails_with_the_coverage_report_when_a_rule_is_fired_by_no_scenario()
            throws IOException {
        // Given a folder whose one scenario fires only the self-care rules
        scenario("a.json", "passes", "SELF_CARE");

        // When it is turned into tests with the coverage check
        List<DynamicNode> nodes = ScenarioTests.withCoverage(dir, ADVISOR).toList();

        // Then the scenario's test comes first and the coverage test last, failing with the --coverage report
        assertEquals(2, nodes.size());
        DynamicTest coverage = (DynamicTest) nodes.get(1);
        assertEquals("every rule of the knowledge base is fired by at least one scenario", coverage.getDisplayName());
        AssertionFailedError error = assertThrows(AssertionFailedError.class, () -> coverage.getExecutable().execute());
        assertTrue(error.getMessage().startsWith("Rule coverage: "), error.getMessage());
        assertTrue(error.getMessage().contains("Rules no scenario fires:\n"), error.getMessage());
        assertTrue(error.getMessage().contains("\n  RF-001  "), error.getMessage());
    }
}
