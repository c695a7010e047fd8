package org.spinecare.advisor.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecare.advisor.SpineJson;
import org.spinecare.advisor.audit.AuditVerifier;

/**
 * The command line under faults (issue 16), in-process: overlapping files, failed writes, unbounded input,
 * terminal escapes in names, permissions of answer files. Real processes (closed and full standard streams, kills)
 * are in {@link StandardStreamsProcessTest} and {@link BatchKillTest}.
 */
class CliFaultsTest {
    private static final String EXAMPLE = "scenarios/examples/cauda-equina.json";

    @TempDir
    Path dir;

    // 1. Data loss: files that are one file

    @Test
    void an_audit_file_given_also_as_the_output_is_refused_before_anything_is_written() throws IOException {
        // Given an audit file with two committed records and a patient list
        Path audit = dir.resolve("audit.jsonl");
        assertEquals(0, CliRun.of("assess", "--audit", audit.toString(), EXAMPLE).exit());
        assertEquals(0, CliRun.of("assess", "--audit", audit.toString(), EXAMPLE).exit());
        byte[] before = Files.readAllBytes(audit);
        Path in = patients(20);
        // When a batch names the audit file as its output
        CliRun run = CliRun.of("assess", "--jsonl", in.toString(), "--out", audit.toString(), "--audit",
                audit.toString());
        // Then it exits 2 with one line naming both options, and the records are all still there
        assertEquals(SpineCli.INVALID_INPUT, run.exit(), run.err());
        run.assertOneLineOnStderr("spine: --out and --audit are the same file");
        assertArrayEquals(before, Files.readAllBytes(audit));
        assertEquals("OK, 2 records", AuditVerifier.verify(audit).message());
    }

    @Test
    void an_output_or_error_file_that_is_the_input_is_refused_and_the_patient_list_kept() throws IOException {
        Path in = patients(20);
        byte[] before = Files.readAllBytes(in);
        Path hardLink = Files.createLink(dir.resolve("hard-link.jsonl"), in);
        Path symlink = Files.createSymbolicLink(dir.resolve("sym-link.jsonl"), in);
        Path viaDotDot = dir.resolve("sub").resolve("..").resolve(in.getFileName());
        Files.createDirectories(dir.resolve("sub"));
        for (String[] args : List.of(
                new String[] {"--out", in.toString()},
                new String[] {"--errors", in.toString()},
                new String[] {"--out", hardLink.toString()},
                new String[] {"--errors", symlink.toString()},
                new String[] {"--out", viaDotDot.toString()})) {
            // When the output or the errors go to the input under any name
            CliRun run = CliRun.of(concat(new String[] {"assess", "--jsonl", in.toString()}, args));
            // Then exit 2, one line, and the input is unchanged
            assertEquals(SpineCli.INVALID_INPUT, run.exit(), String.join(" ", args) + ": " + run.err());
            run.assertOneLineOnStderr("spine: --jsonl and " + args[0] + " are the same file");
            assertArrayEquals(before, Files.readAllBytes(in), String.join(" ", args));
        }
    }

    @Test
    void output_and_errors_that_would_create_one_new_file_or_share_the_audit_key_are_refused() throws IOException {
        Path in = patients(5);
        // Two names for one file that does not exist yet: through a symbolic link to it, and a dangling one
        Path out = dir.resolve("out.jsonl");
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), out);
        CliRun sameNew = CliRun.of("assess", "--jsonl", in.toString(), "--out", out.toString(), "--errors",
                dangling.toString());
        assertEquals(SpineCli.INVALID_INPUT, sameNew.exit(), sameNew.err());
        sameNew.assertOneLineOnStderr("spine: --out and --errors are the same file");
        assertFalse(Files.exists(out), "nothing was created");
        // The output over the audit key file beside the audit file
        Path audit = dir.resolve("audit.jsonl");
        CliRun overKey = CliRun.of("assess", "--jsonl", in.toString(), "--out", dir.resolve("audit.jsonl.key")
                .toString(), "--audit", audit.toString());
        assertEquals(SpineCli.INVALID_INPUT, overKey.exit(), overKey.err());
        overKey.assertOneLineOnStderr("spine: --out and the audit key file are the same file");
        // And a single assessment whose facts file is the audit file
        Path facts = Files.copy(Path.of(EXAMPLE), dir.resolve("facts.json"));
        CliRun factsAsAudit = CliRun.of("assess", "--audit", facts.toString(), facts.toString());
        assertEquals(SpineCli.INVALID_INPUT, factsAsAudit.exit());
        factsAsAudit.assertOneLineOnStderr("spine: FILE and --audit are the same file");
        assertArrayEquals(Files.readAllBytes(Path.of(EXAMPLE)), Files.readAllBytes(facts));
    }

    @Test
    void an_output_named_through_dev_fd_of_the_open_input_is_refused() throws IOException {
        // Given the input open in this process, so that /dev/fd/N names it
        Path in = patients(5);
        byte[] before = Files.readAllBytes(in);
        try (FileInputStream open = new FileInputStream(in.toFile())) {
            Path devFd = descriptorOf(in);
            // When the output is that descriptor / Then refused, input unchanged
            CliRun run = CliRun.of("assess", "--jsonl", in.toString(), "--out", devFd.toString());
            assertEquals(SpineCli.INVALID_INPUT, run.exit(), run.err());
            run.assertOneLineOnStderr("spine: --jsonl and --out are the same file");
        }
        assertArrayEquals(before, Files.readAllBytes(in));
    }

    @Test
    void distinct_files_and_dev_null_for_both_outputs_are_still_accepted() throws IOException {
        // A control: the check must not refuse what is safe
        Path in = patients(5);
        CliRun run = CliRun.of("assess", "--jsonl", in.toString(), "--out", "/dev/null", "--errors", "/dev/null");
        assertEquals(SpineCli.OK, run.exit(), run.err());
        CliRun files = CliRun.of("assess", "--jsonl", in.toString(), "--out", dir.resolve("o").toString(),
                "--errors", dir.resolve("e").toString(), "--audit", dir.resolve("a").toString());
        assertEquals(SpineCli.OK, files.exit(), files.err());
    }

    // 3. An answer lost with exit 0: a standard output that refuses writes

    @Test
    void an_assessment_that_cannot_be_written_exits_1_and_leaves_no_audit_record() {
        Path audit = dir.resolve("audit.jsonl");
        // When the answer cannot be written
        CliRun run = CliRun.withBrokenStdout("assess", "--audit", audit.toString(), EXAMPLE);
        // Then exit 1, one line saying so, and the audit does not claim an answer was given
        assertEquals(SpineCli.FAILED, run.exit(), run.err());
        assertTrue(run.err().contains("spine: no assessment delivered: cannot write it:")
                && run.err().contains("no audit record was written"), run.err());
        assertEquals("OK, 0 records", AuditVerifier.verify(audit).message());
        // And with a working output the same command records it (a control)
        assertEquals(SpineCli.OK, CliRun.of("assess", "--audit", audit.toString(), EXAMPLE).exit());
        assertEquals("OK, 1 record", AuditVerifier.verify(audit).message());
    }

    @Test
    void a_batch_generate_or_rule_list_to_a_standard_output_that_refuses_writes_exits_1() throws IOException {
        Path in = patients(30);
        Path audit = dir.resolve("audit.jsonl");
        CliRun batch = CliRun.withBrokenStdout("assess", "--jsonl", in.toString(), "--audit", audit.toString());
        assertEquals(SpineCli.FAILED, batch.exit(), batch.err());
        // (after the note that the audit key file was created)
        assertTrue(batch.errLines().get(batch.errLines().size() - 1)
                .startsWith("spine: batch stopped: standard output refused the write"), batch.err());
        assertEquals("OK, 0 records", AuditVerifier.verify(audit).message());
        CliRun generate = CliRun.withBrokenStdout("generate", "--count", "10");
        assertEquals(SpineCli.FAILED, generate.exit(), generate.err());
        assertTrue(generate.err().startsWith("spine: cannot write standard output: "), generate.err());
        CliRun rules = CliRun.withBrokenStdout("rules");
        assertEquals(SpineCli.FAILED, rules.exit(), rules.err());
        assertTrue(rules.err().startsWith("spine: cannot write to standard output"), rules.err());
    }

    // 4. Unbounded input

    @Test
    void an_endless_device_is_read_only_to_the_limit_and_refused_as_too_large() {
        // Given /dev/zero, which never ends / When it is assessed / Then TOO_LARGE quickly, in bounded memory
        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> CliRun.of("assess", "/dev/zero"));
        assertEquals(SpineCli.INVALID_INPUT, run.exit(), run.err());
        run.assertOneLineOnStderr("spine: invalid input: $: the input is larger than 65536 bytes");
        assertTrue(run.err().strip().endsWith("[TOO_LARGE]"), run.err());
    }

    @Test
    void a_fifo_is_read_only_to_the_limit_and_not_drained() throws Exception {
        // Given a FIFO fed by a writer that would write 32 MiB
        Path fifo = dir.resolve("patients.fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        AtomicLong written = new AtomicLong();
        Thread writer = new Thread(() -> {
            byte[] block = new byte[8192];
            java.util.Arrays.fill(block, (byte) ' ');
            try (OutputStream out = Files.newOutputStream(fifo)) {
                for (int i = 0; i < 4096; i++) {
                    out.write(block);
                    written.addAndGet(block.length);
                }
            } catch (IOException expected) {
                // The reader closed the FIFO: the writer gets a broken pipe.
            }
        });
        writer.setDaemon(true);
        writer.start();
        // When it is assessed
        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> CliRun.of("assess", fifo.toString()));
        writer.join(10_000);
        // Then it is refused as too large, and no more than the limit plus the pipe's buffer left the writer
        assertEquals(SpineCli.INVALID_INPUT, run.exit(), run.err());
        assertTrue(run.err().strip().endsWith("[TOO_LARGE]"), run.err());
        assertTrue(written.get() < 4L * 1024 * 1024, "the FIFO was drained: " + written.get() + " bytes");
    }

    @Test
    void a_thread_count_beyond_four_per_core_is_refused() throws IOException {
        Path in = patients(3);
        for (String threads : new String[] {"100000", "0", "-1", String.valueOf(BatchRun.maxThreads() + 1)}) {
            CliRun run = CliRun.of("assess", "--jsonl", in.toString(), "--threads", threads);
            assertEquals(SpineCli.INVALID_INPUT, run.exit(), threads);
            run.assertOneLineOnStderr("spine: --threads must be 1 to " + BatchRun.maxThreads());
        }
        assertEquals(SpineCli.OK, CliRun.of("assess", "--jsonl", in.toString(), "--out", "/dev/null", "--threads",
                String.valueOf(BatchRun.maxThreads())).exit());
    }

    // 5. The same byte limit for LF and CRLF lines in batch mode

    @Test
    void a_line_of_exactly_the_limit_is_accepted_with_lf_and_with_crlf() throws IOException {
        // Given a valid document of exactly 65,536 bytes (padded with JSON whitespace)
        String head = "{\"ageYears\":40";
        String line = head + " ".repeat(SpineJson.MAX_DOCUMENT_BYTES - head.length() - 1) + "}";
        assertEquals(SpineJson.MAX_DOCUMENT_BYTES, line.getBytes(StandardCharsets.UTF_8).length);
        for (String end : new String[] {"\n", "\r\n"}) {
            Path in = Files.writeString(dir.resolve("limit.jsonl"), line + end + line + "x" + end);
            // When it is assessed in batch
            CliRun run = CliRun.of("assess", "--jsonl", in.toString(), "--out", dir.resolve("o.jsonl").toString());
            // Then the first line is assessed and the one byte longer second line is too large, whatever the end
            List<String> out = Files.readAllLines(dir.resolve("o.jsonl"));
            assertEquals(1, out.size(), end.length() + " " + run.err());
            assertTrue(out.get(0).startsWith("{\"line\":1,"), out.get(0));
            assertTrue(run.err().contains("line 2: $: ") && run.err().contains("[TOO_LARGE]"), run.err());
        }
    }

    // 6. Terminal injection

    @Test
    void file_names_with_line_breaks_or_escape_sequences_are_printed_escaped_on_one_line() throws IOException {
        String evil = "evil\n\u001b[2J\u001b]0;owned\u0007\u202e.json";
        Path evilDir = dir.resolve("x\u001b[31m");
        List<CliRun> runs = new ArrayList<>();
        runs.add(CliRun.of("assess", dir.resolve(evil).toString()));
        runs.add(CliRun.of("assess", "--jsonl", dir.resolve(evil).toString()));
        runs.add(CliRun.of("assess", "--jsonl", patients(2).toString(), "--out", evilDir.resolve(evil).toString()));
        runs.add(CliRun.of("audit", "verify", dir.resolve(evil).toString()));
        runs.add(CliRun.of("audit", "input-hash", dir.resolve(evil).toString()));
        for (CliRun run : runs) {
            assertTrue(run.exit() != 0, run.err());
            // One line, no control or bidirectional characters, the escapes visible instead
            run.assertOneLineOnStderr("spine: ");
            assertFalse(run.err().strip().chars().anyMatch(c -> Character.getType(c) == Character.FORMAT), run.err());
            assertTrue(run.err().contains("evil\\n\\u001b[2J\\u001b]0;owned\\u0007\\u202e.json"), run.err());
        }
        assertTrue(runs.get(2).err().contains("x\\u001b[31m"), runs.get(2).err());
    }

    @Test
    void terminal_text_escapes_controls_format_characters_separators_and_broken_surrogates_only() {
        assertEquals("a\\nb\\r\\t\\u001b[0m\\u0085\\u2028\\u200b\\u202e\\ud800 é 患 \uD83D\uDE00 \\",
                TerminalText.safe("a\nb\r\t\u001b[0m\u0085\u2028\u200b\u202e\ud800 é 患 \uD83D\uDE00 \\"));
        assertEquals("plain/path.json", TerminalText.safe("plain/path.json"));
    }

    // 7. Messages and permissions

    @Test
    void batch_output_and_error_files_are_created_readable_by_their_owner_only() throws IOException {
        Path in = Files.writeString(dir.resolve("in.jsonl"), "{\"ageYears\":40}\n{\"age\":1}\n");
        Path out = dir.resolve("out.jsonl");
        Path errors = dir.resolve("errors.txt");
        CliRun run = CliRun.of("assess", "--jsonl", in.toString(), "--out", out.toString(), "--errors",
                errors.toString());
        assertEquals(SpineCli.INVALID_INPUT, run.exit(), run.err());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(errors)));
        assertEquals(1, Files.readAllLines(out).size());
        assertEquals(1, Files.readAllLines(errors).size());
    }

    private Path patients(int count) throws IOException {
        Path in = dir.resolve("patients-" + count + ".jsonl");
        assertEquals(0, SpineCli.run("generate", "--count", String.valueOf(count), "--seed", "16", "--out",
                in.toString()));
        return in;
    }

    /** The /dev/fd name of a descriptor this process has open on the file. */
    private static Path descriptorOf(Path file) throws IOException {
        Path real = file.toRealPath();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    if (Files.readSymbolicLink(fd).equals(real)) {
                        return Path.of("/dev/fd").resolve(fd.getFileName().toString());
                    }
                } catch (IOException closedMeanwhile) {
                    // The listing's own descriptor, gone by now.
                }
            }
        }
        throw new AssertionError("no descriptor open on " + file);
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
