package org.spinecare.advisor;

/**
 * Where assessments are recorded for later proof. {@link #record} returns only once the entry is durable; if it
 * cannot be made durable it throws, and the assessment is not given.
 *
 * <p>The advisor does not own its trail: the host opens it, shares it between advisors and threads, and closes it.
 */
public interface AuditTrail extends AutoCloseable {
    void record(AuditEntry entry);

    /**
     * Appends a clinician's feedback on a card to the same chain, linked to the assessment record it answers;
     * returns once it is durable. The trail refuses feedback for an assessment it does not hold (an
     * {@code UnknownAssessmentException} from the audit package) and, like {@link #record}, throws when the
     * feedback cannot be made durable.
     *
     * @throws UnsupportedOperationException when this trail does not record feedback
     */
    default void recordFeedback(FeedbackEntry entry) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not record feedback");
    }

    /** Releases the trail's resources; a closed trail refuses further records. */
    @Override
    default void close() {
    }
}
