package org.spinecare.advisor;

/**
 * The evaluation did not complete, so no assessment is given: an engine error, the cap on fired rules, or a
 * result that breaks a safety invariant. Never turned into a partial or default answer.
 */
public class AssessmentException extends RuntimeException {
    public AssessmentException(String message) {
        super(message);
    }

    public AssessmentException(String message, Throwable cause) {
        super(message, cause);
    }
}
