package org.spinecare.advisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.spinecare.advisor.Patients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./spine scenarios}: one line per scenario, a summary last, and exit codes 0, 1 and 2. */
class ScenariosCommandTest {
    private static final String SCREENED = "{" + Patients.completeScreenJson() + "}";

    @TempDir
    Path dir;

    private Path scenario(String file, String name, String triage) throws IOException {
        return Files.writeString(dir.resolve(file), "{\"name\": \"" + name + "\", \"source\": "
                + "\"When to Seek Professional Help for Back Cracking\", \"given\": {\"ageYears\": 40, \"findings\": " + SCREENED
                + "}, \"expect\": {\"triage\": \"" + triage + "\"}}");
    }

    @Test
    void all_scenarios_passing_exits_0_with_the_summary_on_the_last_line() throws IOException {
        Path file = scenario("ok.json", "A screened patient with nothing else suits self-care", "SELF_CARE");

        CliRun run = CliRun.of("scenarios", file.toString());

        assertEquals(0, run.exit(), run.err());
        assertEquals("PASS  A screened patient with nothing else suits self-care  (" + file + ")", run.outLines().get(0));
        assertEquals("1 passed, 0 failed", run.outLines().get(run.outLines().size() - 1));
    }

    @Test
    void a_failing_scenario_exits_1_and_shows_the_mismatch_indented() throws IOException {
        scenario("a.json", "passes", "SELF_CARE");
        Path failing = scenario("b.json", "fails", "URGENT");

        CliRun run = CliRun.of("scenarios", dir.toString());

        assertEquals(1, run.exit());
        assertTrue(run.outLines().contains("FAIL  fails  (" + failing + ")"), run.outLines().toString());
        assertTrue(run.outLines().contains("      Triage: expected URGENT, got SELF_CARE."), run.outLines().toString());
        assertTrue(run.outLines().contains("        TR-001  Without any reason to escalate the complaint suits self-care"),
                run.outLines().toString());
        assertEquals("1 passed, 1 failed", run.outLines().get(run.outLines().size() - 1));
    }

    @Test
    void a_malformed_file_exits_2_with_one_line_naming_file_and_path() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"name\": \"x\", \"source\": "
                + "\"When to Seek Professional Help for Back Cracking\", \"given\": {}, "
                + "\"expect\": {\"triage\": \"SOON\"}}");

        CliRun run = CliRun.of("scenarios", bad.toString());

        assertEquals(2, run.exit());
        assertEquals(List.of(), run.outLines());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("spine: malformed scenario file " + bad + ": $.expect.triage: unknown "
                + "code 'SOON'; valid: EMERGENCY, URGENT, ROUTINE, SELF_CARE"), run.err());
    }

    @Test
    void coverage_adds_the_fired_rules_the_unfired_rules_and_a_table_before_the_summary() throws IOException {
        Path file = scenario("ok.json", "self-care", "SELF_CARE");

        CliRun run = CliRun.of("scenarios", "--coverage", file.toString());

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.outLines().stream().anyMatch(l -> l.matches("Rule coverage: \\d+ of \\d+ rules fired by at least "
                + "one scenario \\(\\d+\\.\\d%\\)")), run.outLines().toString());
        assertTrue(run.outLines().contains("Rules no scenario fires:"), run.outLines().toString());
        assertTrue(run.outLines().stream().anyMatch(l -> l.matches("TR-001 +1 +1  Without any reason.*")),
                run.outLines().toString());
        assertEquals("1 passed, 0 failed", run.outLines().get(run.outLines().size() - 1));
    }
}
