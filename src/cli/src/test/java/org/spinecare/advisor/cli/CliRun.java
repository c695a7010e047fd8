package org.spinecare.advisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.IntSupplier;

/** One in-process run of the command line with stdin, stdout and stderr captured. Not for parallel tests. */
record CliRun(int exit, String out, String err) {

    /** {@code ./spine ARGS} with empty standard input. */
    static CliRun of(String... args) {
        return of(new byte[0], () -> SpineCli.run(args));
    }

    /** {@code ./spine ARGS} reading this text on standard input. */
    static CliRun withStdin(String stdin, String... args) {
        return of(stdin.getBytes(StandardCharsets.UTF_8), () -> SpineCli.run(args));
    }

    static CliRun of(IntSupplier run) {
        return of(new byte[0], run);
    }

    static CliRun of(byte[] stdin, IntSupplier run) {
        return of(stdin, new ByteArrayOutputStream(), run);
    }

    /**
     * {@code ./spine ARGS} with a standard output that refuses every write, as a full disk or a closed pipe does;
     * {@link #out()} is empty.
     */
    static CliRun withBrokenStdout(String... args) {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        return of(new byte[0], broken, () -> SpineCli.run(args));
    }

    private static synchronized CliRun of(byte[] stdin, OutputStream stdout, IntSupplier run) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(stdin));
            int code = run.getAsInt();
            System.out.flush();
            System.err.flush();
            String out = stdout instanceof ByteArrayOutputStream captured ? captured.toString(StandardCharsets.UTF_8) : "";
            return new CliRun(code, out, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
    }

    List<String> outLines() {
        return out.lines().toList();
    }

    List<String> errLines() {
        return err.lines().toList();
    }

    /** Exactly one line on stderr, starting with this text, with no stack trace and no control characters. */
    void assertOneLineOnStderr(String start) {
        assertTrue(err.endsWith(System.lineSeparator()) || err.endsWith("\n"), "a whole line: [" + err + "]");
        String line = err.strip();
        assertEquals(1, err.lines().count(), "one line on stderr: [" + err + "]");
        assertTrue(line.startsWith(start), "stderr: [" + err + "]");
        assertFalse(line.chars().anyMatch(Character::isISOControl), "no control characters: [" + err + "]");
        CliFailSafeTest.assertNoStackTrace(err);
    }
}
