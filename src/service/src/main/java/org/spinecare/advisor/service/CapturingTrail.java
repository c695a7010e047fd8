package org.spinecare.advisor.service;

import java.util.UUID;
import org.spinecare.advisor.AuditEntry;
import org.spinecare.advisor.AuditTrail;
import org.spinecare.advisor.FeedbackEntry;
import org.spinecare.advisor.InputMapping;
import org.spinecare.advisor.audit.UnknownAssessmentException;

/**
 * Records through the host's trail and remembers, per thread, the request id of the record just made: the cards
 * of that assessment are linked to it so that feedback can name the record it answers. The summary of how the
 * call's FHIR resources were mapped, given per thread with {@link #mappedAs}, goes into that record. Every append
 * that fails or succeeds is told to the {@link AuditHealth} that {@code /ready} reports.
 */
final class CapturingTrail implements AuditTrail {
    private final AuditTrail trail;
    private final AuditHealth health;
    private final ThreadLocal<UUID> last = new ThreadLocal<>();
    private final ThreadLocal<InputMapping> mapping = new ThreadLocal<>();

    CapturingTrail(AuditTrail trail, AuditHealth health) {
        this.trail = trail;
        this.health = health;
    }

    @Override
    public void record(AuditEntry entry) {
        InputMapping mapped = mapping.get();
        mapping.remove();
        try {
            trail.record(mapped == null ? entry : entry.withInputMapping(mapped));
        } catch (RuntimeException e) {
            health.appendFailed(e);
            throw e;
        }
        health.appended();
        last.set(entry.requestId());
    }

    @Override
    public void recordFeedback(FeedbackEntry entry) {
        try {
            trail.recordFeedback(entry);
        } catch (UnknownAssessmentException e) {
            // A refused link, not a trail that cannot append.
            throw e;
        } catch (RuntimeException e) {
            health.appendFailed(e);
            throw e;
        }
        health.appended();
    }

    /**
     * The mapping summary for this thread's next record; null clears it (the caller does so when the assessment
     * failed before it was recorded, so that it cannot reach another call's record).
     */
    void mappedAs(InputMapping inputMapping) {
        if (inputMapping == null) {
            mapping.remove();
        } else {
            mapping.set(inputMapping);
        }
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
