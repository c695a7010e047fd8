package org.spinecare.advisor.service;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.spinecare.advisor.audit.JsonLinesAuditTrail;
import org.spinecare.advisor.audit.PostgresAuditTrail;

/**
 * After an append to the audit trail failed: can the trail append again? Asked by {@code /ready}, which answers
 * 503 until it can. A probe never writes a record: a file probe writes and removes a scratch file beside the trail,
 * a database probe checks the connection and the grants.
 */
@FunctionalInterface
public interface AuditProbe {
    /** Bytes a file probe must be able to write and force: a few records and a signed head. */
    int FILE_PROBE_BYTES = 16 * 1024;

    /**
     * Returns when the trail can append, else throws saying why.
     *
     * @param failedAt when the last append failed
     */
    void check(Instant failedAt) throws Exception;

    /** For a trail with no probe of its own: ready again once {@code wait} has passed since the failure. */
    static AuditProbe retryAfter(Duration wait) {
        return failedAt -> {
            if (Instant.now().isBefore(failedAt.plus(wait))) {
                throw new IllegalStateException("the last append failed less than " + wait.toSeconds() + " s ago");
            }
        };
    }

    /**
     * The file trail: not stopped for good (damage needs an operator: {@code audit verify}, then a restart), and
     * {@link #FILE_PROBE_BYTES} can be written and forced in its directory (a full disk has been freed).
     */
    static AuditProbe file(JsonLinesAuditTrail trail, Path auditFile) {
        return failedAt -> {
            if (trail.stoppedBecause() != null) {
                throw new IllegalStateException("the audit file writer stopped for good: " + trail.stoppedBecause());
            }
            Path scratch = auditFile.resolveSibling("." + auditFile.getFileName() + ".ready-probe");
            try (FileChannel out = FileChannel.open(scratch, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.allocate(FILE_PROBE_BYTES);
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            } catch (IOException e) {
                throw new IOException("cannot write " + FILE_PROBE_BYTES + " bytes beside the audit file: "
                        + e.getMessage(), e);
            } finally {
                Files.deleteIfExists(scratch);
            }
        };
    }

    /** The database trail: not stopped for good, the server answers, and this role may append to the tables. */
    static AuditProbe database(PostgresAuditTrail trail, DataSource dataSource, String table) {
        return failedAt -> {
            if (trail.stoppedBecause() != null) {
                throw new IllegalStateException("the audit table writer stopped for good: " + trail.stoppedBecause());
            }
            try (Connection c = dataSource.getConnection();
                 PreparedStatement s = c.prepareStatement("SELECT has_table_privilege(?, 'INSERT') AND "
                         + "has_table_privilege(?, 'UPDATE')")) {
                s.setQueryTimeout(5);
                s.setString(1, table);
                s.setString(2, table + "_head");
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next() || !rs.getBoolean(1)) {
                        throw new IllegalStateException("this role may not append to the audit table " + table);
                    }
                }
            }
        };
    }
}
