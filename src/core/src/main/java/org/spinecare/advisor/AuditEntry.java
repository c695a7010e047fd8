package org.spinecare.advisor;

import java.time.Instant;
import java.util.UUID;
import org.spinecare.advisor.AuditEntry;

/** One assessment to record: what went in, what came out, when, under which request id. */
public record AuditEntry(UUID requestId, Instant time, String libraryVersion, PatientFacts facts,
                         Assessment assessment) {
}
