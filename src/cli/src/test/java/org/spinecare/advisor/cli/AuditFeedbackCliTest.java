package org.spinecare.advisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecare.advisor.FeedbackEntry;
import org.spinecare.advisor.FeedbackEntry.Outcome;
import org.spinecare.advisor.FeedbackEntry.OverrideReason;
import org.spinecare.advisor.audit.AuditKey;
import org.spinecare.advisor.audit.AuditRecord;
import org.spinecare.advisor.audit.AuditVerifier;
import org.spinecare.advisor.audit.JsonLinesAuditTrail;

class AuditFeedbackCliTest {
    private static final String EXAMPLE = "scenarios/examples/cauda-equina.json";

    @TempDir
    Path dir;

    @Test
    void audit_verify_and_show_read_feedback_on_an_assessment_made_by_assess_audit() throws IOException {
        // Given two assessments recorded by the command line, and a host's feedback on the first
        Path audit = dir.resolve("audit.jsonl");
        assertEquals(0, CliRun.of("assess", "--audit", audit.toString(), EXAMPLE).exit());
        assertEquals(0, CliRun.of("assess", "--audit", audit.toString(), EXAMPLE).exit());
        List<AuditRecord> records = new ArrayList<>();
        AuditVerifier.verify(audit, records::add);
        UUID first = records.get(0).requestId();
        UUID card = UUID.randomUUID();
        AuditKey key = AuditKey.fromHex(Files.readString(dir.resolve("audit.jsonl.key")));
        try (JsonLinesAuditTrail trail = JsonLinesAuditTrail.open(audit, key)) {
            trail.recordFeedback(new FeedbackEntry(first, null, card, Outcome.OVERRIDDEN,
                    List.of(new OverrideReason("urn:spinecare:override", "already-referred")),
                    Instant.parse("2026-11-24T08:00:00Z"), Instant.parse("2026-11-24T08:00:01Z")));
        }

        // When the file is verified, shown whole, and shown for the first request only
        CliRun verify = CliRun.of("audit", "verify", audit.toString());
        CliRun show = CliRun.of("audit", "show", audit.toString());
        CliRun one = CliRun.of("audit", "show", audit.toString(), "--request", first.toString());

        // Then the feedback counts as the third record and is shown with its link, outcome and reason
        assertEquals(0, verify.exit(), verify.out());
        assertTrue(verify.out().startsWith("OK, 3 records, 2 under the signed head"), verify.out());
        assertEquals(0, show.exit(), show.err());
        assertTrue(show.out().contains("record 3  2026-11-24T08:00:01Z  feedback on request " + first), show.out());
        assertTrue(show.out().contains("card             " + card), show.out());
        assertTrue(show.out().contains("outcome          overridden  at 2026-11-24T08:00:00Z"), show.out());
        assertTrue(show.out().contains("urn:spinecare:override#already-referred"), show.out());
        assertTrue(show.out().contains("assessment hash  " + records.get(0).hash()), show.out());
        assertTrue(one.out().contains("feedback on request " + first), one.out());
        assertFalse(one.out().contains("record 2 "), one.out());
    }
}
