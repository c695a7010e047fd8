package org.spinecare.advisor.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.spinecare.advisor.AuditEntry;
import org.spinecare.advisor.AuditTrail;

/**
 * An audit trail held in memory, with the same records and chain as the file: for tests, and for hosts that
 * ship records elsewhere themselves. Thread-safe.
 */
public final class InMemoryAuditTrail implements AuditTrail {
    private final AuditKey key;
    private final List<AuditRecord> records = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();
    private String lastHash = Digests.GENESIS;
    private boolean closed;

    public InMemoryAuditTrail(AuditKey key) {
        this.key = Objects.requireNonNull(key, "key");
    }

    @Override
    public synchronized void record(AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        if (closed) {
            throw new AuditException("the audit trail is closed");
        }
        AuditRecord record = AuditRecord.chained(entry, records.size() + 1L, lastHash, key);
        records.add(record);
        lines.add(new String(AuditCodec.line(record), StandardCharsets.UTF_8));
        lastHash = record.hash();
    }

    public synchronized List<AuditRecord> records() {
        return List.copyOf(records);
    }

    /** The records as they would be written to a file, one canonical JSON line each, without line breaks. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
