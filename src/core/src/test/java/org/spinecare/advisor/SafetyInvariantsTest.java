package org.spinecare.advisor;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spinecare.kb.Advice;
import org.spinecare.kb.ContraindicationReason;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingGroup;
import org.spinecare.kb.FindingState;
import org.spinecare.kb.TriageLevel;

/**
 * The last line of defence: {@link SafetyInvariants#check} refuses every hand-made result that breaks one of its
 * invariants, starting from real assessments that pass, so that each refusal is caused by the one change made.
 */
class SafetyInvariantsTest {
    private static final SpineAdvisor ADVISOR = SpineAdvisor.create();
    /** Fully screened, urge to pop: self-care with stretches and the cracking techniques recommended. */
    private static final Assessment SELF_CARE = ADVISOR.assess(screened().withFinding(Finding.URGE_TO_POP,
            FindingState.PRESENT));
    /** Fever: urgent, every cracking technique contraindicated. */
    private static final Assessment URGENT = ADVISOR.assess(screened().withFinding(Finding.FEVER,
            FindingState.PRESENT));

    /** A locked back in a screened patient: routine, the reason to be assessed first, then stretches. */
    private static final Assessment ROUTINE = ADVISOR.assess(screened().withFinding(Finding.LOCKED_BACK,
            FindingState.PRESENT));

    @Test
    void the_real_assessments_used_here_pass_the_check() {
        assertTrue(ROUTINE.triage() == TriageLevel.ROUTINE && ROUTINE.recommendations().size() > 1);
        assertDoesNotThrow(() -> SafetyInvariants.check(ROUTINE));
        assertTrue(SELF_CARE.triage() == TriageLevel.SELF_CARE && SELF_CARE.recommends(Advice.CRACK_SEATED_CHAIR));
        assertTrue(URGENT.triage() == TriageLevel.URGENT && URGENT.contraindicates(Advice.CRACK_SEATED_CHAIR));
        assertDoesNotThrow(() -> SafetyInvariants.check(SELF_CARE));
        assertDoesNotThrow(() -> SafetyInvariants.check(URGENT));
    }

    @Test
    void a_code_both_recommended_and_contraindicated_is_refused() {
        Assessment broken = copy(SELF_CARE, SELF_CARE.triage(), SELF_CARE.recommendations(),
                List.of(contraindication(Advice.CRACK_SEATED_CHAIR, firstFiredId(SELF_CARE))));
        assertRefused(broken, "CRACK_SEATED_CHAIR is both recommended and contraindicated");
    }

    @Test
    void a_stretch_recommended_with_urgent_triage_is_refused() {
        Assessment broken = copy(URGENT, URGENT.triage(),
                plus(URGENT.recommendations(), recommendation(Advice.STRETCH_PELVIC_TILT, firstFiredId(URGENT))),
                crackingOnly(URGENT.contraindications()));
        assertRefused(broken, "STRETCH_PELVIC_TILT is recommended with triage URGENT");
    }

    @Test
    void heat_recommended_with_emergency_triage_is_refused() {
        Assessment broken = copy(URGENT, TriageLevel.EMERGENCY,
                plus(URGENT.recommendations(), recommendation(Advice.HEAT_THERAPY, firstFiredId(URGENT))),
                crackingOnly(URGENT.contraindications()));
        assertRefused(broken, "HEAT_THERAPY is recommended with triage EMERGENCY");
    }

    @Test
    void a_recommendation_that_names_no_rule_is_refused() {
        Assessment broken = copy(URGENT, URGENT.triage(),
                plus(URGENT.recommendations(), new Recommendation(Advice.REDUCE_SITTING,
                        Advice.REDUCE_SITTING.category(), "", List.of(), "", List.of())),
                URGENT.contraindications());
        assertRefused(broken, "REDUCE_SITTING names rules [] that are not all in the fired rules");
    }

    @Test
    void a_recommendation_that_names_a_rule_that_did_not_fire_is_refused() {
        Assessment broken = copy(URGENT, URGENT.triage(),
                plus(URGENT.recommendations(), recommendation(Advice.REDUCE_SITTING, "LS-999")),
                URGENT.contraindications());
        assertRefused(broken, "REDUCE_SITTING names rules [LS-999]");
    }

    @Test
    void a_contraindication_that_names_a_rule_that_did_not_fire_is_refused() {
        List<Contraindication> contraindications = new ArrayList<>(URGENT.contraindications());
        contraindications.add(contraindication(Advice.HEAT_THERAPY, "CI-999"));
        assertRefused(copy(URGENT, URGENT.triage(), URGENT.recommendations(), contraindications),
                "HEAT_THERAPY names rules [CI-999]");
    }

    @Test
    void escalated_triage_with_a_cracking_technique_not_contraindicated_is_refused() {
        List<Contraindication> withoutChair = URGENT.contraindications().stream()
                .filter(c -> c.code() != Advice.CRACK_SEATED_CHAIR).toList();
        assertRefused(copy(URGENT, URGENT.triage(), URGENT.recommendations(), withoutChair),
                "CRACK_SEATED_CHAIR is not contraindicated with triage URGENT");
    }

    @Test
    void a_red_flag_present_with_routine_triage_is_refused() {
        assertRefused(copy(URGENT, TriageLevel.ROUTINE, URGENT.recommendations(), URGENT.contraindications()),
                "red flag FEVER present but triage is ROUTINE, not URGENT");
    }

    @Test
    void an_unscreened_red_flag_with_self_care_triage_is_refused() {
        Assessment broken = new Assessment(SELF_CARE.triage(), List.of(), List.of(Finding.SADDLE_SENSATION_LOSS),
                SELF_CARE.stenosis(), SELF_CARE.recommendations(), SELF_CARE.clinicianActions(),
                SELF_CARE.contraindications(),
                SELF_CARE.firedRules(), SELF_CARE.knowledgeBase());
        assertRefused(broken, "red flags [SADDLE_SENSATION_LOSS] unscreened but triage is SELF_CARE");
    }

    // The whole answer, as the patient reads it

    @Test
    void an_urgent_answer_that_also_gives_lifestyle_advice_is_refused() {
        Assessment broken = copy(URGENT, URGENT.triage(),
                plus(URGENT.recommendations(), recommendation(Advice.REDUCE_SITTING, firstFiredId(URGENT))),
                URGENT.contraindications());
        assertRefused(broken, "triage URGENT must tell the patient only SEEK_URGENT_CARE");
    }

    @Test
    void an_emergency_answer_that_says_urgent_instead_is_refused() {
        assertRefused(copy(URGENT, TriageLevel.EMERGENCY, URGENT.recommendations(), URGENT.contraindications()),
                "triage EMERGENCY must tell the patient only SEEK_EMERGENCY_CARE");
    }

    @Test
    void a_routine_answer_that_does_not_start_with_the_reason_to_be_assessed_is_refused() {
        Assessment broken = copy(ROUTINE, ROUTINE.triage(), ROUTINE.recommendations().subList(1,
                ROUTINE.recommendations().size()), ROUTINE.contraindications());
        assertRefused(broken, "triage ROUTINE must first tell the patient SEEK_PROFESSIONAL_HELP");
    }

    @Test
    void a_self_care_answer_that_sends_the_patient_to_a_professional_is_refused() {
        Assessment broken = copy(SELF_CARE, SELF_CARE.triage(), plus(List.of(recommendation(
                Advice.SEEK_PROFESSIONAL_HELP, firstFiredId(SELF_CARE))), SELF_CARE.recommendations().get(0)),
                SELF_CARE.contraindications());
        assertRefused(broken, "SEEK_PROFESSIONAL_HELP contradicts triage SELF_CARE");
    }

    @Test
    void recommendations_out_of_clinical_order_are_refused() {
        List<Recommendation> reversed = new ArrayList<>(SELF_CARE.recommendations());
        java.util.Collections.reverse(reversed);
        assertRefused(copy(SELF_CARE, SELF_CARE.triage(), reversed, SELF_CARE.contraindications()),
                "recommendations are not in clinical order");
    }

    @Test
    void a_clinician_task_among_the_patients_recommendations_is_refused() {
        Assessment broken = copy(SELF_CARE, SELF_CARE.triage(), plus(SELF_CARE.recommendations(),
                recommendation(Advice.COMPLETE_RED_FLAG_SCREEN, firstFiredId(SELF_CARE))), SELF_CARE.contraindications());
        assertRefused(broken, "COMPLETE_RED_FLAG_SCREEN is for the clinician");
    }

    @Test
    void an_unscreened_red_flag_without_the_clinicians_task_is_refused() {
        assertRefused(new Assessment(ROUTINE.triage(), List.of(), List.of(Finding.FEVER), ROUTINE.stenosis(),
                ROUTINE.recommendations(), List.of(), ROUTINE.contraindications(), ROUTINE.firedRules(),
                ROUTINE.knowledgeBase()), "the clinician is not asked to complete the screen");
    }

    @Test
    void crack_less_often_without_a_technique_shown_is_refused() {
        List<Recommendation> withLimit = plus(ROUTINE.recommendations(),
                recommendation(Advice.LIMIT_CRACKING_FREQUENCY, firstFiredId(ROUTINE)));
        withLimit.sort(AssessmentAssembler.CLINICAL_ORDER);
        Assessment broken = copy(ROUTINE, ROUTINE.triage(), withLimit, ROUTINE.contraindications());
        assertRefused(broken, "LIMIT_CRACKING_FREQUENCY speaks of cracking, but no technique is shown");
    }

    @Test
    void pausing_self_cracking_beside_a_technique_is_refused() {
        List<Recommendation> withPause = new ArrayList<>(SELF_CARE.recommendations());
        withPause.add(0, recommendation(Advice.PAUSE_SELF_CRACKING, firstFiredId(SELF_CARE)));
        assertRefused(copy(SELF_CARE, SELF_CARE.triage(), withPause, SELF_CARE.contraindications()),
                "PAUSE_SELF_CRACKING beside a cracking technique");
    }

    @Test
    void cold_that_suggests_alternating_with_contraindicated_heat_is_refused() {
        List<Recommendation> withCold = new ArrayList<>(SELF_CARE.recommendations());
        withCold.add(0, recommendation(Advice.COLD_THERAPY, firstFiredId(SELF_CARE)));
        withCold.sort(AssessmentAssembler.CLINICAL_ORDER);
        assertRefused(copy(SELF_CARE, SELF_CARE.triage(), withCold,
                plus(SELF_CARE.contraindications(), contraindication(Advice.HEAT_THERAPY, firstFiredId(SELF_CARE)))),
                "COLD_THERAPY speaks of HEAT_THERAPY, which is contraindicated");
    }

    private static void assertRefused(Assessment broken, String expected) {
        AssessmentException e = assertThrows(AssessmentException.class, () -> SafetyInvariants.check(broken));
        assertTrue(e.getMessage().startsWith("safety invariant broken: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static Assessment copy(Assessment a, TriageLevel triage, List<Recommendation> recommendations,
                                   List<Contraindication> contraindications) {
        return new Assessment(triage, a.redFlags(), a.unscreenedRedFlags(), a.stenosis(), recommendations,
                a.clinicianActions(), contraindications, a.firedRules(), a.knowledgeBase());
    }

    /** Without the red flag's contraindications of stretches and heat, so that the triage check is what refuses. */
    private static List<Contraindication> crackingOnly(List<Contraindication> contraindications) {
        return contraindications.stream().filter(c -> c.code().isCrackingTechnique()).toList();
    }

    private static <T> List<T> plus(List<T> list, T item) {
        List<T> more = new ArrayList<>(list);
        more.add(item);
        return more;
    }

    private static Recommendation recommendation(Advice code, String ruleId) {
        return new Recommendation(code, code.category(), code.summary(), code.instructions(), code.source(),
                List.of(ruleId));
    }

    private static Contraindication contraindication(Advice code, String ruleId) {
        return new Contraindication(code, ContraindicationReason.ESCALATED_TRIAGE,
                List.of(ContraindicationReason.ESCALATED_TRIAGE), code.source(), List.of(ruleId));
    }

    private static String firstFiredId(Assessment a) {
        return a.firedRules().get(0).id();
    }

    /** A complete screen, no back pain: self-cracking is allowed. */
    private static PatientFacts screened() {
        return Patients.screened().pain(0).facts();
    }
}
