package org.spinecare.advisor;

/**
 * The knowledge base failed its start-up self-check and must not be used: thrown when an advisor is created, never
 * by {@code assess}. Not an {@link AssessmentException}: that one means one patient got no answer, this one that
 * no patient can get one until the library is deployed again, which a caller handles differently.
 */
public final class KnowledgeBaseException extends RuntimeException {
    public KnowledgeBaseException(String message) {
        super(message);
    }

    public KnowledgeBaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
