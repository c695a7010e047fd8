package org.spinecare.advisor.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.spinecare.advisor.Assessment;
import org.spinecare.advisor.AssessmentException;
import org.spinecare.advisor.InvalidFactsException;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.advisor.SpineAdvisor;
import org.spinecare.advisor.SpineJson;
import org.spinecare.advisor.audit.AuditException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "assess", description = "Assess one patient's facts (a JSON file, or - for standard input), "
        + "or with --jsonl a whole list, one patient per line.")
final class AssessCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..1",
            description = "Patient facts as JSON, or - to read standard input.")
    String file;

    @Option(names = "--compact", description = "Print the assessment on one line.")
    boolean compact;

    @Option(names = "--audit", paramLabel = "FILE", description = "Append a hash-chained audit record of the "
            + "assessment to FILE (JSON Lines; see docs/audit.md).")
    Path audit;

    @Option(names = "--audit-key-file", paramLabel = "KEYFILE", description = "The HMAC key (hex) for pseudonymous "
            + "patient references. Default: $SPINE_AUDIT_KEY, else FILE.key beside the audit file, created on first "
            + "use.")
    Path auditKeyFile;

    @Option(names = "--jsonl", paramLabel = "IN",
            description = "Batch: patients as JSON Lines (or - for standard input), one compact assessment per line "
                    + "out in the same order; errors as 'line N: ...'. Exit 0 all assessed, 2 a line invalid, "
                    + "1 an assessment failed.")
    String jsonl;

    @Option(names = "--out", paramLabel = "OUT", description = "Batch: write the assessments to OUT, not stdout.")
    String batchOut;

    @Option(names = "--errors", paramLabel = "FILE", description = "Batch: write line errors to FILE, not stderr.")
    String batchErrors;

    @Option(names = "--threads", paramLabel = "N", description = "Batch: worker threads (default: all cores).")
    Integer batchThreads;

    /** Makes the advisor instead of {@link SpineAdvisor#create()}; set only by fault-injection tests. */
    java.util.function.Supplier<SpineAdvisor> advisors;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if ((jsonl == null) == (file == null)) {
            err.println("spine: give either FILE or --jsonl IN");
            return SpineCli.INVALID_INPUT;
        }
        if (jsonl == null && (batchOut != null || batchErrors != null || batchThreads != null)) {
            err.println("spine: --out, --errors and --threads go with --jsonl");
            return SpineCli.INVALID_INPUT;
        }
        PatientFacts facts = null;
        if (jsonl == null) {
            try {
                facts = SpineJson.readFacts(read(file));
            } catch (InvalidFactsException e) {
                err.println("spine: invalid input: " + Errors.oneLine(e));
                return SpineCli.INVALID_INPUT;
            } catch (IOException e) {
                err.println("spine: cannot read " + file + ": " + Errors.oneLine(e));
                return SpineCli.INVALID_INPUT;
            }
        }
        AuditedTrail trail = null;
        if (audit != null) {
            try {
                trail = AuditedTrail.open(audit, auditKeyFile, err);
            } catch (IllegalArgumentException e) {
                err.println("spine: audit key: " + Errors.oneLine(e));
                return SpineCli.INVALID_INPUT;
            } catch (AuditException | IOException e) {
                err.println("spine: no assessment: " + Errors.oneLine(e));
                return SpineCli.FAILED;
            }
        }
        try (AuditedTrail closing = trail) {
            SpineAdvisor advisor = advisors != null ? advisors.get()
                    : trail == null ? SpineAdvisor.create() : SpineAdvisor.builder().auditTrail(trail).build();
            if (jsonl != null) {
                // Every assessed line is audited; a line whose record cannot be written fails like any assessment.
                return BatchRun.run(advisor, jsonl, batchOut, batchErrors, batchThreads, err);
            }
            Assessment assessment = advisor.assess(facts);
            out.println(compact ? SpineJson.writeAssessment(assessment) : SpineJson.writePretty(assessment));
            out.flush();
            if (trail != null) {
                trail.reportRecorded(err, audit);
            }
            return SpineCli.OK;
        } catch (AssessmentException e) {
            err.println("spine: no assessment: " + Errors.oneLine(e));
            return SpineCli.FAILED;
        }
    }

    private static byte[] read(String file) throws IOException {
        if ("-".equals(file)) {
            InputStream in = System.in;
            return in.readNBytes(SpineJson.MAX_DOCUMENT_BYTES + 1);
        }
        Path path = Path.of(file);
        if (Files.size(path) > SpineJson.MAX_DOCUMENT_BYTES) {
            // Read no more than the limit: the parser rejects it as too large without loading the whole file.
            try (InputStream in = Files.newInputStream(path)) {
                return in.readNBytes(SpineJson.MAX_DOCUMENT_BYTES + 1);
            }
        }
        return Files.readAllBytes(path);
    }
}
