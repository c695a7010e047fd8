package org.spinecare.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.spinecare.advisor.audit.AuditKey;
import org.spinecare.advisor.audit.AuditRecord;
import org.spinecare.advisor.audit.AuditVerifier;
import org.spinecare.advisor.audit.CanonicalInput;
import org.spinecare.advisor.audit.InMemoryAuditTrail;

/** The optional evaluation date: read strictly, kept in the audit record and its hash, and enough to reproduce. */
class EvaluationDateTest {
    private static final AuditKey KEY = AuditKey.fromHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");

    private static PatientFacts read(String json) {
        return SpineJson.readFacts(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("a request may name the date its facts describe; without it nothing changes")
    void optionalDateIsRead() {
        assertEquals(LocalDate.of(2025, 3, 1), read("{\"ageYears\":40,\"evaluationDate\":\"2025-03-01\"}").evaluationDate());
        assertNull(read("{\"ageYears\":40}").evaluationDate());
    }

    @Test
    @DisplayName("an evaluation date that is not a plain calendar date is refused, naming the field")
    void badDatesAreRefused() {
        InvalidFactsException notADay = assertThrows(InvalidFactsException.class,
                () -> read("{\"evaluationDate\":\"2025-02-30\"}"));
        assertEquals("$.evaluationDate", notADay.path());
        assertEquals(InvalidFactsException.Code.OUT_OF_RANGE, notADay.code());
        for (String bad : List.of("\"2025-03-01T10:00:00Z\"", "\"1/3/2025\"", "20250301", "null")) {
            InvalidFactsException e = assertThrows(InvalidFactsException.class,
                    () -> read("{\"evaluationDate\":" + bad + "}"), bad);
            assertEquals("$.evaluationDate", e.path(), bad);
        }
    }

    @Test
    @DisplayName("the audit record keeps the evaluation date inside its hash, and older records keep their form")
    void auditRecordHoldsTheDate() {
        // Given an audited advisor and two requests for the same facts, one as of a past date
        InMemoryAuditTrail trail = new InMemoryAuditTrail(KEY);
        PatientFacts facts = Patients.screened().present(org.spinecare.kb.Finding.LOWER_BACK_PAIN).age(40).facts();
        try (SpineAdvisor advisor = SpineAdvisor.builder().auditTrail(trail).build()) {
            // When both are assessed
            advisor.assess(facts);
            advisor.assess(facts.withEvaluationDate(LocalDate.of(2024, 11, 24)));
        }

        // Then only the dated request's record has the date, the chain verifies, and changing the date breaks it
        List<AuditRecord> records = trail.records();
        assertNull(records.get(0).evaluationDate());
        assertEquals(LocalDate.of(2024, 11, 24), records.get(1).evaluationDate());
        List<String> lines = trail.lines();
        assertFalse(lines.get(0).contains("evaluationDate"));
        assertTrue(AuditVerifier.verify(lines).ok(), AuditVerifier.verify(lines).message());
        String forged = lines.get(1).replace("\"evaluationDate\":\"2024-11-24\"", "\"evaluationDate\":\"2024-11-25\"");
        assertFalse(AuditVerifier.verify(List.of(lines.get(0), forged)).ok());
    }

    @Test
    @DisplayName("a past answer is reproduced exactly from its audit record: the release it names, the facts and the date")
    void pastAnswerIsReproduced() {
        // Given an answer given by knowledge base 1.0.0 as of a date, and its audit record
        InMemoryAuditTrail trail = new InMemoryAuditTrail(KEY);
        PatientFacts facts = KnowledgeRelease.fromJar(Releases.v1()).modelledPart(Patients.screened().present(org.spinecare.kb.Finding.LOWER_BACK_PAIN).age(40).facts())
                .withEvaluationDate(LocalDate.of(2025, 1, 15));
        Assessment given;
        try (SpineAdvisor then = SpineAdvisor.builder().release(KnowledgeRelease.fromJar(Releases.v1()))
                .auditTrail(trail).build()) {
            given = then.assess(facts);
        }
        AuditRecord record = trail.records().get(0);

        // When the release the record names is loaded again and given the same facts and date
        KnowledgeRelease release = KnowledgeRelease.fromJar(Releases.v1());
        assertEquals(record.knowledgeBase(), release.info());
        assertEquals(record.inputSha256(), CanonicalInput.sha256(facts));
        Assessment again;
        try (SpineAdvisor now = SpineAdvisor.builder().release(release).build()) {
            again = now.assess(facts.withEvaluationDate(record.evaluationDate()));
        }

        // Then the answer is the same, rule for rule
        assertEquals(given, again);
    }
}
