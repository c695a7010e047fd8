package org.spinecare.advisor.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.UUID;
import org.spinecare.advisor.AuditEntry;
import org.spinecare.advisor.audit.AuditKey;
import org.spinecare.advisor.audit.AuditSigningKey;
import org.spinecare.advisor.AuditTrail;
import org.spinecare.advisor.audit.JsonLinesAuditTrail;
import org.spinecare.advisor.audit.JsonLinesAuditTrailBuilder;

/**
 * The audit file behind {@code assess --audit}. Records wait for delivery: {@link #record}, which the advisor calls
 * before it returns an assessment, only holds the entry for the calling thread; the command appends it with
 * {@link #commit} once the answer has been written and flushed. So a record never claims an answer that could not
 * be delivered (a full disk, a closed standard output); see docs/audit.md.
 */
final class AuditedTrail implements AuditTrail {
    private final JsonLinesAuditTrail trail;
    private final HeadCopyFile headCopy;
    private final ThreadLocal<AuditEntry> pending = new ThreadLocal<>();
    private volatile UUID recorded;

    private AuditedTrail(JsonLinesAuditTrail trail, HeadCopyFile headCopy) {
        this.trail = trail;
        this.headCopy = headCopy;
    }

    /**
     * Opens the audit file with the key the options and environment give; warnings go to {@code err}.
     *
     * @throws IllegalArgumentException when no usable key can be had (a usage problem)
     */
    static AuditedTrail open(Path auditFile, Path keyFile, Path signingKeyFile, PrintWriter err)
            throws IOException {
        return open(auditFile, keyFile, signingKeyFile, 0, false, null, err);
    }

    /**
     * As above, rotating the file at {@code rotateBytes} (0: never) and, when {@code daily}, each UTC day, and
     * appending every new head to {@code headCopyFile} too when it is not null.
     */
    static AuditedTrail open(Path auditFile, Path keyFile, Path signingKeyFile, long rotateBytes, boolean daily,
                             Path headCopyFile, PrintWriter err) throws IOException {
        AuditKey key = AuditKeys.resolve(auditFile, keyFile, System.getenv(),
                note -> err.println("spine: " + TerminalText.safe(note)));
        AuditSigningKey signer = AuditSigningKeys.resolve(auditFile, signingKeyFile,
                note -> err.println("spine: " + TerminalText.safe(note)));
        JsonLinesAuditTrailBuilder builder = JsonLinesAuditTrail.builder(auditFile, key).signer(signer)
                .warnings(warning -> err.println("spine: warning: " + TerminalText.safe(warning)));
        if (rotateBytes > 0) {
            builder.rotateAtBytes(rotateBytes);
        }
        if (daily) {
            builder.rotateDaily();
        }
        HeadCopyFile headCopy = headCopyFile == null ? null : HeadCopyFile.open(headCopyFile);
        if (headCopy != null) {
            builder.headCopies(headCopy);
        }
        JsonLinesAuditTrail trail;
        try {
            trail = builder.open();
        } catch (RuntimeException e) {
            closeQuietly(headCopy);
            throw e;
        }
        String previous = trail.lastKeyId();
        if (previous != null && !previous.equals(key.id())) {
            err.println("spine: warning: the audit key (id " + key.id() + ") differs from the one of the last "
                    + "record (id " + previous + "): the same patient gets a different pseudonym from now on");
        }
        err.flush();
        return new AuditedTrail(trail, headCopy);
    }

    /** Holds the entry until the answer is delivered; see {@link #commit}. */
    @Override
    public void record(AuditEntry entry) {
        pending.set(entry);
    }

    /** The entry the advisor handed over on this thread for its last assessment, or null. */
    AuditEntry takePending() {
        AuditEntry entry = pending.get();
        pending.remove();
        return entry;
    }

    /**
     * Appends the record of a delivered answer; returns once it is durable.
     *
     * @throws org.spinecare.advisor.audit.AuditException when it cannot be recorded
     */
    void commit(AuditEntry entry) {
        trail.record(entry);
        recorded = entry.requestId();
    }

    void reportRecorded(PrintWriter err, Path auditFile) {
        if (recorded != null) {
            err.println("spine: audit record of request " + recorded + " appended to "
                    + TerminalText.safe(auditFile));
            err.flush();
        }
    }

    @Override
    public void close() {
        trail.close();
        closeQuietly(headCopy);
    }

    private static void closeQuietly(HeadCopyFile headCopy) {
        if (headCopy != null) {
            try {
                headCopy.close();
            } catch (IOException ignored) {
                // Every head it took was forced when it was appended; closing adds nothing to lose.
            }
        }
    }
}
