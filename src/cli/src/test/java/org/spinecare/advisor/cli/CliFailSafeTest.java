package org.spinecare.advisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecare.advisor.FaultInjection;
import org.spinecare.advisor.SpineAdvisor;
import picocli.CommandLine;

/** At the command line a failed evaluation exits 1 with one clear line on stderr and nothing on stdout. */
class CliFailSafeTest {
    @TempDir
    Path dir;

    @Test
    void an_engine_failure_exits_1_with_one_line_and_no_assessment() throws Exception {
        // Given a patient with fever and an advisor whose rule throws on fever
        Path patient = write("{\"findings\": {\"FEVER\": \"PRESENT\"}}");
        // When the patient is assessed at the command line
        CliRun run = CliRun.of(() -> SpineCli.run(with(FaultInjection::advisorWhoseRuleThrowsOnFever),
                "assess", patient.toString()));
        // Then the exit code is 1, stderr is one line, stdout is empty
        assertEquals(SpineCli.FAILED, run.exit());
        assertEquals("", run.out());
        run.assertOneLineOnStderr("spine: no assessment: rule evaluation failed");
    }

    @Test
    void reaching_the_fired_rule_cap_exits_1_with_one_line_and_no_assessment() throws Exception {
        Path patient = write("{\"findings\": {\"SADDLE_SENSATION_LOSS\": \"PRESENT\"}}");
        CliRun run = CliRun.of(() -> SpineCli.run(with(() -> SpineAdvisor.builder().maxFiredRules(1).build()),
                "assess", patient.toString()));
        assertEquals(SpineCli.FAILED, run.exit());
        assertEquals("", run.out());
        run.assertOneLineOnStderr("spine: no assessment: more than 1 rules fired");
    }

    @Test
    void a_knowledge_base_that_fails_its_self_check_exits_1_with_one_line_and_no_assessment() throws Exception {
        Path patient = write("{\"findings\": {\"FEVER\": \"ABSENT\"}}");
        CliRun run = CliRun.of(() -> SpineCli.run(with(FaultInjection.advisorOnATamperedKjar()),
                "assess", patient.toString()));
        assertEquals(SpineCli.FAILED, run.exit());
        assertEquals("", run.out());
        run.assertOneLineOnStderr("spine: no assessment: the knowledge base failed its start-up self-check: "
                + "rule sources do not match the digest");
    }

    @Test
    void the_same_patient_with_the_shipped_advisor_exits_0_with_an_assessment() throws Exception {
        // A control: the seam changes nothing when no fault is injected
        Path patient = write("{\"findings\": {\"FEVER\": \"PRESENT\"}}");
        CliRun run = CliRun.of(() -> SpineCli.run(with(SpineAdvisor::create), "assess", patient.toString()));
        assertEquals(SpineCli.OK, run.exit(), run.err());
        assertTrue(run.out().contains("\"triage\" : \"URGENT\""), run.out());
        assertEquals("", run.err());
    }

    private Path write(String json) throws Exception {
        Path file = Files.createTempFile(dir, "patient", ".json");
        Files.writeString(file, json);
        return file;
    }

    /** Commands as picocli makes them, with the assess command given this advisor. */
    static CommandLine.IFactory with(Supplier<SpineAdvisor> advisors) {
        return new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                K command = CommandLine.defaultFactory().create(type);
                if (command instanceof AssessCommand assess) {
                    assess.advisors = advisors;
                }
                return command;
            }
        };
    }

    static void assertNoStackTrace(String text) {
        assertFalse(text.contains("\tat ") || text.contains("Exception in thread") || text.contains("Caused by"),
                text);
    }
}
