package org.spinecare.advisor.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.advisor.SpineAdvisor;
import org.spinecare.advisor.SpineJson;
import org.spinecare.advisor.audit.CanonicalInput;

class BatchAssessorTest {
    private static SpineAdvisor advisor;

    @BeforeAll
    static void createAdvisor() {
        advisor = SpineAdvisor.create();
    }

    @Test
    void assessments_come_out_in_input_order_and_equal_the_sequential_ones() throws IOException {
        // Given 3,000 generated patients, cut into many small chunks that two workers finish out of order
        List<String> patients = generated(3_000, 42);
        // When the batch runs
        Run run = run(new BatchAssessor(advisor, 2, 17), String.join("\n", patients) + "\n");
        // Then output line k names input line k and holds what a sequential assess gives for it
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < patients.size(); i++) {
            expected.add(answerLine(i + 1, patients.get(i)));
        }
        assertEquals(expected, run.outputLines());
        assertEquals("", run.errors);
        assertEquals(3_000, run.summary.patients());
        assertEquals(0, run.summary.exitCode());
    }

    @Test
    void bad_lines_are_reported_with_their_line_numbers_while_good_lines_still_come_out() throws IOException {
        // Given good lines around lines that break the contract in different ways, one of them over the size limit
        List<String> good = generated(3, 7);
        String tooLong = "{\"patientRef\":\"" + "x".repeat(SpineJson.MAX_DOCUMENT_BYTES) + "\"}";
        String input = good.get(0) + "\n"
                + "{\"ageYears\":200}\n"
                + "not json\n"
                + "\n"
                + good.get(1) + "\r\n"
                + tooLong + "\n"
                + "{\"findings\":{\"FEVER\":\"MAYBE\"}}\n"
                + good.get(2);
        // When the batch runs
        Run run = run(new BatchAssessor(advisor, 2, 2), input);
        // Then every bad line is named with its number, path and code, and the good ones are assessed in order
        List<String> errors = run.errors.lines().toList();
        assertEquals(5, errors.size(), run.errors);
        assertTrue(errors.get(0).startsWith("line 2: $.ageYears: ") && errors.get(0).endsWith("[OUT_OF_RANGE]"),
                errors.get(0));
        assertTrue(errors.get(1).startsWith("line 3: ") && errors.get(1).endsWith("[MALFORMED_JSON]"), errors.get(1));
        assertTrue(errors.get(2).startsWith("line 4: $: ") && errors.get(2).endsWith("[EMPTY_INPUT]"), errors.get(2));
        assertTrue(errors.get(3).startsWith("line 6: $: ") && errors.get(3).endsWith("[TOO_LARGE]"), errors.get(3));
        assertTrue(errors.get(4).startsWith("line 7: $.findings.FEVER: ") && errors.get(4).endsWith("[UNKNOWN_CODE]"),
                errors.get(4));
        assertEquals(List.of(answerLine(1, good.get(0)), answerLine(5, good.get(1)), answerLine(8, good.get(2))),
                run.outputLines());
        assertEquals(8, run.summary.patients());
        assertEquals(5, run.summary.invalid());
        assertEquals(2, run.summary.exitCode());
    }

    @Test
    void a_failed_assessment_gives_exit_code_1_even_when_other_lines_are_invalid() throws IOException {
        // Given an advisor whose cap on fired rules every patient exceeds, so each assessment fails
        BatchAssessor failing = new BatchAssessor(SpineAdvisor.builder().maxFiredRules(1).build(), 2);
        String input = generated(1, 3).get(0) + "\n{\"painScore\":\"high\"}\n";
        // When the batch runs
        Run run = run(failing, input);
        // Then the failure is reported for its line, nothing is output for it, and the exit code says it failed
        List<String> errors = run.errors.lines().toList();
        assertTrue(errors.get(0).startsWith("line 1: $: no assessment: ")
                && errors.get(0).endsWith("[" + BatchAssessor.ASSESSMENT_FAILED + "]"), errors.get(0));
        assertTrue(errors.get(1).startsWith("line 2: $.painScore: ") && errors.get(1).endsWith("[WRONG_TYPE]"));
        assertEquals(List.of(), run.outputLines());
        assertEquals(1, run.summary.failed());
        assertEquals(1, run.summary.exitCode());
    }

    @Test
    void empty_input_gives_no_output_and_exit_code_0() throws IOException {
        // Given nothing at all / When the batch runs
        Run run = run(new BatchAssessor(advisor, 2), "");
        // Then there is no output, no error and nothing counted
        assertEquals("", run.output);
        assertEquals("", run.errors);
        assertEquals(0, run.summary.patients());
        assertEquals(0, run.summary.exitCode());
        assertTrue(run.summary.line().startsWith("0 patients, 0 errors"), run.summary.line());
    }

    @Test
    void the_summary_counts_patients_errors_and_the_rate() throws IOException {
        // Given two valid lines and an invalid one / When the batch runs
        Run run = run(new BatchAssessor(advisor, 1), String.join("\n", generated(2, 5)) + "\n[]\n");
        // Then the summary line gives the counts and a rate in patients per second
        assertTrue(run.summary.line().matches("3 patients, 1 errors \\(1 invalid, 0 failed\\), \\d+ patients/s in "
                + "\\d+\\.\\d\\d s"), run.summary.line());
    }

    /** The documented batch output line for input line {@code number}. */
    static String answerLine(long number, String input) {
        PatientFacts facts = SpineJson.readFacts(input);
        return "{\"line\":" + number + ",\"inputSha256\":\"" + CanonicalInput.sha256(facts) + "\",\"assessment\":"
                + SpineJson.writeAssessment(advisor.assess(facts)) + "}";
    }

    static List<String> generated(int count, long seed) {
        PatientGenerator generator = new PatientGenerator(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add(generator.nextJson());
        }
        return lines;
    }

    private static Run run(BatchAssessor batch, String input) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder errors = new StringBuilder();
        BatchAssessor.Summary summary = batch.run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                out, errors, BatchAssessor.Progress.NONE);
        return new Run(out.toString(StandardCharsets.UTF_8), errors.toString(), summary);
    }

    private record Run(String output, String errors, BatchAssessor.Summary summary) {
        List<String> outputLines() {
            return output.lines().toList();
        }
    }
}
