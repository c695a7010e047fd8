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

    @Test
    void the_real_assessments_used_here_pass_the_check() {
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
                URGENT.contraindications());
        assertRefused(broken, "STRETCH_PELVIC_TILT is recommended with triage URGENT");
    }

    @Test
    void heat_recommended_with_emergency_triage_is_refused() {
        Assessment broken = copy(URGENT, TriageLevel.EMERGENCY,
                plus(URGENT.recommendations(), recommendation(Advice.HEAT_THERAPY, firstFiredId(URGENT))),
                URGENT.contraindications());
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
                "red flags [FEVER] present but triage is ROUTINE");
    }

    @Test
    void an_unscreened_red_flag_with_self_care_triage_is_refused() {
        Assessment broken = new Assessment(SELF_CARE.triage(), List.of(), List.of(Finding.SADDLE_SENSATION_LOSS),
                SELF_CARE.stenosis(), SELF_CARE.recommendations(), SELF_CARE.clinicianActions(),
                SELF_CARE.contraindications(),
                SELF_CARE.firedRules(), SELF_CARE.knowledgeBase());
        assertRefused(broken, "red flags [SADDLE_SENSATION_LOSS] unscreened but triage is SELF_CARE");
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

    private static PatientFacts screened() {
        PatientFacts facts = PatientFacts.empty();
        for (Finding flag : Finding.inGroup(FindingGroup.RED_FLAG)) {
            facts = facts.withFinding(flag, FindingState.ABSENT);
        }
        return facts;
    }
}
