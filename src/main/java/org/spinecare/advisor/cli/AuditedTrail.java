package org.spinecare.advisor.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.UUID;
import org.spinecare.advisor.audit.AuditEntry;
import org.spinecare.advisor.audit.AuditKey;
import org.spinecare.advisor.audit.AuditTrail;
import org.spinecare.advisor.audit.JsonLinesAuditTrail;

/** The audit file behind {@code assess --audit}, remembering the request id it recorded so the CLI can say it. */
final class AuditedTrail implements AuditTrail {
    private final JsonLinesAuditTrail trail;
    private UUID recorded;

    private AuditedTrail(JsonLinesAuditTrail trail) {
        this.trail = trail;
    }

    /**
     * Opens the audit file with the key the options and environment give; warnings go to {@code err}.
     *
     * @throws IllegalArgumentException when no usable key can be had (a usage problem)
     */
    static AuditedTrail open(Path auditFile, Path keyFile, PrintWriter err) throws IOException {
        AuditKey key = AuditKeys.resolve(auditFile, keyFile, System.getenv(),
                note -> err.println("spine: " + note));
        JsonLinesAuditTrail trail = JsonLinesAuditTrail.open(auditFile, key,
                warning -> err.println("spine: warning: " + warning));
        String previous = trail.lastKeyId();
        if (previous != null && !previous.equals(key.id())) {
            err.println("spine: warning: the audit key (id " + key.id() + ") differs from the one of the last "
                    + "record (id " + previous + "): the same patient gets a different pseudonym from now on");
        }
        err.flush();
        return new AuditedTrail(trail);
    }

    @Override
    public void record(AuditEntry entry) {
        trail.record(entry);
        recorded = entry.requestId();
    }

    void reportRecorded(PrintWriter err, Path auditFile) {
        if (recorded != null) {
            err.println("spine: audit record of request " + recorded + " appended to " + auditFile);
            err.flush();
        }
    }

    @Override
    public void close() {
        trail.close();
    }
}
