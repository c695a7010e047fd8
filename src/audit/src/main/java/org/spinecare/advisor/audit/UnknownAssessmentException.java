package org.spinecare.advisor.audit;

import org.spinecare.advisor.FeedbackEntry;

/**
 * Feedback names an assessment the trail does not hold (or names it with another hash): it is refused, so that
 * every feedback record in a chain answers an assessment record before it.
 */
public final class UnknownAssessmentException extends AuditException {
    public UnknownAssessmentException(String message) {
        super(message);
    }

    /**
     * The hash of the assessment record feedback links to.
     *
     * @param held  the hash of the trail's assessment record of the entry's request id, or null when it has none
     * @param trail names the trail in the message
     */
    static String link(FeedbackEntry entry, String held, String trail) {
        if (held == null) {
            throw new UnknownAssessmentException("no assessment record of request " + entry.assessmentRequestId()
                    + " in " + trail + "; the feedback was not recorded");
        }
        if (entry.assessmentHash() != null && !entry.assessmentHash().equals(held)) {
            throw new UnknownAssessmentException("the assessment record of request " + entry.assessmentRequestId()
                    + " in " + trail + " has another hash than the feedback names; the feedback was not recorded");
        }
        return held;
    }
}
