package org.spinecare.advisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecare.advisor.RuleInfo;
import org.spinecare.advisor.SpineAdvisor;

/**
 * The command line run in-process through {@link SpineCli#run}, with standard streams captured. Tests run from
 * the project root (surefire's working directory), so paths read as in the README.
 */
class SpineCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void assess_prints_the_assessment_json_and_exits_zero() throws Exception {
        CliRun run = CliRun.of("assess", "scenarios/examples/cauda-equina.json");

        assertEquals(SpineCli.OK, run.exit(), run.err());
        assertEquals("", run.err());
        JsonNode assessment = JSON.readTree(run.out());
        assertEquals("EMERGENCY", assessment.get("triage").textValue());
        assertEquals(List.of("BOWEL_BLADDER_CHANGE", "SADDLE_SENSATION_LOSS"),
                JSON.convertValue(assessment.get("redFlags"), List.class));
        assertTrue(assessment.get("firedRules").size() > 0);
    }

    @Test
    void assess_with_a_dash_reads_standard_input() throws Exception {
        String facts = Files.readString(Path.of("scenarios/examples/self-care-urge-to-pop.json"));

        CliRun run = CliRun.withStdin(facts, "assess", "--compact", "-");

        assertEquals(SpineCli.OK, run.exit(), run.err());
        assertEquals(1, run.out().lines().count(), "--compact prints one line");
        assertEquals("SELF_CARE", JSON.readTree(run.out()).get("triage").textValue());
    }

    @Test
    void invalid_input_exits_two_with_one_line_naming_the_field_and_nothing_on_stdout() {
        CliRun run = CliRun.withStdin("{\"ageYears\": 58, \"painScore\": 11}", "assess", "-");

        assertEquals(SpineCli.INVALID_INPUT, run.exit());
        assertEquals("", run.out());
        assertEquals(List.of("spine: invalid input: $.painScore: must be between 0 and 10, was 11 [OUT_OF_RANGE]"),
                run.errLines());
    }

    @Test
    void malformed_json_exits_two_with_one_line_and_no_stack_trace() {
        CliRun run = CliRun.withStdin("{\"findings\": {\"FEVER\": PRESENT}}", "assess", "-");

        assertEquals(SpineCli.INVALID_INPUT, run.exit());
        assertEquals("", run.out());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().contains("[MALFORMED_JSON]"), run.err());
        assertTrue(run.err().contains("$.findings.FEVER"), run.err());
    }

    @Test
    void a_missing_file_exits_two_with_one_line() {
        CliRun run = CliRun.of("assess", "scenarios/examples/no-such-patient.json");

        assertEquals(SpineCli.INVALID_INPUT, run.exit());
        assertEquals("", run.out());
        assertEquals(1, run.errLines().size(), run.err());
        assertEquals(List.of("spine: cannot read scenarios/examples/no-such-patient.json: no such file"),
                run.errLines());
    }

    @Test
    void a_directory_instead_of_a_file_exits_two_with_one_line(@TempDir Path dir) {
        CliRun run = CliRun.of("assess", dir.toString());

        assertEquals(SpineCli.INVALID_INPUT, run.exit());
        assertEquals("", run.out());
        assertEquals(1, run.errLines().size(), run.err());
    }

    @Test
    void a_usage_error_exits_two() {
        CliRun run = CliRun.of("assess");

        assertEquals(SpineCli.INVALID_INPUT, run.exit());
        assertEquals("", run.out());
        assertTrue(run.err().contains("FILE"), run.err());
    }

    @Test
    void rules_lists_every_rule_with_id_basis_source_and_name() {
        List<RuleInfo> rules = SpineAdvisor.create().rules();

        CliRun run = CliRun.of("rules");

        assertEquals(SpineCli.OK, run.exit(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(rules.size(), lines.size());
        for (int i = 0; i < rules.size(); i++) {
            RuleInfo rule = rules.get(i);
            assertEquals(rule.id() + "\t" + rule.basis() + "\t" + rule.source() + "\t" + rule.name(), lines.get(i));
        }
    }

    @Test
    void the_committed_rule_catalog_is_exactly_what_rules_markdown_prints() throws Exception {
        // If this fails, regenerate it: ./spine rules --markdown > docs/rules.md
        CliRun run = CliRun.of("rules", "--markdown");

        assertEquals(SpineCli.OK, run.exit(), run.err());
        assertEquals(Files.readString(Path.of("docs/rules.md")), run.out(),
                "docs/rules.md is out of date; run ./spine rules --markdown > docs/rules.md");
    }
}
