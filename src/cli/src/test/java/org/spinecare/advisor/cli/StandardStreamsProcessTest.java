package org.spinecare.advisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecare.advisor.audit.AuditVerifier;

/**
 * Issue 16, points 3 and 7, in real processes: a full device ({@code /dev/full}) or a closed standard output must
 * give a non-zero exit and no audit record, and a closed standard input must be named as such. A JVM started with a
 * closed descriptor reuses it for its own files, so only a real child process shows what happens.
 */
class StandardStreamsProcessTest {
    private static final String EXAMPLE = "scenarios/examples/cauda-equina.json";

    @TempDir
    Path dir;

    @Test
    void assess_to_a_full_device_or_a_closed_stdout_exits_1_and_records_nothing() throws Exception {
        for (String redirection : new String[] {">/dev/full", ">&-"}) {
            Path audit = dir.resolve("audit" + redirection.length() + ".jsonl");
            // When the answer cannot be written
            ChildCli.Result run = ChildCli.run(redirection, "assess", "--audit", audit.toString(), EXAMPLE);
            // Then exit 1, a line saying no answer was delivered, and no record claiming one was
            assertEquals(SpineCli.FAILED, run.exit(), redirection + ": " + run.err());
            assertTrue(run.err().contains("spine: no assessment delivered: cannot write it: standard output"),
                    run.err());
            assertEquals("OK, 0 records", AuditVerifier.verify(audit).message(), redirection);
            if (redirection.equals(">&-")) {
                assertTrue(run.err().contains("standard output is closed"), run.err());
            }
        }
        // And the control: to /dev/null the answer counts as written and is recorded
        Path audit = dir.resolve("control.jsonl");
        assertEquals(SpineCli.OK, ChildCli.run(">/dev/null", "assess", "--audit", audit.toString(), EXAMPLE).exit());
        assertEquals("OK, 1 record", AuditVerifier.verify(audit).message());
    }

    @Test
    void a_batch_to_a_full_device_or_a_closed_stdout_exits_1_and_records_nothing() throws Exception {
        Path in = dir.resolve("in.jsonl");
        assertEquals(0, SpineCli.run("generate", "--count", "50", "--seed", "3", "--out", in.toString()));
        for (String redirection : new String[] {">/dev/full", ">&-"}) {
            Path audit = dir.resolve("batch-audit" + redirection.length() + ".jsonl");
            ChildCli.Result run = ChildCli.run(redirection, "assess", "--jsonl", in.toString(), "--audit",
                    audit.toString());
            assertEquals(SpineCli.FAILED, run.exit(), redirection + ": " + run.err());
            assertTrue(run.err().contains("spine: batch stopped: standard output"), run.err());
            assertEquals("OK, 0 records", AuditVerifier.verify(audit).message(), redirection);
        }
    }

    @Test
    void generate_to_a_full_device_or_a_closed_stdout_exits_1() throws Exception {
        for (String redirection : new String[] {">/dev/full", ">&-"}) {
            ChildCli.Result run = ChildCli.run(redirection, "generate", "--count", "2000");
            assertEquals(SpineCli.FAILED, run.exit(), redirection + ": " + run.err());
            assertTrue(run.err().startsWith("spine: cannot write standard output: "), run.err());
        }
        assertEquals(SpineCli.OK, ChildCli.run(">/dev/null", "generate", "--count", "2000").exit());
    }

    @Test
    void a_closed_stdin_is_named_as_closed_not_measured() throws Exception {
        // Before: "the input is 65537 bytes", the JVM's own module image read through the reused descriptor
        ChildCli.Result single = ChildCli.run("<&-", "assess", "-");
        assertEquals(SpineCli.INVALID_INPUT, single.exit(), single.err());
        assertEquals("spine: cannot read standard input: it is closed", single.err().strip());
        assertEquals("", single.out());
        ChildCli.Result batch = ChildCli.run("<&-", "assess", "--jsonl", "-");
        assertEquals(SpineCli.INVALID_INPUT, batch.exit(), batch.err());
        assertEquals("spine: cannot read standard input: it is closed", batch.err().strip());
        // And an empty, open standard input is still an empty input (a control)
        ChildCli.Result empty = ChildCli.run("</dev/null", "assess", "-");
        assertEquals(SpineCli.INVALID_INPUT, empty.exit());
        assertTrue(empty.err().contains("[EMPTY_INPUT]"), empty.err());
        assertFalse(empty.err().contains("closed"), empty.err());
    }
}
