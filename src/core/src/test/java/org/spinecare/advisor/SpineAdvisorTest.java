package org.spinecare.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.spinecare.kb.Advice;
import org.spinecare.kb.CrackingFrequency;
import org.spinecare.kb.Diagnosis;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingState;
import org.spinecare.kb.TensionOnset;
import org.spinecare.kb.TriageLevel;

/** The facade's promises to clinic software: immutable answers, thread safety, auditing, no partial answers. */
class SpineAdvisorTest {
    private static final SpineAdvisor ADVISOR = SpineAdvisor.create();

    @Test
    void an_advisor_closed_by_try_with_resources_refuses_to_assess_with_a_clear_illegal_state_exception() {
        // Given an advisor used in try-with-resources, which assessed a patient as the shared advisor does
        PatientFacts facts = diagnosedStenosisWithTension();
        SpineAdvisor closed;
        try (SpineAdvisor advisor = SpineAdvisor.create()) {
            assertEquals(ADVISOR.assess(facts).triage(), advisor.assess(facts).triage());
            closed = advisor;
        }

        // When it is asked again after the block
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> closed.assess(facts));

        // Then the message says why, and closing a second time changes nothing
        assertTrue(e.getMessage().contains("SpineAdvisor is closed"), e.getMessage());
        closed.close();
        assertThrows(IllegalStateException.class, () -> closed.assess(facts));
    }

    @Test
    void an_assessment_cannot_be_changed_after_it_is_returned() {
        // Given a patient whose assessment has recommendations, contraindications and fired rules
        Assessment a = ADVISOR.assess(diagnosedStenosisWithTension());
        assertFalse(a.recommendations().isEmpty());
        assertFalse(a.contraindications().isEmpty());

        // When / Then every list, at every level, refuses changes
        assertThrows(UnsupportedOperationException.class, () -> a.redFlags().add(Finding.FEVER));
        assertThrows(UnsupportedOperationException.class, () -> a.unscreenedRedFlags().add(Finding.FEVER));
        assertThrows(UnsupportedOperationException.class, () -> a.stenosis().indicators().clear());
        assertThrows(UnsupportedOperationException.class, () -> a.recommendations().remove(0));
        assertThrows(UnsupportedOperationException.class, () -> a.recommendations().get(0).instructions().clear());
        assertThrows(UnsupportedOperationException.class, () -> a.recommendations().get(0).ruleIds().clear());
        assertThrows(UnsupportedOperationException.class, () -> a.contraindications().clear());
        assertThrows(UnsupportedOperationException.class, () -> a.contraindications().get(0).reasons().clear());
        assertThrows(UnsupportedOperationException.class, () -> a.contraindications().get(0).ruleIds().clear());
        assertThrows(UnsupportedOperationException.class, () -> a.firedRules().clear());
        assertThrows(UnsupportedOperationException.class, () -> a.firedRules().get(0).matched().clear());
    }

    @Test
    void the_same_patient_always_gets_the_same_assessment() {
        PatientFacts facts = diagnosedStenosisWithTension();

        assertEquals(ADVISOR.assess(facts), ADVISOR.assess(facts));
    }

    @Test
    void concurrent_calls_on_one_advisor_give_the_same_answers_as_sequential_calls() throws Exception {
        // Given a mix of patients and their assessments made one after another
        List<PatientFacts> patients = randomPatients(new Random(7), 20);
        List<Assessment> sequential = patients.stream().map(ADVISOR::assess).toList();

        // When 4 threads each assess 200 patients at the same time on the same advisor
        int threads = 4;
        int callsPerThread = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int offset = t;
                Callable<List<String>> worker = () -> {
                    start.await();
                    List<String> mismatches = new ArrayList<>();
                    for (int i = 0; i < callsPerThread; i++) {
                        int p = (i + offset * 5) % patients.size();
                        if (!ADVISOR.assess(patients.get(p)).equals(sequential.get(p))) {
                            mismatches.add("thread " + offset + " call " + i + " patient " + p);
                        }
                    }
                    return mismatches;
                };
                results.add(pool.submit(worker));
            }
            start.countDown();

            // Then no thread saw another patient's rules or a different answer
            for (Future<List<String>> result : results) {
                assertEquals(List.of(), result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void an_audit_trail_that_fails_means_no_assessment_is_given() {
        // Given an audit trail that cannot make the entry durable
        AuditTrail trail = mock(AuditTrail.class);
        doThrow(new IllegalStateException("audit store unavailable")).when(trail).record(any());
        SpineAdvisor advisor = SpineAdvisor.builder().auditTrail(trail).build();

        // When / Then the caller gets an exception instead of an unaudited answer
        AssessmentException e = assertThrows(AssessmentException.class,
                () -> advisor.assess(diagnosedStenosisWithTension()));
        assertTrue(e.getMessage().contains("audit store unavailable"), e.getMessage());
    }

    @Test
    void a_working_audit_trail_receives_one_entry_per_assessment_with_its_facts_and_answer() {
        // Given an audit trail and a fixed clock
        AuditTrail trail = mock(AuditTrail.class);
        Instant now = Instant.parse("2026-01-02T03:04:05Z");
        SpineAdvisor advisor = SpineAdvisor.builder().auditTrail(trail).clock(Clock.fixed(now, ZoneOffset.UTC))
                .build();
        PatientFacts first = diagnosedStenosisWithTension();
        PatientFacts second = screenedSelfCare().withFinding(Finding.URGE_TO_POP, FindingState.PRESENT);

        // When two patients are assessed
        Assessment a1 = advisor.assess(first);
        Assessment a2 = advisor.assess(second);

        // Then each assessment was recorded once, with what went in, what came out and a distinct request id
        ArgumentCaptor<AuditEntry> entries = ArgumentCaptor.forClass(AuditEntry.class);
        verify(trail, times(2)).record(entries.capture());
        List<AuditEntry> recorded = entries.getAllValues();
        assertEquals(first, recorded.get(0).facts());
        assertSame(a1, recorded.get(0).assessment());
        assertEquals(second, recorded.get(1).facts());
        assertSame(a2, recorded.get(1).assessment());
        assertEquals(now, recorded.get(0).time());
        assertNotNull(recorded.get(0).libraryVersion());
        assertFalse(recorded.get(0).requestId().equals(recorded.get(1).requestId()));
    }

    @Test
    void reaching_the_cap_on_fired_rules_gives_an_exception_never_a_partial_answer() {
        SpineAdvisor capped = SpineAdvisor.builder().maxFiredRules(1).build();

        AssessmentException e = assertThrows(AssessmentException.class,
                () -> capped.assess(diagnosedStenosisWithTension()));
        assertTrue(e.getMessage().contains("more than 1 rules fired"), e.getMessage());
    }

    @Test
    void a_cap_below_one_fired_rule_is_refused_when_the_advisor_is_built() {
        assertThrows(IllegalArgumentException.class, () -> SpineAdvisor.builder().maxFiredRules(0));
    }

    @Test
    void every_rule_cited_by_advice_is_in_the_fired_rules_and_advice_never_is_both_given_and_forbidden() {
        // Given a few hundred varied patients, including the hand-picked ones
        List<PatientFacts> patients = new ArrayList<>(randomPatients(new Random(42), 400));
        patients.add(diagnosedStenosisWithTension());
        patients.add(screenedSelfCare().withFinding(Finding.URGE_TO_POP, FindingState.PRESENT));
        patients.add(PatientFacts.empty());

        for (PatientFacts facts : patients) {
            // When each is assessed
            Assessment a = ADVISOR.assess(facts);

            // Then the cited rules fired, and no code is both recommended and contraindicated
            Set<String> fired = a.firedRules().stream().map(FiredRule::id).collect(Collectors.toSet());
            for (Recommendation r : a.recommendations()) {
                assertFalse(r.ruleIds().isEmpty(), r.code() + " cites no rule for " + facts);
                assertTrue(fired.containsAll(r.ruleIds()), r.code() + " cites unfired rules for " + facts);
            }
            for (Contraindication c : a.contraindications()) {
                assertFalse(c.ruleIds().isEmpty(), c.code() + " cites no rule for " + facts);
                assertTrue(fired.containsAll(c.ruleIds()), c.code() + " cites unfired rules for " + facts);
            }
            Set<Advice> recommended = a.recommendations().stream().map(Recommendation::code)
                    .collect(Collectors.toSet());
            Set<Advice> forbidden = a.contraindications().stream().map(Contraindication::code)
                    .collect(Collectors.toSet());
            recommended.retainAll(forbidden);
            assertEquals(Set.of(), recommended, "recommended and contraindicated at once for " + facts);
        }
    }

    @Test
    void a_diagnosed_condition_forbids_cracking_even_with_the_urge_to_pop() {
        // Given a screened self-care patient who wants to pop but has a diagnosed condition (cracking forbidden)
        PatientFacts facts = new PatientFacts(null, 50, 3, screenedSelfCare().withFinding(Finding.URGE_TO_POP,
                FindingState.PRESENT).findings(), Set.of(Diagnosis.HERNIATED_DISC), null, null, null);

        Assessment a = ADVISOR.assess(facts);

        // Then every cracking technique is contraindicated and none is recommended
        for (Advice advice : EnumSet.of(Advice.CRACK_SEATED_CHAIR, Advice.CRACK_SEATED_FLOOR_TWIST,
                Advice.CRACK_LYING_SPINAL_TWIST)) {
            assertTrue(a.contraindicates(advice), advice + " should be contraindicated");
            assertFalse(a.recommends(advice), advice + " should not be recommended");
        }
    }

    @Test
    void the_advisor_reports_which_knowledge_base_answered() {
        KnowledgeBaseInfo kb = ADVISOR.knowledgeBase();

        assertEquals("org.spinecare:spine-kjar:" + System.getProperty("kb.version"), kb.releaseId());
        assertTrue(kb.rulesSha256().matches("[0-9a-f]{64}"), kb.rulesSha256());
        assertEquals(kb, ADVISOR.assess(PatientFacts.empty()).knowledgeBase());
    }

    @Test
    void the_rule_list_is_ordered_by_id_and_names_every_rule_that_can_fire() {
        List<String> ids = ADVISOR.rules().stream().map(RuleInfo::id).toList();

        assertEquals(ids.stream().sorted().toList(), ids);
        assertEquals(ids.size(), new HashSet<>(ids).size());
        Set<String> firedIds = ADVISOR.assess(diagnosedStenosisWithTension()).firedRules().stream()
                .map(FiredRule::id).collect(Collectors.toSet());
        assertTrue(ids.containsAll(firedIds));
    }

    @Test
    void null_facts_are_refused() {
        assertThrows(NullPointerException.class, () -> ADVISOR.assess(null));
    }

    static PatientFacts screenedSelfCare() {
        return new PatientFacts(null, 35, 1, Patients.screened().facts().findings(), Set.of(), null, null, null);
    }

    static PatientFacts diagnosedStenosisWithTension() {
        Map<Finding, FindingState> findings = new EnumMap<>(screenedSelfCare().findings());
        findings.put(Finding.LOWER_BACK_PAIN, FindingState.PRESENT);
        findings.put(Finding.SCIATICA, FindingState.PRESENT);
        findings.put(Finding.BACK_TENSION, FindingState.PRESENT);
        return new PatientFacts("p-1", 58, 4, findings, Set.of(Diagnosis.SPINAL_STENOSIS),
                new PatientFacts.Cracking(CrackingFrequency.DAILY, true), TensionOnset.ONGOING, 9);
    }

    /** Varied patients from a fixed seed: each finding PRESENT, ABSENT or UNKNOWN, each measure set or not. */
    static List<PatientFacts> randomPatients(Random random, int count) {
        List<PatientFacts> patients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<Finding, FindingState> findings = new EnumMap<>(Finding.class);
            for (Finding f : Finding.reportable()) {
                // Red flags are mostly screened absent (there are over twenty), so that self-care is reached too.
                int roll = random.nextInt(f.isRedFlag() ? 60 : 3);
                if (roll == 0) {
                    findings.put(f, FindingState.PRESENT);
                } else if (roll == 1) {
                    continue;
                } else {
                    findings.put(f, FindingState.ABSENT);
                }
            }
            Set<Diagnosis> diagnoses = EnumSet.noneOf(Diagnosis.class);
            for (Diagnosis d : Diagnosis.values()) {
                if (random.nextInt(8) == 0) {
                    diagnoses.add(d);
                }
            }
            PatientFacts.Cracking cracking = random.nextBoolean() ? null : new PatientFacts.Cracking(
                    random.nextInt(5) == 0 ? null : CrackingFrequency.values()[random.nextInt(4)],
                    random.nextInt(3) == 0 ? null : random.nextBoolean());
            Integer age = random.nextInt(4) > 0 ? random.nextInt(131) : null;
            patients.add(new PatientFacts("r-" + i, age,
                    random.nextBoolean() ? random.nextInt(11) : null, findings, diagnoses, cracking,
                    random.nextInt(3) == 0 ? null : TensionOnset.values()[random.nextInt(2)],
                    random.nextBoolean() ? random.nextInt(25) : null,
                    random.nextInt(4) > 0 ? random.nextInt(52 * (age == null ? 1 : age + 1)) : null));
        }
        return patients;
    }

    @Test
    void random_patients_reach_every_triage_level() {
        // Guards the two tests above: they are only meaningful if the generated patients cover every path.
        Set<TriageLevel> levels = randomPatients(new Random(42), 400).stream().map(ADVISOR::assess)
                .map(Assessment::triage).collect(Collectors.toCollection(() -> EnumSet.noneOf(TriageLevel.class)));
        assertEquals(EnumSet.allOf(TriageLevel.class), levels);
    }
}
