package org.spinecare.advisor.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spinecare.advisor.Assessment;
import org.spinecare.advisor.InputMapping;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.advisor.SpineJson;
import org.spinecare.advisor.fhir.FhirFacts;
import org.spinecare.advisor.fhir.FhirInputException;
import org.spinecare.advisor.fhir.MappedFacts;

/**
 * The FHIR branch of {@code assess}: the only place (with {@link FhirBatch} and {@link FhirCommand}) that reaches the
 * FHIR module, so that the JSON path never loads HAPI. Nothing here appears in {@link AssessCommand}'s signatures.
 */
final class FhirInputs {
    /** The mapping report is records of strings and enums: plain Jackson writes it. */
    private static final com.fasterxml.jackson.databind.ObjectMapper REPORTS =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private FhirInputs() {
    }

    /**
     * A FHIR document mapped to facts, the report kept as an opaque value to be written beside the answer and, as
     * codes and counts, for the audit record; facts null when the input could not be read or mapped (the one-line
     * error is then on standard error).
     */
    record Read(PatientFacts facts, Object report, InputMapping inputMapping) {
    }

    static Read read(String file, LocalDate evaluationDate, PrintWriter err) {
        try {
            byte[] bytes = readBounded(file);
            MappedFacts mapped = FhirFacts.fromJson(new String(bytes, StandardCharsets.UTF_8), evaluationDate);
            return new Read(mapped.facts(), mapped.report(), mapped.report().toInputMapping());
        } catch (FhirInputException e) {
            err.println("spine: invalid input: " + Errors.oneLine(e));
        } catch (IOException e) {
            err.println("spine: cannot read " + Inputs.describe(file) + ": " + Errors.oneLine(e));
        }
        return new Read(null, null, null);
    }

    /** The answer with the mapping report beside it: {"assessment": {...}, "mapping": {...}}. */
    static String write(Assessment assessment, Object report, boolean compact) {
        if (compact) {
            return "{\"assessment\":" + SpineJson.writeAssessment(assessment) + ",\"mapping\":" + compact(report) + "}";
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("assessment", assessment);
        answer.put("mapping", report);
        return SpineJson.writePretty(answer);
    }

    static String compact(Object report) {
        try {
            return REPORTS.writeValueAsString(report);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] readBounded(String file) throws IOException {
        if ("-".equals(file) && StandardStreams.stdinClosed()) {
            throw new Inputs.ClosedStdin();
        }
        try (InputStream in = "-".equals(file) ? System.in : Files.newInputStream(Path.of(file))) {
            byte[] bytes = in.readNBytes(FhirFacts.MAX_DOCUMENT_BYTES + 1);
            if (bytes.length > FhirFacts.MAX_DOCUMENT_BYTES) {
                throw new FhirInputException("document", "$", "is larger than " + FhirFacts.MAX_DOCUMENT_BYTES
                        + " bytes, the most accepted");
            }
            return bytes;
        }
    }
}
