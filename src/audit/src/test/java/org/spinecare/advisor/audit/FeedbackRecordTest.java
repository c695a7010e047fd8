package org.spinecare.advisor.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecare.advisor.AuditEntry;
import org.spinecare.advisor.FeedbackEntry;
import org.spinecare.advisor.FeedbackEntry.Outcome;
import org.spinecare.advisor.FeedbackEntry.OverrideReason;
import org.spinecare.advisor.audit.AuditVerifier.Verification;

class FeedbackRecordTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-24T07:00:00.123Z");
    private static final OverrideReason REASON = new OverrideReason("https://spinecare.org/cds/override-reason",
            "patient-declined");

    @TempDir
    Path directory;

    static FeedbackEntry overridden(UUID requestId) {
        return new FeedbackEntry(requestId, null, UUID.randomUUID(), Outcome.OVERRIDDEN, List.of(REASON),
                RECEIVED.minusSeconds(30), RECEIVED);
    }

    @Test
    void feedback_on_a_recorded_assessment_joins_the_chain_linked_to_that_record() throws IOException {
        // Given a file with two assessment records
        Path file = directory.resolve("a.jsonl");
        AuditEntry first = AuditFixtures.entry("p", 1);
        try (JsonLinesAuditTrail trail = JsonLinesAuditTrail.open(file, AuditFixtures.KEY)) {
            trail.record(first);
            trail.record(AuditFixtures.entry(null, 2));
            // When feedback on the first is recorded, and after it another assessment
            FeedbackEntry feedback = overridden(first.requestId());
            trail.recordFeedback(feedback);
            trail.record(AuditFixtures.entry(null, 3));
            assertEquals(4, trail.size());
        }
        // Then the file verifies as one chain of four, the feedback third, linked to record 1 by id and hash
        List<AuditRecord> assessments = new ArrayList<>();
        List<FeedbackRecord> feedback = new ArrayList<>();
        Verification v = AuditVerifier.verify(file, assessments::add, feedback::add);
        assertEquals("OK, 4 records", v.message());
        assertEquals(1, feedback.size());
        FeedbackRecord record = feedback.get(0);
        assertEquals(3, record.seq());
        assertEquals(first.requestId(), record.assessmentRequestId());
        assertEquals(assessments.get(0).hash(), record.assessmentHash());
        assertEquals(assessments.get(1).hash(), record.prevHash());
        assertEquals(record.hash(), assessments.get(2).prevHash());
        assertEquals("overridden", record.outcome());
        assertEquals(List.of(REASON), record.overrideReasons());
        assertEquals(RECEIVED, record.time());
        // And the line holds codes only, in the documented field order
        String line = Files.readAllLines(file).get(2);
        assertTrue(line.startsWith("{\"format\":2,\"seq\":3,\"type\":\"feedback\",\"time\":\"2026-11-24T07:00:00.123Z\","
                + "\"keyId\":\"" + AuditFixtures.KEY.id() + "\",\"assessment\":{\"requestId\":\"" + first.requestId()
                + "\",\"hash\":\""), line);
        assertTrue(line.contains(",\"outcome\":\"overridden\",\"overrideReasons\":[{\"system\":"
                + "\"https://spinecare.org/cds/override-reason\",\"code\":\"patient-declined\"}],"
                + "\"outcomeTime\":\"2026-11-24T06:59:30.123Z\",\"prevHash\":"), line);
    }

    @Test
    void feedback_for_an_assessment_the_trail_does_not_hold_is_refused_and_nothing_is_written() throws IOException {
        // Given a file with one record
        Path file = directory.resolve("a.jsonl");
        AuditEntry held = AuditFixtures.entry("p", 1);
        try (JsonLinesAuditTrail trail = JsonLinesAuditTrail.open(file, AuditFixtures.KEY)) {
            trail.record(held);
            long size = Files.size(file);
            // When feedback names an unknown request, or the held request with another hash
            UnknownAssessmentException unknown = assertThrows(UnknownAssessmentException.class,
                    () -> trail.recordFeedback(overridden(UUID.randomUUID())));
            FeedbackEntry wrongHash = new FeedbackEntry(held.requestId(), "ab".repeat(32), UUID.randomUUID(),
                    Outcome.ACCEPTED, List.of(), RECEIVED, RECEIVED);
            UnknownAssessmentException mismatch = assertThrows(UnknownAssessmentException.class,
                    () -> trail.recordFeedback(wrongHash));
            // Then both are refused with a reason, the file is unchanged, and the trail goes on working
            assertTrue(unknown.getMessage().startsWith("no assessment record of request"), unknown.getMessage());
            assertTrue(mismatch.getMessage().contains("has another hash"), mismatch.getMessage());
            assertEquals(size, Files.size(file));
            trail.recordFeedback(new FeedbackEntry(held.requestId(), null, UUID.randomUUID(), Outcome.ACCEPTED,
                    List.of(), RECEIVED, RECEIVED));
        }
        assertEquals("OK, 2 records", AuditVerifier.verify(file).message());
    }

    @Test
    void feedback_links_to_assessments_recorded_before_the_trail_was_reopened() {
        // Given a file written and closed
        Path file = directory.resolve("a.jsonl");
        AuditEntry earlier = AuditFixtures.entry("p", 1);
        try (JsonLinesAuditTrail trail = JsonLinesAuditTrail.open(file, AuditFixtures.KEY)) {
            trail.record(earlier);
        }
        // When it is reopened and feedback on the earlier assessment arrives
        try (JsonLinesAuditTrail trail = JsonLinesAuditTrail.open(file, AuditFixtures.KEY)) {
            trail.recordFeedback(overridden(earlier.requestId()));
        }
        // Then it is recorded
        assertEquals("OK, 2 records", AuditVerifier.verify(file).message());
    }

    @Test
    void verify_reports_a_feedback_record_that_answers_no_earlier_assessment() throws IOException {
        // Given a good file, and a feedback line for an unknown request, correctly sealed and chained onto it
        Path file = AuditFixtures.writeTrail(directory.resolve("a.jsonl"), 2);
        Verification good = AuditVerifier.verify(file);
        FeedbackRecord forged = FeedbackRecord.chained(overridden(UUID.randomUUID()), "cd".repeat(32), 3,
                good.lastHash(), AuditFixtures.KEY);
        Files.write(file, (new String(RecordMac.seal(FeedbackCodec.line(forged), forged.hash(), AuditFixtures.KEY),
                StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        // When it is verified
        Verification v = AuditVerifier.verify(file);
        // Then the third record is reported
        assertEquals(3, v.badRecord());
        assertTrue(v.problem().contains("which no earlier record of the chain holds"), v.message());
    }

    @Test
    void the_memory_trail_writes_the_same_lines_as_the_file_trail() throws IOException {
        // Given the same assessments and feedback recorded in memory and in a file
        Path file = directory.resolve("a.jsonl");
        AuditEntry a = AuditFixtures.entry("p", 1);
        AuditEntry b = AuditFixtures.entry(null, 2);
        FeedbackEntry f = overridden(a.requestId());
        InMemoryAuditTrail memory = new InMemoryAuditTrail(AuditFixtures.KEY);
        try (JsonLinesAuditTrail trail = JsonLinesAuditTrail.open(file, AuditFixtures.KEY)) {
            for (var t : List.of(memory, trail)) {
                t.record(a);
                t.recordFeedback(f);
                t.record(b);
            }
        }
        // Then the lines are identical and verify
        assertEquals(Files.readAllLines(file), memory.lines());
        assertEquals("OK, 3 records", AuditVerifier.verify(memory.lines()).message());
        assertEquals(1, memory.feedback().size());
        assertThrows(UnknownAssessmentException.class, () -> memory.recordFeedback(overridden(UUID.randomUUID())));
    }

    @Test
    void feedback_entries_hold_codes_only_and_say_which_field_is_wrong() {
        UUID id = UUID.randomUUID();
        IllegalArgumentException accepted = assertThrows(IllegalArgumentException.class,
                () -> new FeedbackEntry(id, null, id, Outcome.ACCEPTED, List.of(REASON), RECEIVED, RECEIVED));
        assertTrue(accepted.getMessage().startsWith("overrideReasons"), accepted.getMessage());
        IllegalArgumentException text = assertThrows(IllegalArgumentException.class,
                () -> new OverrideReason("urn:x", "the patient said no"));
        assertTrue(text.getMessage().startsWith("overrideReason.code"), text.getMessage());
        IllegalArgumentException escape = assertThrows(IllegalArgumentException.class,
                () -> new OverrideReason("urn:\u001b[2J", "x"));
        assertTrue(escape.getMessage().startsWith("overrideReason.system"), escape.getMessage());
        IllegalArgumentException hash = assertThrows(IllegalArgumentException.class,
                () -> new FeedbackEntry(id, "ABC", id, Outcome.ACCEPTED, List.of(), RECEIVED, RECEIVED));
        assertTrue(hash.getMessage().startsWith("assessmentHash"), hash.getMessage());
    }
}
