package org.spinecare.advisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.spinecare.advisor.Patients;
import org.spinecare.advisor.SpineAdvisor;
import org.spinecare.advisor.scenario.ScenarioTests;

/** A clinic's JUnit build and {@code ./spine scenarios} say the same about the same scenario files. */
class ScenarioTestsCliTest {
    @TempDir
    Path dir;

    @Test
    void a_failing_scenarios_junit_message_is_the_text_spine_scenarios_prints_for_it() throws IOException {
        // Given a folder with a passing scenario and one whose expectation is wrong
        for (String[] s : List.of(new String[] {"a.json", "passes", "SELF_CARE"},
                new String[] {"b.json", "fails", "URGENT"})) {
            Files.writeString(dir.resolve(s[0]), "{\"name\": \"" + s[1] + "\", \"source\": "
                    + "\"When to Seek Professional Help for Back Cracking\", \"given\": {\"ageYears\": 40, "
                    + "\"findings\": {" + Patients.completeScreenJson() + "}}, \"expect\": {\"triage\": \"" + s[2]
                    + "\"}}");
        }

        // When the command line runs the folder, and the JUnit helper runs the failing scenario
        CliRun run = CliRun.of("scenarios", dir.toString());
        List<DynamicNode> nodes;
        try (SpineAdvisor advisor = SpineAdvisor.create()) {
            nodes = ScenarioTests.from(dir, advisor).toList();
            DynamicTest failing = (DynamicTest) nodes.get(1);
            AssertionFailedError error = assertThrows(AssertionFailedError.class,
                    () -> failing.getExecutable().execute());

            // Then the test's message is, line for line, what the command line printed for that scenario
            List<String> message = error.getMessage().lines().toList();
            assertEquals(1, run.exit(), run.err());
            assertTrue(message.size() > 2, error.getMessage());
            assertTrue(Collections.indexOfSubList(run.outLines(), message) >= 0,
                    "JUnit:\n" + error.getMessage() + "\n./spine scenarios:\n" + run.out());
        }
    }
}
