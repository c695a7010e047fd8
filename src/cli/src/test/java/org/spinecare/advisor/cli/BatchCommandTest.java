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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.advisor.SpineAdvisor;
import org.spinecare.advisor.SpineJson;
import org.spinecare.advisor.audit.CanonicalInput;

class BatchCommandTest {
    @TempDir
    Path dir;

    @Test
    void generate_writes_the_same_patients_for_the_same_seed() throws IOException {
        // Given two runs with one seed
        Path first = dir.resolve("a.jsonl");
        Path second = dir.resolve("b.jsonl");
        // When each generates 50 patients
        assertEquals(0, SpineCli.run("generate", "--count", "50", "--seed", "9", "--out", first.toString()));
        assertEquals(0, SpineCli.run("generate", "--count", "50", "--seed", "9", "--out", second.toString()));
        // Then the files are equal, 50 lines of valid input
        List<String> lines = Files.readAllLines(first);
        assertEquals(50, lines.size());
        assertEquals(lines, Files.readAllLines(second));
        lines.forEach(SpineJson::readFacts);
    }

    @Test
    void assess_jsonl_writes_one_assessment_per_patient_and_a_summary_on_stderr() throws IOException {
        // Given generated patients
        Path in = dir.resolve("in.jsonl");
        Path out = dir.resolve("out.jsonl");
        SpineCli.run("generate", "--count", "300", "--seed", "4", "--out", in.toString());
        // When they are assessed in batch
        CliRun run = CliRun.of(() -> SpineCli.run("assess", "--jsonl", in.toString(), "--out", out.toString()));
        // Then every line is assessed as a single call would, named by its line number and input hash, exit 0,
        // and stderr holds only the summary
        assertEquals(0, run.exit(), run.err());
        SpineAdvisor advisor = SpineAdvisor.create();
        List<String> input = Files.readAllLines(in);
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            PatientFacts facts = SpineJson.readFacts(input.get(i));
            expected.add("{\"line\":" + (i + 1) + ",\"inputSha256\":\"" + CanonicalInput.sha256(facts)
                    + "\",\"assessment\":" + SpineJson.writeAssessment(advisor.assess(facts)) + "}");
        }
        assertEquals(expected, Files.readAllLines(out));
        assertTrue(run.err().matches("spine: 300 patients, 0 errors \\(0 invalid, 0 failed\\), \\d+ patients/s in "
                + "[0-9.]+ s\\R"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void assess_jsonl_with_audit_records_every_assessed_patient_in_one_valid_chain() throws IOException {
        // Given generated patients and an audit file with its key
        Path in = dir.resolve("in.jsonl");
        Path audit = dir.resolve("audit.jsonl");
        SpineCli.run("generate", "--count", "120", "--seed", "5", "--out", in.toString());
        // When they are assessed in batch with --audit
        CliRun run = CliRun.of(() -> SpineCli.run("assess", "--jsonl", in.toString(), "--out",
                dir.resolve("out.jsonl").toString(), "--audit", audit.toString()));
        // Then each patient has one record and the chain verifies
        assertEquals(0, run.exit(), run.err());
        assertEquals(120, Files.readAllLines(audit).size());
        CliRun verify = CliRun.of(() -> SpineCli.run("audit", "verify", audit.toString()));
        assertEquals(0, verify.exit(), verify.err());
        assertTrue(verify.out().startsWith("OK, 120 records, 120 under the signed head"), verify.out());
    }

    @Test
    void assess_jsonl_with_a_bad_line_exits_2_and_writes_the_error_file() throws IOException {
        // Given a file whose second line has an unknown field
        Path in = dir.resolve("in.jsonl");
        Path errors = dir.resolve("errors.txt");
        Files.writeString(in, "{\"ageYears\":40}\n{\"age\":40}\n{\"painScore\":3}\n");
        // When it is assessed in batch with assessments on stdout
        CliRun run = CliRun.of(() -> SpineCli.run("assess", "--jsonl", in.toString(), "--errors", errors.toString()));
        // Then exit 2, the two good lines on stdout, the bad one named by number in the error file
        assertEquals(2, run.exit());
        assertEquals(2, run.out().lines().count());
        List<String> errorLines = Files.readAllLines(errors);
        assertEquals(1, errorLines.size());
        assertTrue(errorLines.get(0).startsWith("line 2: $.age: unknown field") && errorLines.get(0)
                .endsWith("[UNKNOWN_FIELD]"), errorLines.get(0));
        assertTrue(run.err().startsWith("spine: 3 patients, 1 errors (1 invalid, 0 failed)"), run.err());
    }

    @Test
    void an_output_that_cannot_be_written_stops_the_batch_with_exit_1() throws IOException {
        // Given an input and an output in a directory that does not exist
        Path in = dir.resolve("in.jsonl");
        Files.writeString(in, "{\"ageYears\":40}\n");
        String out = dir.resolve("missing").resolve("out.jsonl").toString();
        // When the batch runs / Then it fails with one line naming the output
        CliRun run = CliRun.of(() -> SpineCli.run("assess", "--jsonl", in.toString(), "--out", out));
        assertEquals(1, run.exit());
        assertEquals("spine: cannot write " + out + ": no such file or directory", run.err().strip());
    }

    @Test
    void assess_needs_either_a_file_or_jsonl_and_reports_a_missing_input() {
        // Given neither, both, or a missing batch file / When assess runs / Then exit 2 with one line on stderr
        assertEquals(2, CliRun.of(() -> SpineCli.run("assess")).exit());
        assertEquals(2, CliRun.of(() -> SpineCli.run("assess", "x.json", "--jsonl", "y.jsonl")).exit());
        assertEquals(2, CliRun.of(() -> SpineCli.run("assess", "scenarios/examples/cauda-equina.json", "--out", "o"))
                .exit());
        CliRun missing = CliRun.of(() -> SpineCli.run("assess", "--jsonl", dir.resolve("none.jsonl").toString()));
        assertEquals(2, missing.exit());
        assertTrue(missing.err().startsWith("spine: cannot read ") && missing.err().lines().count() == 1, missing.err());
    }
}
