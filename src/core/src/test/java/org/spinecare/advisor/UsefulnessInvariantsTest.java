package org.spinecare.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spinecare.kb.Advice.HEAT_THERAPY;
import static org.spinecare.kb.Advice.MASSAGE_OR_ACUPUNCTURE;
import static org.spinecare.kb.Advice.STAY_ACTIVE;
import static org.spinecare.kb.Advice.STRETCH_KNEE_TO_CHEST;
import static org.spinecare.kb.Advice.STRETCH_PELVIC_TILT;
import static org.spinecare.kb.Advice.STRETCH_SEATED_TRUNK_ROTATION;
import static org.spinecare.kb.Finding.BACK_TENSION;
import static org.spinecare.kb.Finding.LOWER_BACK_PAIN;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spinecare.kb.Advice;
import org.spinecare.kb.ContraindicationReason;
import org.spinecare.kb.Diagnosis;
import org.spinecare.kb.Finding;
import org.spinecare.kb.Instruction;
import org.spinecare.kb.StenosisStatus;
import org.spinecare.kb.TensionOnset;
import org.spinecare.kb.TriageLevel;

/**
 * The patients of issue 22's review, one or more per class, on the real engine: each gets the advice guidance gives,
 * and {@link UsefulnessInvariants} finds nothing withheld. Against knowledge base 2.0.1 each of these failed.
 */
class UsefulnessInvariantsTest {
    private static final SpineAdvisor ADVISOR = SpineAdvisor.create();
    private static final List<Advice> STENOSIS_STRETCHES = List.of(STRETCH_KNEE_TO_CHEST,
            STRETCH_SEATED_TRUNK_ROTATION, STRETCH_PELVIC_TILT);

    static Stream<Patients> reviewedPatients() {
        return Stream.of(
                // Class 1: onset after 50 (no duration long enough), plain back pain; a 17-year-old's tension
                Patients.screened().age(58).durationWeeks(10).present(LOWER_BACK_PAIN).pain(4),
                Patients.screened().age(17).durationWeeks(2).present(BACK_TENSION).absent(LOWER_BACK_PAIN).pain(0),
                // Class 1 and 3: diagnosed and possible stenosis in older patients whose pain began after 50
                Patients.screened().age(68).durationWeeks(30).present(LOWER_BACK_PAIN, Finding.SCIATICA).pain(5)
                        .diagnosed(Diagnosis.SPINAL_STENOSIS),
                Patients.screened().age(72).durationWeeks(20).present(LOWER_BACK_PAIN, Finding.LEG_CRAMPING).pain(3),
                // Class 2: tingling alone, numb skin alone
                Patients.screened().age(61).durationWeeks(1000).present(LOWER_BACK_PAIN, Finding.TINGLING).pain(4),
                Patients.screened().age(55).durationWeeks(1000).present(LOWER_BACK_PAIN, Finding.NUMBNESS).pain(4),
                // Class 3: years of stable pain not improving; osteoporosis and steroids with old pain
                Patients.screened().age(44).durationWeeks(300).present(LOWER_BACK_PAIN, Finding.NOT_IMPROVING).pain(5),
                Patients.screened().age(63).durationWeeks(700).present(LOWER_BACK_PAIN, Finding.OSTEOPOROSIS).pain(4),
                Patients.screened().age(39).durationWeeks(52).present(LOWER_BACK_PAIN, Finding.LONG_TERM_STEROIDS)
                        .pain(3),
                // Class 4: inflammatory back pain
                Patients.screened().age(27).durationWeeks(20).present(LOWER_BACK_PAIN, Finding.INFLAMMATORY_BACK_PAIN)
                        .pain(5),
                // Class 5: pain of 10 and of 8
                Patients.screened().age(35).durationWeeks(1).present(LOWER_BACK_PAIN).pain(10),
                Patients.screened().age(45).durationWeeks(3).present(BACK_TENSION).pain(8),
                // Class 6: a child's sciatica; massage with anticoagulants
                Patients.screened().age(12).durationWeeks(2).present(LOWER_BACK_PAIN, Finding.SCIATICA).pain(3),
                Patients.screened().age(40).durationWeeks(2).present(LOWER_BACK_PAIN,
                        Finding.ANTICOAGULANT_OR_BLEEDING_DISORDER).pain(3));
    }

    @ParameterizedTest
    @MethodSource("reviewedPatients")
    void a_reviewed_patient_gets_what_guidance_gives_and_nothing_is_withheld_needlessly(Patients patient) {
        PatientFacts facts = patient.facts();
        Assessment a = ADVISOR.assess(facts);
        assertEquals(List.of(), UsefulnessInvariants.violations(facts, a, ADVISOR), SpineJson.writeAssessment(a));
        assertFalse(a.triage().escalated(), "no urgent sign: " + a.triage());
    }

    @Test
    void a_routine_review_feature_keeps_stretches_heat_and_staying_active_and_its_own_contraindications() {
        // Given osteoporosis with back pain of years, When assessed
        Assessment a = ADVISOR.assess(Patients.screened().age(63).durationWeeks(700)
                .present(LOWER_BACK_PAIN, Finding.OSTEOPOROSIS).pain(4).facts());
        // Then a routine review with the stretches, heat and staying active, and no manipulation (fragile bone)
        assertEquals(TriageLevel.ROUTINE, a.triage());
        List.of(Advice.STRETCH_PELVIC_TILT, HEAT_THERAPY, STAY_ACTIVE).forEach(x -> assertTrue(a.recommends(x), x + ""));
        assertTrue(a.contraindications().stream().anyMatch(c -> c.code() == Advice.PROFESSIONAL_ADJUSTMENT
                && c.reasons().contains(ContraindicationReason.BONE_FRAGILITY)));
    }

    @Test
    void fragile_bone_with_new_pain_is_urgent_and_nothing_is_done_to_the_back() {
        // Given long-term steroids and back pain that began suddenly this week
        Assessment a = ADVISOR.assess(Patients.screened().age(70).durationWeeks(1).onset(TensionOnset.ACUTE)
                .present(LOWER_BACK_PAIN, Finding.LONG_TERM_STEROIDS).pain(6).facts());
        // Then urgent, the escalation alone, and every stretch withheld for the urgent sign
        assertEquals(TriageLevel.URGENT, a.triage());
        assertEquals(List.of(Advice.SEEK_URGENT_CARE), a.recommendations().stream().map(Recommendation::code).toList());
        assertTrue(a.contraindicates(STRETCH_PELVIC_TILT));
        assertTrue(a.fired("GL-011"));
    }

    @Test
    void stenosis_in_an_older_patient_gets_the_whole_stenosis_pathway() {
        Assessment a = ADVISOR.assess(Patients.screened().age(72).durationWeeks(20)
                .present(LOWER_BACK_PAIN, Finding.TINGLING).pain(3).facts());
        assertEquals(StenosisStatus.POSSIBLE, a.stenosis().status());
        STENOSIS_STRETCHES.forEach(x -> assertTrue(a.recommends(x), x + " must be recommended"));
        assertTrue(a.recommends(Advice.AVOID_SPINE_OVEREXTENSION));
        assertTrue(a.recommends(Advice.STENOSIS_STRETCH_ROUTINE));
        assertTrue(a.contraindicates(Advice.CRACK_SEATED_CHAIR));
    }

    @Test
    void objective_weakness_still_withholds_movement_while_tingling_does_not() {
        Assessment weak = ADVISOR.assess(Patients.screened().age(61).durationWeeks(1000)
                .present(LOWER_BACK_PAIN, Finding.WEAKNESS).pain(4).facts());
        assertTrue(weak.contraindications().stream().anyMatch(c -> c.code() == STRETCH_PELVIC_TILT
                && c.reasons().contains(ContraindicationReason.NEUROLOGICAL_DEFICIT)));
        Assessment tingling = ADVISOR.assess(Patients.screened().age(61).durationWeeks(1000)
                .present(LOWER_BACK_PAIN, Finding.TINGLING).pain(4).facts());
        assertTrue(tingling.recommends(STRETCH_PELVIC_TILT));
    }

    @Test
    void severe_pain_is_reviewed_with_gentle_movement_and_heat_and_never_self_cracking() {
        Assessment a = ADVISOR.assess(Patients.screened().age(35).durationWeeks(1).present(LOWER_BACK_PAIN).pain(10)
                .cracks(org.spinecare.kb.CrackingFrequency.DAILY, false).facts());
        assertEquals(TriageLevel.ROUTINE, a.triage());
        List.of(STRETCH_PELVIC_TILT, HEAT_THERAPY, STAY_ACTIVE).forEach(x -> assertTrue(a.recommends(x), x + ""));
        Advice.crackingTechniques().forEach(c -> assertTrue(a.contraindicates(c), c + ""));
    }

    @Test
    void back_pain_without_a_score_asks_the_clinician_to_rate_it() {
        Assessment a = ADVISOR.assess(Patients.screened().present(LOWER_BACK_PAIN).facts());
        assertTrue(a.asksClinician(Advice.RATE_PAIN));
    }

    @Test
    void massage_with_anticoagulants_is_gentle_only() {
        Assessment a = ADVISOR.assess(Patients.screened().durationWeeks(2)
                .present(LOWER_BACK_PAIN, Finding.ANTICOAGULANT_OR_BLEEDING_DISORDER).pain(3).facts());
        Recommendation massage = a.recommendations().stream().filter(r -> r.code() == MASSAGE_OR_ACUPUNCTURE)
                .findFirst().orElseThrow();
        assertTrue(massage.instructions().contains(Instruction.GENTLE_MASSAGE_ONLY.text()));
    }

    @Test
    void a_child_is_not_told_adult_guidance_nor_sent_for_manipulation() {
        Assessment a = ADVISOR.assess(Patients.screened().age(12).durationWeeks(2).present(LOWER_BACK_PAIN, BACK_TENSION)
                .present(Finding.LOCKED_BACK).pain(3).facts());
        assertFalse(a.recommends(STAY_ACTIVE));
        assertFalse(a.recommends(MASSAGE_OR_ACUPUNCTURE));
        assertTrue(a.contraindicates(Advice.PROFESSIONAL_ADJUSTMENT));
        assertTrue(a.recommends(STRETCH_PELVIC_TILT));
    }

    @Test
    void an_incomplete_screen_gets_no_exercise_advice() {
        Assessment a = ADVISOR.assess(Patients.nothingReported().age(40).cracks(org.spinecare.kb.CrackingFrequency.DAILY,
                false).facts());
        assertFalse(a.recommends(Advice.REGULAR_EXERCISE));
    }

    @Test
    void the_checks_fail_on_an_answer_that_withholds_what_guidance_gives() {
        // Given the real answer for inflammatory back pain, with its stretches, heat and every activity advice removed
        PatientFacts facts = Patients.screened().age(27).durationWeeks(20)
                .present(LOWER_BACK_PAIN, Finding.INFLAMMATORY_BACK_PAIN).pain(5).facts();
        Assessment real = ADVISOR.assess(facts);
        List<Recommendation> kept = real.recommendations().stream()
                .filter(r -> !r.code().isStretch() && r.code() != HEAT_THERAPY && r.code() != STAY_ACTIVE
                        && r.code() != Advice.REGULAR_EXERCISE && r.code() != Advice.YOGA).toList();
        Assessment restrictive = new Assessment(TriageLevel.URGENT, real.redFlags(), real.unscreenedRedFlags(),
                real.stenosis(), kept, real.clinicianActions(), real.contraindications(), real.firedRules(),
                real.knowledgeBase());
        // When checked; Then the escalation and every withheld piece of advice are named
        List<String> found = UsefulnessInvariants.violations(facts, restrictive, ADVISOR);
        assertTrue(found.contains("escalated without an urgent sign: URGENT"), found.toString());
        assertTrue(found.stream().anyMatch(v -> v.startsWith("routine-review feature withholds STRETCH_PELVIC_TILT")),
                found.toString());
        assertTrue(found.stream().anyMatch(v -> v.startsWith("screened adult with a complaint")), found.toString());
    }
}
