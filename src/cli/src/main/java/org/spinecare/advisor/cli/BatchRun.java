package org.spinecare.advisor.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.spinecare.advisor.SpineAdvisor;
import org.spinecare.advisor.AuditEntry;
import org.spinecare.advisor.batch.BatchAssessor;
import org.spinecare.advisor.batch.ProgressBar;

/** {@code ./spine assess --jsonl IN}: opens the streams for {@link BatchAssessor} and reports on standard error. */
final class BatchRun {
    private BatchRun() {
    }

    /** The most worker threads a batch may have: 4 per core; more only keeps more lines in memory. */
    static int maxThreads() {
        return 4 * Runtime.getRuntime().availableProcessors();
    }

    static int run(SpineAdvisor advisor, AuditedTrail trail, String input, String output, String errorsFile,
                   Integer threads, PrintWriter err) {
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        boolean stdin = "-".equals(input);
        if (stdin && StandardStreams.stdinClosed()) {
            err.println("spine: cannot read standard input: it is closed");
            return SpineCli.INVALID_INPUT;
        }
        ProgressBar bar = null;
        if (ProgressBar.stderrIsTerminal()) {
            bar = new ProgressBar(err, stdin || !Files.isRegularFile(Path.of(input)) ? -1 : sizeOf(input));
        }
        InputStream in;
        try {
            in = stdin ? System.in : Files.newInputStream(Path.of(input));
        } catch (IOException e) {
            err.println("spine: cannot read " + Inputs.describe(input) + ": " + Errors.oneLine(e));
            return SpineCli.INVALID_INPUT;
        }
        OutputStream out = null;
        Writer errors = null;
        try (InputStream closingIn = in) {
            out = new BufferedOutputStream(output == null ? StandardStreams.stdout() : open(output), 1 << 16);
            errors = errorsFile == null ? new StderrErrors(err, bar)
                    : new OutputStreamWriter(new BufferedOutputStream(open(errorsFile), 1 << 16),
                            StandardCharsets.UTF_8);
            BatchAssessor.Summary summary = new BatchAssessor(advisor, workers, delivery(trail))
                    .run(in, out, errors, bar != null ? bar : BatchAssessor.Progress.NONE);
            close(out, errors);
            if (bar != null) {
                bar.finish();
            }
            err.println("spine: " + summary.line());
            err.flush();
            return summary.exitCode();
        } catch (OutputFailure e) {
            closeQuietly(out, errors);
            err.println("spine: cannot write " + TerminalText.safe(e.file) + ": "
                    + (e.getCause() instanceof java.nio.file.NoSuchFileException ? "no such file or directory"
                    : Errors.oneLine(e.getCause())));
            return SpineCli.FAILED;
        } catch (IOException | RuntimeException e) {
            closeQuietly(out, errors);
            if (bar != null) {
                bar.finish();
            }
            err.println("spine: batch stopped: " + Errors.oneLine(e));
            return SpineCli.FAILED;
        }
    }

    private static OutputStream open(String file) throws OutputFailure {
        try {
            return OutputFiles.openPrivate(Path.of(file));
        } catch (IOException e) {
            throw new OutputFailure(file, e);
        }
    }

    /** An output file that cannot be opened, named as the user gave it. */
    private static final class OutputFailure extends IOException {
        final String file;

        OutputFailure(String file, IOException cause) {
            super(cause);
            this.file = file;
        }
    }

    private static void close(OutputStream out, Writer errors) throws IOException {
        try {
            out.close();
        } finally {
            errors.close();
        }
    }

    private static void closeQuietly(OutputStream out, Writer errors) {
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException ignored) {
            // The failure being reported already says the output is incomplete.
        }
        try {
            if (errors != null) {
                errors.close();
            }
        } catch (IOException ignored) {
            // As above.
        }
    }

    /** With --audit, each answer's record is appended once its line has been flushed to the output. */
    private static BatchAssessor.Delivery delivery(AuditedTrail trail) {
        if (trail == null) {
            return BatchAssessor.Delivery.NONE;
        }
        return new BatchAssessor.Delivery() {
            @Override
            public Object assessed() {
                return trail.takePending();
            }

            @Override
            public void delivered(List<Object> receipts) throws IOException {
                for (Object receipt : receipts) {
                    try {
                        trail.commit((AuditEntry) receipt);
                    } catch (RuntimeException e) {
                        throw new IOException("an answer was written but its audit record was not: "
                                + Errors.oneLine(e), e);
                    }
                }
            }
        };
    }

    private static long sizeOf(String input) {
        try {
            return Files.size(Path.of(input));
        } catch (IOException e) {
            return -1;
        }
    }

    /** Errors on standard error: the progress bar is cleared first so that an error line is never mixed into it. */
    private static final class StderrErrors extends java.io.FilterWriter {
        private final ProgressBar bar;

        StderrErrors(Writer out, ProgressBar bar) {
            super(out);
            this.bar = bar;
        }

        @Override
        public void write(int c) throws IOException {
            clearBar();
            out.write(c);
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            clearBar();
            out.write(chars, offset, length);
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            clearBar();
            out.write(text, offset, length);
        }

        private void clearBar() {
            if (bar != null) {
                bar.finish();
            }
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
