package org.spinecare.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.spinecare.advisor.audit.AuditException;
import org.spinecare.advisor.audit.AuditKey;
import org.spinecare.advisor.audit.AuditRecord;
import org.spinecare.advisor.audit.AuditVerifier;
import org.spinecare.advisor.audit.CanonicalInput;
import org.spinecare.advisor.audit.InMemoryAuditTrail;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingState;
import org.spinecare.kb.TriageLevel;

/** How the facade uses its audit trail: every assessment recorded once, and none given that was not recorded. */
class AdvisorAuditTest {
    private static final KnowledgeBase KB = KnowledgeBase.load();
    private static final Instant NOW = Instant.parse("2026-11-24T07:00:00.123Z");

    private static SpineAdvisor advisorWith(AuditTrail trail) {
        return SpineAdvisor.builder().knowledgeBase(KB).auditTrail(trail)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    private static PatientFacts caudaEquina(String patientRef) {
        return new PatientFacts(patientRef, 47, 8, Map.of(Finding.SADDLE_SENSATION_LOSS, FindingState.PRESENT,
                Finding.BOWEL_BLADDER_CHANGE, FindingState.PRESENT, Finding.LOWER_BACK_PAIN, FindingState.PRESENT),
                Set.of(), null, null, null);
    }

    @Test
    void a_failing_audit_trail_makes_the_assessment_fail_instead_of_being_skipped() {
        for (RuntimeException failure : List.of(new AuditException("disk full"), new IllegalStateException("bug"))) {
            // Given a trail that cannot record
            AuditTrail trail = mock(AuditTrail.class);
            doThrow(failure).when(trail).record(any());
            SpineAdvisor advisor = advisorWith(trail);
            // When a patient is assessed
            AssessmentException e = assertThrows(AssessmentException.class,
                    () -> advisor.assess(caudaEquina("p-1")));
            // Then no assessment is given, the reason says why, and the trail was asked exactly once
            assertTrue(e.getMessage().contains("audit trail"), e.getMessage());
            assertSame(failure, e.getCause());
            verify(trail, times(1)).record(any());
            verifyNoMoreInteractions(trail);
        }
    }

    @Test
    void every_assessment_is_recorded_exactly_once_with_its_facts_result_and_a_fresh_request_id() {
        // Given a working trail
        AuditTrail trail = mock(AuditTrail.class);
        SpineAdvisor advisor = advisorWith(trail);
        // When three patients are assessed
        List<PatientFacts> patients = List.of(caudaEquina("p-1"), PatientFacts.empty(), caudaEquina(null));
        List<Assessment> answers = patients.stream().map(advisor::assess).toList();
        // Then the trail got one entry per assessment, in order, each holding what went in and what came out
        ArgumentCaptor<AuditEntry> entries = ArgumentCaptor.forClass(AuditEntry.class);
        verify(trail, times(3)).record(entries.capture());
        verifyNoMoreInteractions(trail);
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            AuditEntry entry = entries.getAllValues().get(i);
            assertSame(patients.get(i), entry.facts());
            assertSame(answers.get(i), entry.assessment());
            assertEquals(NOW, entry.time());
            assertEquals(SpineAdvisor.LIBRARY_VERSION, entry.libraryVersion());
            assertTrue(ids.add(entry.requestId()), "request ids must differ");
        }
    }

    @Test
    void a_real_assessment_is_recorded_with_its_outcome_and_fired_rules_as_codes() {
        // Given an in-memory trail and the real engine
        AuditKey key = AuditKey.generate();
        InMemoryAuditTrail trail = new InMemoryAuditTrail(key);
        PatientFacts facts = caudaEquina("clinic-42");
        // When a patient with cauda equina signs is assessed
        Assessment assessment = advisorWith(trail).assess(facts);
        // Then the record holds the outcome, the fired rules in firing order and the knowledge base
        AuditRecord record = trail.records().get(0);
        assertEquals(TriageLevel.EMERGENCY, assessment.triage());
        assertEquals("EMERGENCY", record.outcome().triage());
        assertEquals(assessment.redFlags().stream().map(Enum::name).toList(), record.outcome().redFlags());
        assertEquals(assessment.contraindications().stream().map(c -> c.code().name()).toList(),
                record.outcome().contraindicated());
        assertEquals(assessment.recommendations().stream().map(r -> r.code().name()).toList(),
                record.outcome().recommended());
        assertEquals(assessment.firedRules().stream().map(FiredRule::id).toList(),
                record.firedRules().stream().map(AuditRecord.RuleFiring::id).toList());
        assertEquals(assessment.firedRules().stream().map(FiredRule::matched).toList(),
                record.firedRules().stream().map(AuditRecord.RuleFiring::matched).toList());
        assertEquals(assessment.knowledgeBase(), record.knowledgeBase());
        assertNotNull(record.knowledgeBase().rulesSha256());
        // And the patient only as a pseudonym under the host's key, the input only as its canonical hash
        assertEquals(key.pseudonym("clinic-42"), record.patientPseudonym());
        assertEquals(key.id(), record.keyId());
        assertEquals(CanonicalInput.sha256(facts), record.inputSha256());
        assertTrue(AuditVerifier.verify(trail.lines()).ok());
    }
}
