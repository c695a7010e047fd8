package org.spinecare.advisor.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
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
        Path file = stdin ? null : Path.of(input);
        // A pipe, FIFO or device cannot be read twice: copied first, as standard input is.
        boolean spooled = stdin || !Files.isRegularFile(file);
        try {
            if (spooled) {
                try (InputStream in = stdin ? System.in : Files.newInputStream(file)) {
                    file = spool(in);
                }
            } else if (!Files.isReadable(file)) {
                throw new AccessDeniedException(input);
            }
        } catch (IOException e) {
            err.println("spine: cannot read " + Inputs.describe(input) + ": " + Errors.oneLine(e));
            return SpineCli.INVALID_INPUT;
        }
        try {
            SpineAdvisor advisor = advisors != null ? advisors.get() : SpineAdvisor.create();
            OutputStream out = new BufferedOutputStream(StandardStreams.stdout(), 1 << 16);
            FhirBulkAssessor.Summary summary = new FhirBulkAssessor(advisor, evaluationDate).run(file, out, err);
            err.println("spine: " + summary.line());
            err.flush();
            return summary.exitCode();
        } catch (KnowledgeBaseException e) {
            err.println(SpineCli.knowledgeBaseFailure(e));
            return SpineCli.FAILED;
        } catch (IOException e) {
            err.println("spine: batch stopped: " + Errors.oneLine(e));
            return SpineCli.FAILED;
        } finally {
            deleteSpool(spooled, file);
        }
    }

    /**
     * Standard input copied to an owner-only temporary file: the reader reads its input twice (each patient's lines
     * are found before any patient is answered, so a patient whose lines are split is never answered at all).
     */
    private static Path spool(InputStream in) throws IOException {
        Path file;
        try {
            file = Files.createTempFile("spine-ndjson-", ".ndjson",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            file = Files.createTempFile("spine-ndjson-", ".ndjson");
        }
        try {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return file;
    }

    private static void deleteSpool(boolean spooled, Path file) {
        if (spooled) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A temporary file left behind is the system's to clean; the answer already stands.
            }
        }
    }
}
