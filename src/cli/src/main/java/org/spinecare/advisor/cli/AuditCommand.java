package org.spinecare.advisor.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.spinecare.advisor.InputMapping;
import org.spinecare.advisor.InvalidFactsException;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.advisor.SpineJson;
import org.spinecare.advisor.audit.AuditException;
import org.spinecare.advisor.audit.AuditKey;
import org.spinecare.advisor.audit.AuditRecord;
import org.spinecare.advisor.audit.CanonicalInput;
import org.spinecare.advisor.audit.AuditVerifier;
import org.spinecare.advisor.audit.TrailVerifier;
import org.spinecare.advisor.audit.AuditVerifier.Verification;
import org.spinecare.advisor.audit.FeedbackRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "audit", description = "Check or read an audit file written by assess --audit.",
        subcommands = {AuditCommand.Verify.class, AuditVerifyTableCommand.class, AuditInitDbCommand.class,
                AuditCommand.Show.class,
                AuditCommand.InputHash.class})
final class AuditCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return SpineCli.INVALID_INPUT;
    }

    @Command(name = "verify", description = "Check every record and the hash chain, and hold the file to its signed "
            + "head: prints OK, N records (exit 0) or the first bad or missing record's number and why (exit 1).")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AuditTrailOptions trail;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String message;
            boolean ok;
            long macsUnchecked;
            try {
                List<AuditKey> keys = trail.keys();
                if (trail.rotated()) {
                    // A rotated trail: every segment against the head beside it, the chain running on across them.
                    TrailVerifier.Result result = TrailVerifier.verify(trail.file, trail.trailPublicKey(), keys,
                            trail.fromSegment, trail.trailHead());
                    message = result.message();
                    ok = result.ok();
                    macsUnchecked = result.macsUnchecked();
                } else {
                    Verification verification = trail.verifyFile(keys);
                    message = verification.message();
                    ok = verification.ok();
                    macsUnchecked = verification.macsUnchecked();
                }
            } catch (AuditException | IllegalArgumentException | IOException e) {
                err.println("spine: " + Errors.oneLine(e));
                return SpineCli.FAILED;
            }
            out.println(TerminalText.safe(message));
            out.flush();
            if (ok) {
                AuditTrailOptions.noteUncheckedMacs(err, macsUnchecked);
            }
            return ok ? SpineCli.OK : SpineCli.FAILED;
        }
    }

    @Command(name = "show", description = "Print the records (assessments and feedback) readably in trail order, "
            + "after checking them as verify does (exit 1 at the first bad record, naming it).")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AuditTrailOptions trail;

        @Option(names = "--request", paramLabel = "ID", description = "Only the record of this request id and the "
                + "feedback on it.")
        UUID request;

        private int shown;
        private Path segmentShown;
        private long macsUnchecked;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String problem;
            try {
                List<AuditKey> keys = trail.keys();
                problem = trail.rotated() ? showTrail(out, keys) : showFile(out, keys);
            } catch (AuditException | IllegalArgumentException | IOException e) {
                err.println("spine: " + Errors.oneLine(e));
                return SpineCli.FAILED;
            }
            out.flush();
            if (problem != null) {
                err.println("spine: " + TerminalText.safe(problem));
                return SpineCli.FAILED;
            }
            if (request != null && shown == 0) {
                err.println("spine: no record of request " + request + " in " + TerminalText.safe(trail.file));
                return SpineCli.FAILED;
            }
            AuditTrailOptions.noteUncheckedMacs(err, macsUnchecked);
            return SpineCli.OK;
        }

        /** One file: checked as verify checks it, then its records up to the first bad one. */
        private String showFile(PrintWriter out, List<AuditKey> keys) {
            Verification checked = trail.verifyFile(keys);
            // Only what the check covered: records appended since, or past the first bad one, are not shown.
            long last = checked.ok() ? checked.records() : checked.badRecord() - 1;
            AuditVerifier.verify(trail.file, record -> {
                if (record.seq() <= last) {
                    show(out, null, record);
                }
            }, feedback -> {
                if (feedback.seq() <= last) {
                    show(out, null, feedback);
                }
            });
            macsUnchecked = checked.macsUnchecked();
            return checked.ok() ? null : trail.file + ": " + checked.message();
        }

        /** A rotated trail: every segment in order, each record under a line naming its segment file. */
        private String showTrail(PrintWriter out, List<AuditKey> keys) {
            TrailVerifier.Result result = TrailVerifier.verify(trail.file, trail.trailPublicKey(), keys,
                    trail.fromSegment, trail.trailHead(), (segment, record) -> show(out, segment, record),
                    (segment, feedback) -> show(out, segment, feedback));
            macsUnchecked = result.macsUnchecked();
            return result.ok() ? null : result.message();
        }

        private void show(PrintWriter out, Path segment, Object record) {
            UUID about = record instanceof FeedbackRecord f ? f.assessmentRequestId()
                    : ((AuditRecord) record).requestId();
            if (request != null && !request.equals(about)) {
                return;
            }
            if (segment != null && !segment.equals(segmentShown)) {
                out.println("== " + TerminalText.safe(segment.getFileName()));
                out.println();
                segmentShown = segment;
            }
            if (record instanceof FeedbackRecord f) {
                print(out, f);
            } else {
                print(out, (AuditRecord) record);
                shown++;
            }
        }
    }

    @Command(name = "input-hash", description = "Print the SHA-256 of a patient facts file's canonical form: the "
            + "inputSha256 its audit record holds. --canonical prints the canonical form instead.")
    static final class InputHash implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "Patient facts as JSON.")
        Path file;

        @Option(names = "--canonical", description = "Print the canonical JSON that is hashed.")
        boolean canonical;

        @Override
        public Integer call() {
            PatientFacts facts;
            try {
                facts = SpineJson.readFacts(Inputs.readDocument(file));
            } catch (InvalidFactsException e) {
                spec.commandLine().getErr().println("spine: invalid input: " + Errors.oneLine(e));
                return SpineCli.INVALID_INPUT;
            } catch (IOException e) {
                spec.commandLine().getErr().println("spine: cannot read " + TerminalText.safe(file) + ": "
                        + Errors.oneLine(e));
                return SpineCli.INVALID_INPUT;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(canonical ? CanonicalInput.json(facts) : CanonicalInput.sha256(facts));
            out.flush();
            return SpineCli.OK;
        }
    }

    static void print(PrintWriter out, AuditRecord r) {
        AuditRecord.Outcome o = r.outcome();
        out.println("record " + r.seq() + "  " + r.time() + "  request " + r.requestId());
        row(out, "knowledge base", r.knowledgeBase().releaseId() + "  rules sha256 "
                + r.knowledgeBase().rulesSha256());
        row(out, "library", r.libraryVersion());
        row(out, "patient", r.patientPseudonym() == null ? "(no reference given)"
                : "pseudonym " + r.patientPseudonym() + "  key id " + r.keyId());
        row(out, "input sha256", r.inputSha256());
        if (r.inputMapping() != null) {
            InputMapping m = r.inputMapping();
            row(out, "input mapping", m.format() + "  unknown codes " + m.unknownCodes() + "  unusable "
                    + list(m.unusable()) + "  conflicts " + list(m.conflicts())
                    + (m.gaps().isEmpty() ? "" : "  gaps " + list(m.gaps())));
        }
        row(out, "triage", o.triage());
        row(out, "red flags", list(o.redFlags()));
        row(out, "unscreened", list(o.unscreenedRedFlags()));
        row(out, "stenosis", o.stenosisStatus() + (o.stenosisIndicators().isEmpty() ? ""
                : "  indicators " + list(o.stenosisIndicators())));
        row(out, "recommended", list(o.recommended()));
        row(out, "contraindicated", list(o.contraindicated()));
        row(out, "fired rules", String.valueOf(r.firedRules().size()));
        int n = 0;
        for (AuditRecord.RuleFiring rule : r.firedRules()) {
            // Verified records still hold text from a file: printed escaped, like every file-borne string.
            out.println(String.format("  %3d. %s  %s", ++n, TerminalText.safe(rule.id()), TerminalText.safe(rule.name())));
            if (!rule.matched().isEmpty()) {
                out.println("        matched " + TerminalText.safe(list(rule.matched())));
            }
        }
        row(out, "prev hash", r.prevHash());
        row(out, "hash", r.hash());
        out.println();
    }

    static void print(PrintWriter out, FeedbackRecord r) {
        out.println(TerminalText.safe("record " + r.seq() + "  " + r.time() + "  feedback on request "
                + r.assessmentRequestId()));
        row(out, "assessment hash", r.assessmentHash());
        row(out, "card", r.card().toString());
        row(out, "outcome", r.outcome() + "  at " + r.outcomeTime());
        row(out, "override reasons", r.overrideReasons().isEmpty() ? "-" : String.join(", ",
                r.overrideReasons().stream().map(reason -> reason.system() + "#" + reason.code()).toList()));
        row(out, "prev hash", r.prevHash());
        row(out, "hash", r.hash());
        out.println();
    }

    private static void row(PrintWriter out, String label, String value) {
        out.println(String.format("  %-16s %s", label, TerminalText.safe(value)));
    }

    private static String list(List<String> values) {
        return values.isEmpty() ? "-" : String.join(", ", values);
    }
}
