package org.spinecare.advisor.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.spinecare.advisor.InputMapping;
import org.spinecare.advisor.InvalidFactsException;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.advisor.SpineJson;
import org.spinecare.advisor.audit.AuditException;
import org.spinecare.advisor.audit.AuditHead;
import org.spinecare.advisor.audit.AuditKey;
import org.spinecare.advisor.audit.AuditRecord;
import org.spinecare.advisor.audit.AuditSigningKey;
import org.spinecare.advisor.audit.CanonicalInput;
import org.spinecare.advisor.audit.AuditVerifier;
import org.spinecare.advisor.audit.TrailVerifier;
import org.spinecare.advisor.audit.AuditVerifier.Verification;
import org.spinecare.advisor.audit.FeedbackRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "audit", description = "Check or read an audit file written by assess --audit.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Show.class, AuditCommand.InputHash.class})
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

        @Parameters(paramLabel = "FILE", description = "The audit file, or the folder of a rotated trail; a file "
                + "with numbered segments beside it is checked with them, as one sequence.")
        Path file;

        @Option(names = "--from-segment", paramLabel = "N", description = "A rotated trail whose segments before N "
                + "were archived: check from segment N on (the output says where the sequence starts).")
        Long fromSegment;

        @Option(names = "--head", paramLabel = "HEADFILE", description = "The signed head to hold the file to, e.g. "
                + "a copy kept elsewhere. Default: FILE.head.")
        Path head;

        @Option(names = "--public-key", paramLabel = "PEMFILE", description = "The public key the head must be "
                + "signed with; use a copy kept apart from the file. Default: FILE.pub.")
        Path publicKey;

        @Option(names = "--audit-key-file", paramLabel = "KEYFILE", description = "An audit key (hex) to check the "
                + "records' MACs with; repeat it for every key the file was written with. Default: $SPINE_AUDIT_KEY, "
                + "else FILE.key if it exists; without a key the MACs are not checked (and the output says so).")
        List<Path> keyFiles;

        @Option(names = "--no-head", description = "Check the chain alone (a file written without heads); a cut "
                + "tail or a rewritten file then goes unseen.")
        boolean noHead;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Verification verification;
            try {
                if (fromSegment != null || TrailVerifier.isRotated(file)) {
                    return rotated(out, err);
                }
                List<AuditKey> keys = AuditKeys.forVerifying(file, keyFiles, System.getenv());
                verification = noHead ? AuditVerifier.verify(file, null, null, keys) : againstHead(keys);
            } catch (AuditException | IllegalArgumentException | IOException e) {
                err.println("spine: " + Errors.oneLine(e));
                return SpineCli.FAILED;
            }
            out.println(TerminalText.safe(verification.message()));
            out.flush();
            if (verification.ok() && verification.macsUnchecked() > 0) {
                err.println("spine: note: the MACs of " + verification.macsUnchecked() + " records were not checked: "
                        + "no audit key was given (--audit-key-file, $" + AuditKeys.ENV + ", or FILE.key)");
            }
            return verification.ok() ? SpineCli.OK : SpineCli.FAILED;
        }

        /** A rotated trail: every segment against the head beside it, the chain running on across them. */
        private int rotated(PrintWriter out, PrintWriter err) throws IOException {
            if (head != null) {
                throw new IllegalArgumentException("--head holds one file; the segments of a rotated trail are "
                        + "held to the heads beside them");
            }
            if (fromSegment != null && fromSegment < 0) {
                throw new IllegalArgumentException("--from-segment must be 0 or more, not " + fromSegment);
            }
            Path base = TrailVerifier.baseOf(file);
            List<AuditKey> keys = AuditKeys.forVerifying(base, keyFiles, System.getenv());
            PublicKey key = null;
            if (!noHead) {
                Path keyFile = publicKey != null ? publicKey : AuditSigningKeys.publicKeyBeside(base);
                String keyText = readText(keyFile, "public key", "give it with --public-key");
                try {
                    key = AuditSigningKey.publicKeyFromPem(keyText);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(keyFile + ": " + e.getMessage());
                }
            }
            TrailVerifier.Result result = TrailVerifier.verify(file, key, keys, fromSegment);
            out.println(TerminalText.safe(result.message()));
            out.flush();
            if (result.ok() && result.macsUnchecked() > 0) {
                err.println("spine: note: the MACs of " + result.macsUnchecked() + " records were not checked: "
                        + "no audit key was given (--audit-key-file, $" + AuditKeys.ENV + ", or FILE.key)");
            }
            return result.ok() ? SpineCli.OK : SpineCli.FAILED;
        }

        private Verification againstHead(List<AuditKey> keys) {
            Path headFile = head != null ? head : file.resolveSibling(file.getFileName() + ".head");
            Path keyFile = publicKey != null ? publicKey : AuditSigningKeys.publicKeyBeside(file);
            String headText = readText(headFile, "signed head", "--no-head checks the chain alone");
            String keyText = readText(keyFile, "public key", "give it with --public-key");
            AuditHead parsed;
            try {
                parsed = AuditHead.parse(headText);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(headFile + " is not a signed head: " + e.getMessage());
            }
            PublicKey key;
            try {
                key = AuditSigningKey.publicKeyFromPem(keyText);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(keyFile + ": " + e.getMessage());
            }
            return AuditVerifier.verify(file, parsed, key, keys);
        }

        private static String readText(Path path, String what, String hint) {
            try {
                return Files.readString(path, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("no " + what + " " + path + " (" + hint + ")");
            } catch (IOException | UncheckedIOException e) {
                throw new IllegalArgumentException("cannot read the " + what + " " + path + ": " + Errors.oneLine(e));
            }
        }
    }

    @Command(name = "show", description = "Print the records (assessments and feedback) readably, after checking "
            + "them (exit 1 at the first bad record).")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The audit file.")
        Path file;

        @Option(names = "--request", paramLabel = "ID", description = "Only the record of this request id and the "
                + "feedback on it.")
        UUID request;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Verification verification;
            try {
                verification = show(out);
            } catch (AuditException e) {
                err.println("spine: " + Errors.oneLine(e));
                return SpineCli.FAILED;
            }
            out.flush();
            if (!verification.ok()) {
                err.println("spine: " + TerminalText.safe(file) + ": " + TerminalText.safe(verification.message()));
                return SpineCli.FAILED;
            }
            if (request != null && shown == 0) {
                err.println("spine: no record of request " + request + " in " + TerminalText.safe(file));
                return SpineCli.FAILED;
            }
            return SpineCli.OK;
        }

        private int shown;

        private Verification show(PrintWriter out) {
            return AuditVerifier.verify(file, record -> {
                if (request == null || request.equals(record.requestId())) {
                    print(out, record);
                    shown++;
                }
            }, feedback -> {
                if (request == null || request.equals(feedback.assessmentRequestId())) {
                    print(out, feedback);
                }
            });
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
                    + list(m.unusable()) + "  conflicts " + list(m.conflicts()));
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
