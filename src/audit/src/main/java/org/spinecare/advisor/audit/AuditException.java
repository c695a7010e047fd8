package org.spinecare.advisor.audit;

/**
 * The audit trail cannot record, or its file is broken. Messages name the file and the record number, never a
 * patient reference or other input text.
 */
public class AuditException extends RuntimeException {
    public AuditException(String message) {
        super(message);
    }

    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }
}
