package org.spinecare.advisor.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.spinecare.advisor.AuditEntry;
import org.spinecare.advisor.AuditTrail;
import org.spinecare.advisor.FeedbackEntry;

/**
 * An audit trail held in memory, with the same records and chain as the file: for tests, and for hosts that
 * ship records elsewhere themselves. Thread-safe.
 */
public final class InMemoryAuditTrail implements AuditTrail {
    private final AuditKey key;
    private final List<AuditRecord> records = new ArrayList<>();
    private final List<FeedbackRecord> feedback = new ArrayList<>();
    private final Map<UUID, String> assessmentHashes = new HashMap<>();
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
        AuditRecord record = AuditRecord.chained(entry, lines.size() + 1L, lastHash, key);
        records.add(record);
        assessmentHashes.put(record.requestId(), record.hash());
        lines.add(new String(RecordMac.seal(AuditCodec.line(record), record.hash(), key), StandardCharsets.UTF_8));
        lastHash = record.hash();
    }

    /**
     * {@inheritDoc}
     *
     * @throws UnknownAssessmentException when this trail holds no assessment record of the entry's request id
     */
    @Override
    public synchronized void recordFeedback(FeedbackEntry entry) {
        Objects.requireNonNull(entry, "entry");
        if (closed) {
            throw new AuditException("the audit trail is closed");
        }
        String assessed = UnknownAssessmentException.link(entry, assessmentHashes.get(entry.assessmentRequestId()),
                "this in-memory trail");
        FeedbackRecord record = FeedbackRecord.chained(entry, assessed, lines.size() + 1L, lastHash, key);
        feedback.add(record);
        lines.add(new String(RecordMac.seal(FeedbackCodec.line(record), record.hash(), key), StandardCharsets.UTF_8));
        lastHash = record.hash();
    }

    /** The assessment records, in order. */
    public synchronized List<AuditRecord> records() {
        return List.copyOf(records);
    }

    /** The feedback records, in order. */
    public synchronized List<FeedbackRecord> feedback() {
        return List.copyOf(feedback);
    }

    /** The records (assessments and feedback) as they would be written to a file, one canonical JSON line each, without line breaks. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
