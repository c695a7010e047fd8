package org.spinecare.advisor.service;

import java.util.UUID;
import org.spinecare.advisor.AuditEntry;
import org.spinecare.advisor.AuditTrail;
import org.spinecare.advisor.FeedbackEntry;

/**
 * Records through the host's trail and remembers, per thread, the request id of the record just made: the cards
 * of that assessment are linked to it so that feedback can name the record it answers.
 */
final class CapturingTrail implements AuditTrail {
    private final AuditTrail trail;
    private final ThreadLocal<UUID> last = new ThreadLocal<>();

    CapturingTrail(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public void record(AuditEntry entry) {
        trail.record(entry);
        last.set(entry.requestId());
    }

    @Override
    public void recordFeedback(FeedbackEntry entry) {
        trail.recordFeedback(entry);
    }

    /** The request id this thread's last assessment was recorded under; cleared by reading. */
    UUID takeLast() {
        UUID id = last.get();
        last.remove();
        if (id == null) {
            throw new IllegalStateException("the assessment was not recorded in the audit trail");
        }
        return id;
    }
}
