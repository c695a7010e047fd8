package org.spinecare.advisor.service;

import java.time.Instant;
import java.util.UUID;

/** Appends a clinician's feedback on a card to the audit trail, linked to the assessment record it answers. */
interface FeedbackRecorder {
    /**
     * Returns once the feedback is durable.
     *
     * @throws RuntimeException when it cannot be recorded; the caller then answers with an error, never 200
     */
    void record(UUID assessmentRequestId, FeedbackRequest.Item item, Instant received);
}
