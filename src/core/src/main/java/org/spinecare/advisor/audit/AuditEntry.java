package org.spinecare.advisor.audit;

import java.time.Instant;
import java.util.UUID;
import org.spinecare.advisor.Assessment;
import org.spinecare.advisor.PatientFacts;

/** One assessment to record: what went in, what came out, when, under which request id. */
public record AuditEntry(UUID requestId, Instant time, String libraryVersion, PatientFacts facts,
                         Assessment assessment) {
}
