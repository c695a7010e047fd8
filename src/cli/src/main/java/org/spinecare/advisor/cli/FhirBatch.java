package org.spinecare.advisor.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.Supplier;
import org.spinecare.advisor.KnowledgeBaseException;
import org.spinecare.advisor.SpineAdvisor;
import org.spinecare.advisor.batch.FhirBulkAssessor;

/** {@code ./spine assess --ndjson IN}: opens the streams for {@link FhirBulkAssessor} and reports on standard error. */
final class FhirBatch {
    private FhirBatch() {
    }

    /** The evaluation date given, today when none was, or null when the text is not a date. */
    static LocalDate evaluationDate(String text) {
        if (text == null) {
            return LocalDate.now();
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static int run(String input, LocalDate evaluationDate, Supplier<SpineAdvisor> advisors, PrintWriter err) {
        boolean stdin = "-".equals(input);
        if (stdin && StandardStreams.stdinClosed()) {
            err.println("spine: cannot read standard input: it is closed");
            return SpineCli.INVALID_INPUT;
        }
        InputStream opened;
        try {
            opened = stdin ? System.in : Files.newInputStream(Path.of(input));
        } catch (IOException e) {
            err.println("spine: cannot read " + Inputs.describe(input) + ": " + Errors.oneLine(e));
            return SpineCli.INVALID_INPUT;
        }
        try (InputStream in = opened) {
            SpineAdvisor advisor = advisors != null ? advisors.get() : SpineAdvisor.create();
            OutputStream out = new BufferedOutputStream(StandardStreams.stdout(), 1 << 16);
            FhirBulkAssessor.Summary summary = new FhirBulkAssessor(advisor, evaluationDate).run(in, out, err);
            err.println("spine: " + summary.line());
            err.flush();
            return summary.exitCode();
        } catch (KnowledgeBaseException e) {
            err.println(SpineCli.knowledgeBaseFailure(e));
            return SpineCli.FAILED;
        } catch (IOException e) {
            err.println("spine: batch stopped: " + Errors.oneLine(e));
            return SpineCli.FAILED;
        }
    }
}
