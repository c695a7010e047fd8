package org.spinecare.advisor;

import org.spinecare.advisor.AuditEntry;
import org.spinecare.advisor.AuditTrail;

/**
 * Where assessments are recorded for later proof. {@link #record} returns only once the entry is durable; if it
 * cannot be made durable it throws, and the assessment is not given.
 *
 * <p>The advisor does not own its trail: the host opens it, shares it between advisors and threads, and closes it.
 */
public interface AuditTrail extends AutoCloseable {
    void record(AuditEntry entry);

    /** Releases the trail's resources; a closed trail refuses further records. */
    @Override
    default void close() {
    }
}
