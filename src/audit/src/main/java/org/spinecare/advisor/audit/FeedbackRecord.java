package org.spinecare.advisor.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.spinecare.advisor.FeedbackEntry;
import org.spinecare.advisor.FeedbackEntry.OverrideReason;

/**
 * One feedback line of an audit file: what a clinician did with a card, linked to the assessment record the card
 * came from, in the same chain as the assessments. docs/audit.md describes every field.
 *
 * @param seq                 1-based position in the file, shared with the assessment records
 * @param time                when the host received the feedback
 * @param keyId               the {@link AuditKey#id()} of the key the record's MAC was made with
 * @param assessmentRequestId the request id of the assessment record it answers, which comes earlier in the chain
 * @param assessmentHash      that record's hash
 * @param card                the card's uuid
 * @param outcome             {@code accepted} or {@code overridden}, as CDS Hooks writes it
 * @param overrideReasons     the coded override reasons, in the order given
 * @param outcomeTime         when the clinician acted, as the client reported it
 */
public record FeedbackRecord(int format, long seq, Instant time, String keyId, UUID assessmentRequestId,
                             String assessmentHash,
                             UUID card, String outcome, List<OverrideReason> overrideReasons, Instant outcomeTime,
                             String prevHash, String hash) {
    /** The value of the {@code type} member that marks a feedback line. */
    static final String TYPE = "feedback";
    static final List<String> OUTCOMES = List.of("accepted", "overridden");

    public FeedbackRecord {
        overrideReasons = List.copyOf(overrideReasons);
    }

    /** The record for an entry linked to the assessment record with {@code assessmentHash}, sealed with its hash. */
    static FeedbackRecord chained(FeedbackEntry entry, String assessmentHash, long seq, String prevHash,
                                  AuditKey key) {
        FeedbackRecord unsealed = new FeedbackRecord(AuditRecord.FORMAT, seq,
                entry.time().truncatedTo(ChronoUnit.MILLIS), key.id(), entry.assessmentRequestId(), assessmentHash,
                entry.card(), entry.outcome().name().toLowerCase(Locale.ROOT), entry.overrideReasons(),
                entry.outcomeTime().truncatedTo(ChronoUnit.MILLIS), prevHash, null);
        return unsealed.withHash(Digests.sha256Hex(FeedbackCodec.write(unsealed, false)));
    }

    FeedbackRecord withHash(String newHash) {
        return new FeedbackRecord(format, seq, time, keyId, assessmentRequestId, assessmentHash, card, outcome,
                overrideReasons, outcomeTime, prevHash, newHash);
    }
}
