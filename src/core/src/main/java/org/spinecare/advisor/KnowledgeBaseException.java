package org.spinecare.advisor;

/** The knowledge base failed its start-up self-check and must not be used. */
public final class KnowledgeBaseException extends AssessmentException {
    public KnowledgeBaseException(String message) {
        super(message);
    }

    public KnowledgeBaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
