package org.spinecare.advisor.cli;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.spinecare.advisor.SpineAdvisor;
import org.spinecare.advisor.batch.BatchAssessor;
import org.spinecare.advisor.batch.ProgressBar;

/** {@code ./spine assess --jsonl IN}: opens the streams for {@link BatchAssessor} and reports on standard error. */
final class BatchRun {
    private BatchRun() {
    }

    static int run(SpineAdvisor advisor, String input, String output, String errorsFile, Integer threads, PrintWriter err) {
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (workers < 1) {
            err.println("spine: --threads must be at least 1");
            return SpineCli.INVALID_INPUT;
        }
        boolean stdin = "-".equals(input);
        ProgressBar bar = null;
        if (ProgressBar.stderrIsTerminal()) {
            bar = new ProgressBar(err, stdin || !Files.isRegularFile(Path.of(input)) ? -1 : sizeOf(input));
        }
        try (InputStream in = stdin ? System.in : Files.newInputStream(Path.of(input));
             OutputStream out = output == null ? new BufferedOutputStream(new NonClosing(System.out), 1 << 16)
                     : new BufferedOutputStream(Files.newOutputStream(Path.of(output)), 1 << 16);
             Writer errors = errorsFile == null ? new StderrErrors(err, bar)
                     : new BufferedWriter(Files.newBufferedWriter(Path.of(errorsFile), StandardCharsets.UTF_8))) {
            BatchAssessor.Summary summary = new BatchAssessor(advisor, workers)
                    .run(in, out, errors, bar != null ? bar : BatchAssessor.Progress.NONE);
            if (bar != null) {
                bar.finish();
            }
            err.println("spine: " + summary.line());
            err.flush();
            return summary.exitCode();
        } catch (NoSuchFileException e) {
            boolean isInput = e.getFile() != null && e.getFile().equals(input);
            err.println("spine: " + (isInput ? "cannot read " : "cannot write ") + e.getFile()
                    + ": no such file or directory");
            return isInput ? SpineCli.INVALID_INPUT : SpineCli.FAILED;
        } catch (IOException e) {
            err.println("spine: batch stopped: " + Errors.oneLine(e));
            return SpineCli.FAILED;
        }
    }

    private static long sizeOf(String input) {
        try {
            return Files.size(Path.of(input));
        } catch (IOException e) {
            return -1;
        }
    }

    /** Standard output stays open after the run: the JVM and picocli own it. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
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
