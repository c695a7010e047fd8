package org.spinecare.advisor.audit;

/**
 * Where assessments are recorded for later proof. {@link #record} returns only once the entry is durable; if it
 * cannot be made durable it throws, and the assessment is not given.
 */
public interface AuditTrail {
    void record(AuditEntry entry);
}
