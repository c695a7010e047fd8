package org.spinecare.advisor.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.spinecare.advisor.KnowledgeBaseException;
import org.spinecare.advisor.KnowledgeRelease;
import org.spinecare.advisor.SpineAdvisor;
import org.spinecare.advisor.batch.BatchAssessor;
import org.spinecare.advisor.batch.ImpactRunner;
import org.spinecare.advisor.batch.ProgressBar;
import org.spinecare.advisor.impact.HtmlReport;
import org.spinecare.advisor.impact.ImpactSummary;
import org.spinecare.advisor.impact.MarkdownReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "impact", description = {"Assess every patient with two knowledge base releases and report what "
        + "changed: triage transitions, answers that became less safe, advice gained and lost, rules whose firing "
        + "changed.", "Exit status: 0 nothing less safe, 3 an answer became less safe, 1 an answer failed or an "
        + "output could not be written, 2 invalid input."})
final class ImpactCommand implements Callable<Integer> {
    static final int LESS_SAFE = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "OLD.jar", description = "The live release's kjar.")
    Path from;

    @Option(names = "--to", required = true, paramLabel = "NEW.jar", description = "The candidate release's kjar.")
    Path to;

    @Parameters(paramLabel = "PATIENTS.jsonl", description = "One patient's facts per line (- for standard input).")
    String input;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Per-patient differences as JSON Lines (default: standard output).")
    Path out;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Write the summary as Markdown.")
    Path markdown;

    @Option(names = "--html", paramLabel = "FILE", description = "Write the summary as a self-contained HTML page.")
    Path html;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: one per core).")
    Integer threads;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (workers < 1 || workers > BatchRun.maxThreads()) {
            err.println("spine: --threads must be between 1 and " + BatchRun.maxThreads());
            return SpineCli.INVALID_INPUT;
        }
        KnowledgeRelease old;
        KnowledgeRelease candidate;
        try {
            old = KnowledgeRelease.fromJar(from);
            candidate = KnowledgeRelease.fromJar(to);
        } catch (KnowledgeBaseException e) {
            err.println("spine: release refused: " + TerminalText.safe(Errors.oneLine(e)));
            return SpineCli.INVALID_INPUT;
        }
        boolean stdin = "-".equals(input);
        ProgressBar bar = ProgressBar.stderrIsTerminal()
                ? new ProgressBar(err, stdin || !Files.isRegularFile(Path.of(input)) ? -1 : size(input)) : null;
        ImpactSummary summary;
        try (SpineAdvisor oldAdvisor = SpineAdvisor.builder().release(old).build();
             SpineAdvisor newAdvisor = SpineAdvisor.builder().release(candidate).build();
             InputStream in = stdin ? System.in : Files.newInputStream(Path.of(input));
             OutputStream diffs = new BufferedOutputStream(out == null ? StandardStreams.stdout()
                     : OutputFiles.openPrivate(out), 1 << 16)) {
            summary = new ImpactRunner(new ImpactRunner.Side(old, oldAdvisor),
                    new ImpactRunner.Side(candidate, newAdvisor), workers)
                    .run(in, diffs, new StderrLines(err, bar), bar != null ? bar : BatchAssessor.Progress.NONE);
            if (markdown != null) {
                write(markdown, MarkdownReport.of(summary, old.jarSha256(), candidate.jarSha256()));
            }
            if (html != null) {
                write(html, HtmlReport.of(summary, old.jarSha256(), candidate.jarSha256()));
            }
        } catch (IOException | RuntimeException e) {
            if (bar != null) {
                bar.finish();
            }
            err.println("spine: impact stopped: " + TerminalText.safe(Errors.oneLine(e)));
            return SpineCli.FAILED;
        }
        if (bar != null) {
            bar.finish();
        }
        err.println("spine: " + summary.line());
        err.flush();
        return summary.exitCode();
    }

    private static void write(Path file, String text) throws IOException {
        try (OutputStream o = OutputFiles.openPrivate(file)) {
            o.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static long size(String file) {
        try {
            return Files.size(Path.of(file));
        } catch (IOException e) {
            return -1;
        }
    }

    /** Error lines on standard error, each starting on a clean line when a progress bar is drawn. */
    private record StderrLines(PrintWriter err, ProgressBar bar) implements Appendable {
        @Override
        public Appendable append(CharSequence text) {
            if (bar != null) {
                bar.finish();
            }
            err.append(text);
            return this;
        }

        @Override
        public Appendable append(CharSequence text, int start, int end) {
            return append(text.subSequence(start, end));
        }

        @Override
        public Appendable append(char c) {
            return append(String.valueOf(c));
        }
    }
}
