package org.spinecare.advisor.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.spinecare.advisor.Assessment;
import org.spinecare.advisor.AssessmentException;
import org.spinecare.advisor.AuditEntry;
import org.spinecare.advisor.InputMapping;
import org.spinecare.advisor.InvalidFactsException;
import org.spinecare.advisor.KnowledgeBaseException;
import org.spinecare.advisor.KnowledgeRelease;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.advisor.SpineAdvisor;
import org.spinecare.advisor.SpineJson;
import org.spinecare.advisor.audit.AuditException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "assess", description = "Assess one patient's facts (a JSON file, or - for standard input), "
        + "or with --jsonl a whole list, one patient per line; with --fhir a FHIR R4 document, with --ndjson FHIR "
        + "Bulk Data (docs/fhir.md).")
final class AssessCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..1",
            description = "Patient facts as JSON, or - to read standard input.")
    String file;

    @Option(names = "--compact", description = "Print the assessment on one line.")
    boolean compact;

    @Option(names = "--handout", paramLabel = "OUT.html", description = "Also write the patient handout (printable "
            + "HTML; print to PDF from a browser) to OUT.html, created owner-only; the answer is still on stdout.")
    Path handout;

    @Option(names = "--handout-name", paramLabel = "NAME", description = "A display name to print on the handout; "
            + "without it the handout names no one.")
    String handoutName;

    @Option(names = "--audit", paramLabel = "FILE", description = "Append a hash-chained audit record of the "
            + "assessment to FILE (JSON Lines; see docs/audit.md), once the answer has been written.")
    Path audit;

    @Option(names = "--audit-key-file", paramLabel = "KEYFILE", description = "The HMAC key (hex) for pseudonymous "
            + "patient references. Default: $SPINE_AUDIT_KEY, else FILE.key beside the audit file, created on first "
            + "use.")
    Path auditKeyFile;

    @Option(names = "--audit-signing-key-file", paramLabel = "PEMFILE", description = "The Ed25519 key (PEM) that "
            + "signs the audit file's heads. Default: FILE.signing-key beside the audit file, created on first use "
            + "with its public key FILE.pub.")
    Path auditSigningKeyFile;

    @Option(names = "--audit-rotate-bytes", paramLabel = "N", description = "Start a new audit segment "
            + "(FILE-000001.jsonl, ...) before a record once the live one holds N bytes or more; see docs/audit.md.")
    Long auditRotateBytes;

    @Mixin
    AuditHeadCopyOption auditHeadCopy;

    @Option(names = "--audit-rotate-daily", description = "Start a new audit segment with the first record of each "
            + "UTC day.")
    boolean auditRotateDaily;

    @Option(names = "--jsonl", paramLabel = "IN",
            description = "Batch: patients as JSON Lines (or - for standard input), one line out per assessed "
                    + "patient, {\"line\":N,\"inputSha256\":...,\"assessment\":{...}}, in input order; errors as "
                    + "'line N: ...'. Exit 0 all assessed, 2 a line invalid, 1 an assessment failed.")
    String jsonl;

    @Option(names = "--out", paramLabel = "OUT", description = "Batch: write the assessments to OUT (created "
            + "owner-only), not stdout.")
    String batchOut;

    @Option(names = "--errors", paramLabel = "FILE", description = "Batch: write line errors to FILE (created "
            + "owner-only), not stderr.")
    String batchErrors;

    @Option(names = "--threads", paramLabel = "N", description = "Batch: worker threads, 1 to 4 per core "
            + "(default: all cores).")
    Integer batchThreads;

    @Option(names = "--fhir", description = "FILE is FHIR R4 JSON: a Bundle of one patient's Patient, Observation, "
            + "Condition and QuestionnaireResponse resources, or one of them. Prints {\"assessment\":...,"
            + "\"mapping\":...}, the mapping report listing what could not be used (docs/fhir.md).")
    boolean fhir;

    @Option(names = "--ndjson", paramLabel = "IN", description = "Batch over FHIR Bulk Data NDJSON (or - for "
            + "standard input): one resource per line, each patient's lines together; one line out per patient. "
            + "Exit 0 all assessed, 2 a patient's input invalid, 1 an assessment failed.")
    String ndjson;

    @Option(names = "--evaluation-date", paramLabel = "DATE", description = "With --fhir or --ndjson: the date "
            + "(YYYY-MM-DD) at which the age is computed from Patient.birthDate. Default: today.")
    String evaluationDate;

    @Option(names = "--release", paramLabel = "KJAR", description = "Assess with this knowledge base release (a kjar "
            + "file built by this project) instead of the shipped one, e.g. to reproduce an answer an audit record "
            + "names (docs/releases.md).")
    java.nio.file.Path release;

    /** Makes the advisor instead of {@link SpineAdvisor#create()}; set only by fault-injection tests. */
    java.util.function.Supplier<SpineAdvisor> advisors;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (ndjson != null || fhir || evaluationDate != null) {
            String misuse = fhirMisuse();
            if (misuse != null) {
                err.println("spine: " + misuse);
                return SpineCli.INVALID_INPUT;
            }
            if (ndjson != null) {
                return FhirBatch.run(ndjson, FhirBatch.evaluationDate(evaluationDate), advisors, err);
            }
        }
        if ((jsonl == null) == (file == null)) {
            err.println("spine: give either FILE or --jsonl IN");
            return SpineCli.INVALID_INPUT;
        }
        if ((handout == null && handoutName != null) || (handout != null && jsonl != null)) {
            err.println("spine: --handout OUT.html goes with one FILE; --handout-name with --handout");
            return SpineCli.INVALID_INPUT;
        }
        if (jsonl == null && (batchOut != null || batchErrors != null || batchThreads != null)) {
            err.println("spine: --out, --errors and --threads go with --jsonl");
            return SpineCli.INVALID_INPUT;
        }
        int maxThreads = BatchRun.maxThreads();
        if (batchThreads != null && (batchThreads < 1 || batchThreads > maxThreads)) {
            // Each thread keeps two chunks of lines in flight: an unbounded count would hold the whole input.
            err.println("spine: --threads must be 1 to " + maxThreads + " (4 per core)");
            return SpineCli.INVALID_INPUT;
        }
        // Before anything is opened for writing: an overlap would destroy the input or the audit trail.
        String overlap;
        try {
            overlap = files().firstOverlap();
        } catch (IOException e) {
            err.println("spine: cannot check the files: " + Errors.oneLine(e));
            return SpineCli.INVALID_INPUT;
        }
        if (overlap != null) {
            err.println("spine: " + overlap + "; nothing was read or written");
            return SpineCli.INVALID_INPUT;
        }
        PatientFacts facts = null;
        Object mapping = null;
        InputMapping inputMapping = null;
        if (fhir) {
            // No FHIR type, not even an exception, is named here: the JSON path must not load the FHIR classes.
            FhirInputs.Read read = FhirInputs.read(file, FhirBatch.evaluationDate(evaluationDate), err);
            if (read.facts() == null) {
                return SpineCli.INVALID_INPUT;
            }
            facts = read.facts();
            mapping = read.report();
            inputMapping = read.inputMapping();
        } else if (jsonl == null) {
            try {
                facts = SpineJson.readFacts(Inputs.readDocument(file));
            } catch (InvalidFactsException e) {
                err.println("spine: invalid input: " + Errors.oneLine(e));
                return SpineCli.INVALID_INPUT;
            } catch (IOException e) {
                err.println("spine: cannot read " + Inputs.describe(file) + ": " + Errors.oneLine(e));
                return SpineCli.INVALID_INPUT;
            }
        }
        AuditedTrail trail = null;
        if (audit == null && (auditRotateBytes != null || auditRotateDaily || auditHeadCopy.file != null)) {
            err.println("spine: --audit-rotate-bytes, --audit-rotate-daily and --audit-head-copy need --audit FILE");
            return SpineCli.INVALID_INPUT;
        }
        if (auditRotateBytes != null && auditRotateBytes < 1) {
            err.println("spine: --audit-rotate-bytes must be at least 1, not " + auditRotateBytes);
            return SpineCli.INVALID_INPUT;
        }
        if (audit != null) {
            try {
                trail = AuditedTrail.open(audit, auditKeyFile, auditSigningKeyFile,
                        auditRotateBytes == null ? 0 : auditRotateBytes, auditRotateDaily, auditHeadCopy.file, err);
            } catch (IllegalArgumentException e) {
                err.println("spine: audit key: " + Errors.oneLine(e));
                return SpineCli.INVALID_INPUT;
            } catch (AuditException | IOException e) {
                err.println("spine: no assessment: " + Errors.oneLine(e));
                return SpineCli.FAILED;
            }
        }
        try (AuditedTrail closing = trail) {
            SpineAdvisor advisor = advisors != null ? advisors.get() : advisor(trail);
            if (jsonl != null) {
                // Every answer written is audited after it was flushed; a record that cannot be written stops the run.
                return BatchRun.run(advisor, trail, jsonl, batchOut, batchErrors, batchThreads, err);
            }
            Assessment assessment;
            try {
                assessment = advisor.assess(facts);
            } catch (InvalidFactsException e) {
                // Only an older --release refuses valid facts: those it does not model.
                err.println("spine: invalid input: " + Errors.oneLine(e));
                return SpineCli.INVALID_INPUT;
            }
            AuditEntry entry = trail == null ? null : trail.takePending();
            if (entry != null && inputMapping != null) {
                // The record keeps what the mapping could not use, as codes, beside what the facts led to.
                entry = entry.withInputMapping(inputMapping);
            }
            int delivered = deliver(assessment, mapping, entry, trail, err);
            return delivered == SpineCli.OK && handout != null
                    ? HandoutFile.write(handout, assessment, handoutName, err) : delivered;
        } catch (AssessmentException e) {
            err.println("spine: no assessment: " + Errors.oneLine(e));
            return SpineCli.FAILED;
        } catch (KnowledgeBaseException e) {
            err.println(SpineCli.knowledgeBaseFailure(e));
            return SpineCli.FAILED;
        }
    }

    private SpineAdvisor advisor(AuditedTrail trail) {
        SpineAdvisor.Builder builder = SpineAdvisor.builder();
        if (release != null) {
            builder.release(KnowledgeRelease.fromJar(release));
        }
        if (trail != null) {
            builder.auditTrail(trail);
        }
        return builder.build();
    }

    /** Writes the answer, and only once it is out, its audit record. */
    private int deliver(Assessment assessment, Object mapping, AuditEntry entry, AuditedTrail trail,
                        PrintWriter err) {
        String json = mapping != null ? FhirInputs.write(assessment, mapping, compact)
                : compact ? SpineJson.writeAssessment(assessment) : SpineJson.writePretty(assessment);
        try {
            OutputStream out = StandardStreams.stdout();
            out.write((json + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            err.println("spine: no assessment delivered: cannot write it: " + Errors.oneLine(e)
                    + (entry == null ? "" : "; no audit record was written"));
            return SpineCli.FAILED;
        }
        if (entry != null) {
            try {
                trail.commit(entry);
            } catch (RuntimeException e) {
                err.println("spine: the assessment was written but its audit record was not, so it must not be "
                        + "used: " + Errors.oneLine(e));
                return SpineCli.FAILED;
            }
            trail.reportRecorded(err, audit);
        }
        return SpineCli.OK;
    }

    /** What is wrong with the FHIR options as given, or null. */
    private String fhirMisuse() {
        if (ndjson != null && (fhir || file != null || jsonl != null)) {
            return "--ndjson IN takes no FILE, --fhir or --jsonl";
        }
        if (ndjson != null && (audit != null || batchOut != null || batchErrors != null || batchThreads != null)) {
            return "--ndjson writes to standard output and standard error; --audit, --out, --errors and --threads "
                    + "go with --jsonl";
        }
        if (fhir && (file == null || jsonl != null)) {
            return "--fhir takes one FILE (or -); for FHIR Bulk Data use --ndjson IN";
        }
        if (evaluationDate != null && !fhir && ndjson == null) {
            return "--evaluation-date goes with --fhir or --ndjson";
        }
        if (evaluationDate != null && FhirBatch.evaluationDate(evaluationDate) == null) {
            return "--evaluation-date must be a date like 2026-11-24";
        }
        return null;
    }

    private DistinctFiles files() {
        DistinctFiles files = new DistinctFiles();
        if (jsonl != null) {
            files.add("--jsonl", jsonl).add("--out", batchOut).add("--errors", batchErrors);
            if (batchOut == null) {
                files.addStream("standard output", "/dev/stdout");
            }
            if (batchErrors == null) {
                files.addStream("standard error", "/dev/stderr");
            }
        } else {
            files.add("FILE", file).addStream("standard output", "/dev/stdout");
        }
        files.add("--audit", audit).add("--handout", handout);
        if (audit != null) {
            String fromEnvironment = System.getenv(AuditKeys.ENV);
            files.add("the audit key file", auditKeyFile != null ? auditKeyFile
                    : fromEnvironment != null && !fromEnvironment.isBlank() ? null : AuditKeys.besideAuditFile(audit));
            files.add("the head signing key file", auditSigningKeyFile != null ? auditSigningKeyFile
                    : AuditSigningKeys.besideAuditFile(audit));
            files.add("--audit-head-copy", auditHeadCopy.file);
        }
        return files;
    }
}
