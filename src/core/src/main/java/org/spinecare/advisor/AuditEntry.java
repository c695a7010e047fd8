package org.spinecare.advisor;

import java.time.Instant;
import java.util.UUID;

/**
 * One assessment to record: what went in, what came out, when, under which request id, and, when the facts were
 * mapped from another format, how that went ({@code inputMapping}, else null).
 */
public record AuditEntry(UUID requestId, Instant time, String libraryVersion, PatientFacts facts,
                         Assessment assessment, InputMapping inputMapping) {
    /** An entry for facts given directly, with no input mapping. */
    public AuditEntry(UUID requestId, Instant time, String libraryVersion, PatientFacts facts, Assessment assessment) {
        this(requestId, time, libraryVersion, facts, assessment, null);
    }

    /** This entry with the summary of how its facts were mapped from the input. */
    public AuditEntry withInputMapping(InputMapping mapping) {
        return new AuditEntry(requestId, time, libraryVersion, facts, assessment, mapping);
    }
}
