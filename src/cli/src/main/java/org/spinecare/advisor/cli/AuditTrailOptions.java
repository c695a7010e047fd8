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
import org.spinecare.advisor.audit.AuditHead;
import org.spinecare.advisor.audit.AuditKey;
import org.spinecare.advisor.audit.AuditSigningKey;
import org.spinecare.advisor.audit.AuditVerifier;
import org.spinecare.advisor.audit.AuditVerifier.Verification;
import org.spinecare.advisor.audit.TrailVerifier;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The trail that {@code audit verify} and {@code audit show} read and what they hold it to (heads, public key,
 * audit keys): one set of options, so both commands check a trail the same way.
 */
final class AuditTrailOptions {
    @Parameters(paramLabel = "FILE", description = "The audit file, or the folder of a rotated trail; a file "
            + "with numbered segments beside it is read with them, as one sequence.")
    Path file;

    @Option(names = "--from-segment", paramLabel = "N", description = "A rotated trail whose segments before N "
            + "were archived: check from segment N on (the output says where the sequence starts).")
    Long fromSegment;

    @Option(names = "--head", paramLabel = "HEADFILE", description = "The signed head to hold the file to, e.g. "
            + "a copy kept elsewhere; a file of several heads (--audit-head-copy) counts by its last line. "
            + "Default: FILE.head; a rotated trail is held to it as a whole besides the heads beside its segments.")
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

    /** Whether FILE names a rotated trail (a folder, numbered segments beside it, or --from-segment). */
    boolean rotated() {
        return fromSegment != null || TrailVerifier.isRotated(file);
    }

    /** The audit keys to check MACs with, found beside the trail's first file when none is given. */
    List<AuditKey> keys() throws IOException {
        return AuditKeys.forVerifying(rotated() ? TrailVerifier.baseOf(file) : file, keyFiles, System.getenv());
    }

    /** One file, held to its head (or the chain alone with --no-head). */
    Verification verifyFile(List<AuditKey> keys) {
        refuseHeadWithoutHeads();
        if (noHead) {
            return AuditVerifier.verify(file, null, null, keys);
        }
        Path headFile = head != null ? head : file.resolveSibling(file.getFileName() + ".head");
        return AuditVerifier.verify(file, lastHead(headFile), publicKeyFor(file), keys);
    }

    /** The public key every segment's head of a rotated trail must verify under, or null with --no-head. */
    PublicKey trailPublicKey() {
        refuseHeadWithoutHeads();
        if (fromSegment != null && fromSegment < 0) {
            throw new IllegalArgumentException("--from-segment must be 0 or more, not " + fromSegment);
        }
        return noHead ? null : publicKeyFor(TrailVerifier.baseOf(file));
    }

    /**
     * For a rotated trail, the head given with --head (the last of a head copy file), which the whole trail is held
     * to besides each segment's own head; null without --head.
     */
    AuditHead trailHead() {
        return head == null ? null : lastHead(head);
    }

    private void refuseHeadWithoutHeads() {
        if (head != null && noHead) {
            throw new IllegalArgumentException("--head and --no-head exclude each other");
        }
    }

    /** Says on stderr when MACs went unchecked for want of a key: an OK without them is a weaker OK. */
    static void noteUncheckedMacs(PrintWriter err, long unchecked) {
        if (unchecked > 0) {
            err.println("spine: note: the MACs of " + unchecked + " records were not checked: no audit key was "
                    + "given (--audit-key-file, $" + AuditKeys.ENV + ", or FILE.key)");
        }
    }

    private PublicKey publicKeyFor(Path auditFile) {
        return readPublicKey(publicKey != null ? publicKey : AuditSigningKeys.publicKeyBeside(auditFile));
    }

    /** The Ed25519 public key in a PEM file, or an IllegalArgumentException naming the file and what is wrong. */
    static PublicKey readPublicKey(Path keyFile) {
        String keyText = readText(keyFile, "public key", "give it with --public-key");
        try {
            return AuditSigningKey.publicKeyFromPem(keyText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(keyFile + ": " + e.getMessage());
        }
    }

    /**
     * The head in a head file: its last line, so that a copy file that collects every head (--audit-head-copy)
     * holds the trail to the newest one.
     */
    private static AuditHead lastHead(Path headFile) {
        String text = readText(headFile, "signed head", "--no-head checks the chain alone").strip();
        String last = text.substring(text.lastIndexOf('\n') + 1);
        try {
            return AuditHead.parse(last);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(headFile + " is not a signed head" + (text.indexOf('\n') >= 0
                    ? " in its last line" : "") + ": " + e.getMessage());
        }
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
