package org.spinecare.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spinecare.kb.Advice.COLD_THERAPY;
import static org.spinecare.kb.Advice.CONSULT_BEFORE_CRACKING;
import static org.spinecare.kb.Advice.CRACK_LYING_SPINAL_TWIST;
import static org.spinecare.kb.Advice.CRACK_SEATED_CHAIR;
import static org.spinecare.kb.Advice.CRACK_SEATED_FLOOR_TWIST;
import static org.spinecare.kb.Advice.GENTLE_MOVEMENT_ONLY;
import static org.spinecare.kb.Advice.HEAT_THERAPY;
import static org.spinecare.kb.Advice.IMPROVE_POSTURE;
import static org.spinecare.kb.Advice.LIMIT_CRACKING_FREQUENCY;
import static org.spinecare.kb.Advice.REDUCE_SITTING;
import static org.spinecare.kb.Advice.REGULAR_EXERCISE;
import static org.spinecare.kb.Advice.STRETCH_KNEE_TO_CHEST;
import static org.spinecare.kb.Advice.STRETCH_PELVIC_TILT;
import static org.spinecare.kb.Advice.STRETCH_SEATED_TRUNK_ROTATION;
import static org.spinecare.kb.Finding.BACK_REDNESS;
import static org.spinecare.kb.Finding.BACK_SWELLING;
import static org.spinecare.kb.Finding.BACK_TENSION;
import static org.spinecare.kb.Finding.BACK_WARMTH;
import static org.spinecare.kb.Finding.BOWEL_BLADDER_CHANGE;
import static org.spinecare.kb.Finding.FEVER;
import static org.spinecare.kb.Finding.LEG_CRAMPING;
import static org.spinecare.kb.Finding.LEG_SENSATION_LOSS;
import static org.spinecare.kb.Finding.LOWER_BACK_PAIN;
import static org.spinecare.kb.Finding.POOR_POSTURE;
import static org.spinecare.kb.Finding.SADDLE_SENSATION_LOSS;
import static org.spinecare.kb.Finding.SCIATICA;
import static org.spinecare.kb.Finding.UNEXPLAINED_WEIGHT_LOSS;
import static org.spinecare.kb.Finding.URGE_TO_POP;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.spinecare.kb.Advice;
import org.spinecare.kb.CrackingFrequency;
import org.spinecare.kb.Diagnosis;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingGroup;
import org.spinecare.kb.StenosisStatus;
import org.spinecare.kb.TensionOnset;
import org.spinecare.kb.TriageLevel;

/** The minimum clinical behaviour of docs/contract.md, row by row, against the real knowledge base. */
class ClinicalBehaviourTest {
    private static final SpineAdvisor ADVISOR = SpineAdvisor.create();
    private static final List<Advice> CRACKING = List.of(CRACK_SEATED_CHAIR, CRACK_SEATED_FLOOR_TWIST,
            CRACK_LYING_SPINAL_TWIST);

    private static Assessment assess(Patients patient) {
        return ADVISOR.assess(patient.facts());
    }

    // Row 1
    @ParameterizedTest
    @EnumSource(value = Finding.class, names = {"BOWEL_BLADDER_CHANGE", "SADDLE_SENSATION_LOSS"})
    void a_cauda_equina_sign_gives_emergency_triage(Finding sign) {
        // Given a fully screened patient with one cauda equina sign
        // When assessed
        Assessment a = assess(Patients.screened().present(sign, URGE_TO_POP, BACK_TENSION));
        // Then triage is EMERGENCY and the sign is listed as a red flag
        assertEquals(TriageLevel.EMERGENCY, a.triage());
        assertEquals(List.of(sign), a.redFlags());
        assertTrue(a.fired("RF-001"));
    }

    // Row 2
    @ParameterizedTest
    @EnumSource(value = Finding.class, names = {"FEVER", "UNEXPLAINED_WEIGHT_LOSS", "LEG_SENSATION_LOSS"})
    void fever_weight_loss_or_leg_sensation_loss_gives_at_least_urgent_triage(Finding flag) {
        Assessment a = assess(Patients.screened().present(flag));
        assertEquals(TriageLevel.URGENT, a.triage());
        assertEquals(List.of(flag), a.redFlags());
    }

    @Test
    void an_emergency_sign_outranks_an_urgent_one() {
        Assessment a = assess(Patients.screened().present(FEVER, SADDLE_SENSATION_LOSS));
        assertEquals(TriageLevel.EMERGENCY, a.triage());
        assertEquals(List.of(FEVER, SADDLE_SENSATION_LOSS), a.redFlags());
    }

    // Row 3
    static Stream<Finding> reasonsToSeeAProfessional() {
        return Finding.inGroup(FindingGroup.PROFESSIONAL_REVIEW).stream();
    }

    @ParameterizedTest
    @MethodSource("reasonsToSeeAProfessional")
    void any_reason_to_see_a_professional_gives_at_least_routine_triage(Finding reason) {
        Assessment a = assess(Patients.screened().present(reason));
        assertTrue(a.triage().compareTo(TriageLevel.ROUTINE) <= 0, "triage " + a.triage());
        assertTrue(a.recommends(Advice.SEEK_PROFESSIONAL_HELP));
    }

    // Row 4
    @ParameterizedTest
    @EnumSource(Diagnosis.class)
    void any_diagnosis_gives_routine_triage_consult_first_and_no_self_cracking(Diagnosis diagnosis) {
        Assessment a = assess(Patients.screened().diagnosed(diagnosis).present(URGE_TO_POP)
                .cracks(CrackingFrequency.OCCASIONALLY, false));
        assertEquals(TriageLevel.ROUTINE, a.triage());
        assertTrue(a.recommends(CONSULT_BEFORE_CRACKING));
        CRACKING.forEach(c -> assertTrue(a.contraindicates(c), c + " must be contraindicated"));
    }

    // Row 5
    @ParameterizedTest
    @MethodSource("redFlags")
    void a_red_flag_not_reported_either_way_gives_routine_triage_and_is_listed(Finding unscreened) {
        // Given otherwise self-care facts, with one red flag left unreported
        Assessment a = assess(Patients.screened().unknown(unscreened).present(URGE_TO_POP, BACK_TENSION)
                .cracks(CrackingFrequency.OCCASIONALLY, false));
        assertEquals(TriageLevel.ROUTINE, a.triage());
        assertEquals(List.of(unscreened), a.unscreenedRedFlags());
        // Then no self-care technique is advised before the screen is complete
        a.recommendations().forEach(r -> assertFalse(r.code().isSelfCareTechnique(), r.code() + " advised"));
    }

    static Stream<Finding> redFlags() {
        return Finding.inGroup(FindingGroup.RED_FLAG).stream().filter(f -> !f.isDerived());
    }

    @Test
    void nothing_reported_is_never_self_care() {
        Assessment a = assess(Patients.nothingReported());
        assertEquals(TriageLevel.ROUTINE, a.triage());
        assertEquals(Finding.inGroup(FindingGroup.RED_FLAG), a.unscreenedRedFlags());
    }

    // Row 6
    @ParameterizedTest
    @EnumSource(value = Finding.class, names = {"SCIATICA", "NUMBNESS", "TINGLING", "WEAKNESS", "LEG_CRAMPING"})
    void back_pain_with_a_leg_symptom_makes_stenosis_possible_from_fifty(Finding indicator) {
        Assessment a = assess(Patients.screened().age(60).durationWeeks(1000).present(LOWER_BACK_PAIN, indicator));
        assertEquals(StenosisStatus.POSSIBLE, a.stenosis().status());
        assertEquals(List.of(indicator), a.stenosis().indicators());
        assertEquals(TriageLevel.ROUTINE, a.triage());
    }

    @ParameterizedTest
    @EnumSource(value = Finding.class, names = {"SCIATICA", "NUMBNESS", "TINGLING", "WEAKNESS", "LEG_CRAMPING"})
    void under_fifty_back_pain_with_a_leg_symptom_is_not_labelled_possible_stenosis(Finding symptom) {
        Assessment a = assess(Patients.screened().age(49).durationWeeks(1000).present(LOWER_BACK_PAIN, symptom));
        assertEquals(StenosisStatus.NOT_INDICATED, a.stenosis().status());
        assertEquals(List.of(), a.stenosis().indicators());
    }

    @Test
    void a_leg_symptom_without_back_pain_does_not_indicate_stenosis() {
        Assessment a = assess(Patients.screened().present(LEG_CRAMPING).absent(LOWER_BACK_PAIN));
        assertEquals(StenosisStatus.NOT_INDICATED, a.stenosis().status());
        assertEquals(List.of(), a.stenosis().indicators());
    }

    @Test
    void diagnosed_stenosis_is_diagnosed_and_keeps_its_indicators() {
        Assessment a = assess(Patients.screened().diagnosed(Diagnosis.SPINAL_STENOSIS)
                .present(LOWER_BACK_PAIN, SCIATICA));
        assertEquals(StenosisStatus.DIAGNOSED, a.stenosis().status());
        assertEquals(List.of(SCIATICA), a.stenosis().indicators());
        assertEquals(TriageLevel.ROUTINE, a.triage());
    }

    // Row 7
    @Test
    void a_fully_screened_patient_with_nothing_to_escalate_gets_self_care() {
        Assessment a = assess(Patients.screened().present(BACK_TENSION).absent(LOWER_BACK_PAIN));
        assertEquals(TriageLevel.SELF_CARE, a.triage());
        assertTrue(a.fired("TR-001"));
        assertEquals(List.of(), a.contraindications());
    }

    // Row 8
    @ParameterizedTest
    @EnumSource(value = Finding.class, names = {"BOWEL_BLADDER_CHANGE", "FEVER"})
    void emergency_or_urgent_triage_advises_no_self_care_technique_and_forbids_cracking(Finding flag) {
        Assessment a = assess(Patients.screened().present(flag, BACK_TENSION, URGE_TO_POP, LOWER_BACK_PAIN, SCIATICA)
                .onset(TensionOnset.ACUTE).cracks(CrackingFrequency.DAILY, true));
        assertTrue(a.triage().moreUrgentThan(TriageLevel.ROUTINE));
        a.recommendations().forEach(r -> assertFalse(r.code().isSelfCareTechnique(), r.code() + " advised"));
        CRACKING.forEach(c -> assertTrue(a.contraindicates(c), c + " must be contraindicated"));
    }

    // Row 9
    @Test
    void routine_triage_forbids_every_cracking_technique() {
        Assessment a = assess(Patients.screened().present(Finding.LOCKED_BACK, URGE_TO_POP));
        assertEquals(TriageLevel.ROUTINE, a.triage());
        CRACKING.forEach(c -> assertTrue(a.contraindicates(c), c + " must be contraindicated"));
        CRACKING.forEach(c -> assertFalse(a.recommends(c), c + " must not be recommended"));
    }

    // Row 10
    @Test
    void possible_stenosis_forbids_the_chair_technique_and_advises_the_stenosis_stretches() {
        Assessment a = assess(Patients.screened().age(60).durationWeeks(1000).present(LOWER_BACK_PAIN, SCIATICA));
        assertTrue(a.contraindicates(CRACK_SEATED_CHAIR));
        assertTrue(a.contraindications().stream().anyMatch(c -> c.code() == CRACK_SEATED_CHAIR
                && c.reasons().contains(org.spinecare.kb.ContraindicationReason.SPINE_EXTENSION_WITH_STENOSIS)));
        List.of(STRETCH_KNEE_TO_CHEST, STRETCH_SEATED_TRUNK_ROTATION, STRETCH_PELVIC_TILT)
                .forEach(s -> assertTrue(a.recommends(s), s + " must be recommended"));
        assertFalse(a.recommends(Advice.STRETCH_YOGA_SPINE_TWIST));
    }

    @Test
    void diagnosed_stenosis_with_an_urgent_flag_gets_no_stretches() {
        Assessment a = assess(Patients.screened().diagnosed(Diagnosis.SPINAL_STENOSIS).present(FEVER));
        assertEquals(TriageLevel.URGENT, a.triage());
        assertTrue(a.contraindicates(CRACK_SEATED_CHAIR));
        assertFalse(a.recommends(STRETCH_KNEE_TO_CHEST));
    }

    // Row 11
    @Test
    void forceful_cracking_calls_for_gentle_movement_only() {
        Assessment a = assess(Patients.screened().cracks(CrackingFrequency.OCCASIONALLY, true));
        assertTrue(a.recommends(GENTLE_MOVEMENT_ONLY));
        assertFalse(a.recommends(LIMIT_CRACKING_FREQUENCY));
    }

    @Test
    void occasional_cracking_is_met_with_regular_exercise_but_no_limit() {
        Assessment a = assess(Patients.screened().cracks(CrackingFrequency.OCCASIONALLY, false));
        assertTrue(a.recommends(REGULAR_EXERCISE));
        assertTrue(a.fired("CR-007"));
        assertFalse(a.recommends(LIMIT_CRACKING_FREQUENCY));
    }

    @ParameterizedTest
    @EnumSource(value = CrackingFrequency.class, names = {"DAILY", "SEVERAL_TIMES_A_DAY"})
    void daily_cracking_calls_for_less_cracking_and_regular_exercise(CrackingFrequency frequency) {
        Assessment a = assess(Patients.screened().pain(0).cracks(frequency, false));
        assertTrue(a.recommends(LIMIT_CRACKING_FREQUENCY));
        assertTrue(a.recommends(REGULAR_EXERCISE));
    }

    // Row 12
    @Test
    void acute_back_tension_gets_cold_therapy() {
        Assessment a = assess(Patients.screened().present(BACK_TENSION).onset(TensionOnset.ACUTE));
        assertTrue(a.recommends(COLD_THERAPY));
        assertFalse(a.recommends(HEAT_THERAPY));
    }

    @Test
    void ongoing_or_undated_back_tension_gets_heat_therapy() {
        assertTrue(assess(Patients.screened().present(BACK_TENSION).onset(TensionOnset.ONGOING))
                .recommends(HEAT_THERAPY));
        Assessment undated = assess(Patients.screened().present(BACK_TENSION));
        assertTrue(undated.recommends(HEAT_THERAPY));
        assertFalse(undated.recommends(COLD_THERAPY));
    }

    @Test
    void heat_and_cold_carry_the_time_limit_and_the_towel() {
        Assessment a = assess(Patients.screened().present(BACK_TENSION).onset(TensionOnset.ACUTE)
                .absent(BACK_SWELLING, BACK_REDNESS, BACK_WARMTH));
        Recommendation cold = a.recommendations().stream().filter(r -> r.code() == COLD_THERAPY).findFirst()
                .orElseThrow();
        assertTrue(cold.instructions().stream().anyMatch(i -> i.contains("15 to 20 minutes")));
        assertTrue(cold.instructions().stream().anyMatch(i -> i.contains("towel")));
        assertFalse(cold.instructions().stream().anyMatch(i -> i.contains("not checked")));
    }

    @ParameterizedTest
    @EnumSource(value = Finding.class, names = {"BACK_SWELLING", "BACK_REDNESS", "BACK_WARMTH"})
    void a_swollen_red_or_warm_back_gets_neither_heat_nor_cold(Finding sign) {
        Assessment a = assess(Patients.screened().present(BACK_TENSION, sign));
        assertFalse(a.recommends(HEAT_THERAPY));
        assertFalse(a.recommends(COLD_THERAPY));
        assertTrue(a.contraindicates(HEAT_THERAPY));
    }

    // Row 13
    @Test
    void a_self_care_patient_with_the_urge_to_pop_gets_the_three_safe_techniques() {
        Assessment a = assess(Patients.screened().present(URGE_TO_POP).pain(0));
        assertEquals(TriageLevel.SELF_CARE, a.triage());
        CRACKING.forEach(c -> assertTrue(a.recommends(c), c + " must be recommended"));
        Recommendation chair = a.recommendations().stream().filter(r -> r.code() == CRACK_SEATED_CHAIR).findFirst()
                .orElseThrow();
        assertTrue(chair.instructions().stream().anyMatch(i -> i.toLowerCase().contains("gentle")));
    }

    @Test
    void a_self_care_patient_who_never_cracks_and_has_no_urge_gets_no_cracking_technique() {
        Assessment a = assess(Patients.screened().present(BACK_TENSION).cracks(CrackingFrequency.NEVER, false));
        CRACKING.forEach(c -> assertFalse(a.recommends(c), c + " must not be recommended"));
    }

    // Row 14
    @Test
    void six_hours_of_sitting_calls_for_less_sitting_and_five_does_not() {
        assertTrue(assess(Patients.screened().sitting(6)).recommends(REDUCE_SITTING));
        assertFalse(assess(Patients.screened().sitting(5)).recommends(REDUCE_SITTING));
    }

    @Test
    void poor_posture_calls_for_posture_work() {
        assertTrue(assess(Patients.screened().present(POOR_POSTURE)).recommends(IMPROVE_POSTURE));
    }

    // Doses
    @Test
    void pelvic_tilt_sets_follow_the_pain_score() {
        assertTrue(pelvicTiltInstructions(8).stream().anyMatch(i -> i.startsWith("Do 3 sets")));
        assertTrue(pelvicTiltInstructions(5).stream().anyMatch(i -> i.startsWith("Do about 5 sets")));
        assertTrue(pelvicTiltInstructions(2).stream().anyMatch(i -> i.startsWith("Build up to 10 sets")));
    }

    private static List<String> pelvicTiltInstructions(int pain) {
        Assessment a = assess(Patients.screened().present(BACK_TENSION).pain(pain));
        return a.recommendations().stream().filter(r -> r.code() == STRETCH_PELVIC_TILT).findFirst().orElseThrow()
                .instructions();
    }

    @Test
    void back_pain_withholds_self_cracking_and_asks_for_a_physician_first() {
        Assessment a = assess(Patients.screened().present(URGE_TO_POP).pain(3));
        assertTrue(a.recommends(CONSULT_BEFORE_CRACKING));
        CRACKING.forEach(c -> assertTrue(a.contraindications().stream().anyMatch(x -> x.code() == c
                && x.reasons().contains(org.spinecare.kb.ContraindicationReason.BACK_PAIN)), c + " not withheld"));
        assertTrue(a.fired("CI-005"));
    }

    @Test
    void unknown_skin_signs_add_a_skin_check_to_heat() {
        Assessment a = assess(Patients.screened().present(BACK_TENSION));
        Recommendation heat = a.recommendations().stream().filter(r -> r.code() == HEAT_THERAPY).findFirst()
                .orElseThrow();
        assertTrue(heat.instructions().stream().anyMatch(i -> i.contains("not checked")));
        assertTrue(a.fired("HC-003"));
    }

    @Test
    void weight_loss_and_leg_sensation_loss_are_red_flags_in_contract_order() {
        Assessment a = assess(Patients.screened().present(LEG_SENSATION_LOSS, UNEXPLAINED_WEIGHT_LOSS,
                BOWEL_BLADDER_CHANGE));
        assertEquals(List.of(UNEXPLAINED_WEIGHT_LOSS, BOWEL_BLADDER_CHANGE, LEG_SENSATION_LOSS), a.redFlags());
    }

    @Test
    void an_escalated_patient_who_cracks_sees_the_techniques_withdrawn_in_the_trail() {
        // Given an urgent red flag in a patient with the urge to pop
        Assessment a = assess(Patients.screened().present(FEVER, URGE_TO_POP));
        // Then the techniques the article offers are contraindicated and the withdrawal is on record
        assertTrue(a.fired("CR-001"));
        assertTrue(a.fired("CI-001"));
        assertTrue(a.fired("SF-001"));
        CRACKING.forEach(c -> assertFalse(a.recommends(c), c + " must not be recommended"));
        assertTrue(a.recommends(Advice.SEEK_URGENT_CARE));
    }

    @Test
    void an_emergency_never_advises_an_adjustment_or_yoga() {
        Assessment a = assess(Patients.screened().present(SADDLE_SENSATION_LOSS, Finding.LOCKED_BACK)
                .cracks(CrackingFrequency.SEVERAL_TIMES_A_DAY, true));
        assertFalse(a.recommends(Advice.PROFESSIONAL_ADJUSTMENT));
        assertFalse(a.recommends(Advice.YOGA));
        assertEquals(List.of(Advice.SEEK_EMERGENCY_CARE), a.recommendations().stream().map(Recommendation::code)
                .toList(), "the emergency is the only thing the patient is told");
        assertFalse(a.recommends(GENTLE_MOVEMENT_ONLY));
    }

    @Test
    void a_diagnosed_condition_never_gets_an_adjustment_suggestion() {
        Assessment a = assess(Patients.screened().diagnosed(Diagnosis.SPONDYLOLISTHESIS)
                .present(URGE_TO_POP, Finding.LOCKED_BACK).cracks(CrackingFrequency.SEVERAL_TIMES_A_DAY, true));
        assertFalse(a.recommends(Advice.PROFESSIONAL_ADJUSTMENT));
        assertTrue(a.recommends(CONSULT_BEFORE_CRACKING));
    }

    @Test
    void an_incomplete_screen_asks_for_the_missing_red_flags() {
        Assessment a = assess(Patients.screened().unknown(FEVER));
        assertTrue(a.asksClinician(Advice.COMPLETE_RED_FLAG_SCREEN));
        assertFalse(a.recommends(Advice.COMPLETE_RED_FLAG_SCREEN), "a clinician's task is not the patient's advice");
    }
}
