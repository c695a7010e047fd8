package org.spinecare.advisor;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.spinecare.kb.Advice;
import org.spinecare.kb.Audience;
import org.spinecare.kb.Finding;
import org.spinecare.kb.Instruction;
import org.spinecare.kb.TriageLevel;

/**
 * Invariants every assessment must meet before it leaves the library, rule by rule and as a whole answer read top to
 * bottom. The rules are written to meet them; this is the second line of defence, so that a faulty rule change
 * gives an error, never unsafe or self-contradicting advice.
 */
final class SafetyInvariants {
    private static final Set<Advice> CRACKING_TECHNIQUES = EnumSet.copyOf(Advice.crackingTechniques());

    private SafetyInvariants() {
    }

    static void check(Assessment a) {
        check(a, true);
    }

    /**
     * @param wholeAnswer whether the release composes the whole answer (knowledge base 2.0.0 on: the escalation
     *                    first, in {@link org.spinecare.kb.AnswerSection} order). An older release is held to the
     *                    rule-by-rule invariants only: they are the safety floor of every release, while the
     *                    whole-answer checks test a composition it never had. docs/releases.md says why.
     */
    static void check(Assessment a, boolean wholeAnswer) {
        Set<Advice> contraindicated = EnumSet.noneOf(Advice.class);
        a.contraindications().forEach(c -> contraindicated.add(c.code()));
        Set<Advice> recommended = EnumSet.noneOf(Advice.class);
        a.recommendations().forEach(r -> recommended.add(r.code()));
        Set<String> firedIds = a.firedRules().stream().map(FiredRule::id).collect(Collectors.toSet());
        for (Recommendation r : a.recommendations()) {
            if (contraindicated.contains(r.code())) {
                throw violation(r.code() + " is both recommended and contraindicated");
            }
            if (r.code().isSelfCareTechnique() && a.triage().escalated()) {
                throw violation(r.code() + " is recommended with triage " + a.triage());
            }
            if (r.code().audience() != Audience.PATIENT) {
                throw violation(r.code() + " is for the clinician but is among the patient's recommendations");
            }
            for (Advice mentioned : r.code().refersTo()) {
                if (contraindicated.contains(mentioned)) {
                    throw violation(r.code() + " speaks of " + mentioned + ", which is contraindicated");
                }
            }
            requireFired(r.code(), r.ruleIds(), firedIds);
        }
        for (Recommendation r : a.clinicianActions()) {
            if (r.code().audience() != Audience.CLINICIAN) {
                throw violation(r.code() + " is for the patient but is among the clinician's actions");
            }
            requireFired(r.code(), r.ruleIds(), firedIds);
        }
        for (Contraindication c : a.contraindications()) {
            requireFired(c.code(), c.ruleIds(), firedIds);
        }
        if (a.triage() != TriageLevel.SELF_CARE && !contraindicated.containsAll(CRACKING_TECHNIQUES)) {
            Advice allowed = CRACKING_TECHNIQUES.stream().filter(c -> !contraindicated.contains(c)).findFirst()
                    .orElseThrow();
            throw violation(allowed + " is not contraindicated with triage " + a.triage());
        }
        for (Finding flag : a.redFlags()) {
            TriageLevel least = flag.redFlagCategory().minimumTriage();
            if (least.moreUrgentThan(a.triage())) {
                throw violation("red flag " + flag + " present but triage is " + a.triage() + ", not " + least);
            }
        }
        if (!a.unscreenedRedFlags().isEmpty()) {
            if (a.triage() == TriageLevel.SELF_CARE) {
                throw violation("red flags " + a.unscreenedRedFlags() + " unscreened but triage is SELF_CARE");
            }
            if (!a.asksClinician(Advice.COMPLETE_RED_FLAG_SCREEN)) {
                throw violation("red flags " + a.unscreenedRedFlags() + " unscreened but the clinician is not asked "
                        + "to complete the screen");
            }
        }
        if (wholeAnswer) {
            checkWholeAnswer(a, recommended);
        }
    }

    /** The answer as the patient reads it: triage first, nothing that contradicts it or another sentence. */
    private static void checkWholeAnswer(Assessment a, Set<Advice> recommended) {
        List<Recommendation> recommendations = a.recommendations();
        Advice escalation = Advice.escalationFor(a.triage());
        if (a.triage().escalated() && !(recommendations.size() == 1 && recommendations.get(0).code() == escalation)) {
            throw violation("triage " + a.triage() + " must tell the patient only " + escalation + ", but the answer "
                    + "holds " + codes(recommendations));
        }
        if (a.triage() == TriageLevel.ROUTINE && (recommendations.isEmpty() || recommendations.get(0).code() != escalation)) {
            throw violation("triage ROUTINE must first tell the patient " + escalation + ", but the answer starts "
                    + "with " + codes(recommendations));
        }
        if (a.triage() == TriageLevel.SELF_CARE) {
            for (Advice advice : recommended) {
                if (advice.section() == org.spinecare.kb.AnswerSection.ESCALATION) {
                    throw violation(advice + " contradicts triage SELF_CARE");
                }
            }
        }
        for (int i = 1; i < recommendations.size(); i++) {
            if (AssessmentAssembler.CLINICAL_ORDER.compare(recommendations.get(i - 1), recommendations.get(i)) > 0) {
                throw violation("recommendations are not in clinical order: " + codes(recommendations));
            }
        }
        boolean techniqueShown = recommended.stream().anyMatch(Advice::isCrackingTechnique);
        if (techniqueShown && recommended.contains(Advice.PAUSE_SELF_CRACKING)) {
            throw violation("PAUSE_SELF_CRACKING beside a cracking technique");
        }
        if (techniqueShown && recommended.contains(Advice.CONSULT_BEFORE_CRACKING)) {
            throw violation("CONSULT_BEFORE_CRACKING beside a cracking technique it should have withheld");
        }
        if (!techniqueShown && recommended.contains(Advice.LIMIT_CRACKING_FREQUENCY)) {
            throw violation("LIMIT_CRACKING_FREQUENCY speaks of cracking, but no technique is shown");
        }
        String pointsToShownTechniques = Instruction.USE_ONLY_SHOWN_TECHNIQUES.text();
        if (!techniqueShown && recommendations.stream().anyMatch(r -> r.instructions().contains(pointsToShownTechniques))) {
            throw violation("an instruction points to the techniques shown, but none is shown");
        }
    }

    private static List<Advice> codes(List<Recommendation> recommendations) {
        return recommendations.stream().map(Recommendation::code).toList();
    }

    private static void requireFired(Advice code, List<String> ruleIds, Set<String> firedIds) {
        if (ruleIds.isEmpty() || !firedIds.containsAll(ruleIds)) {
            throw violation(code + " names rules " + ruleIds + " that are not all in the fired rules");
        }
    }

    private static AssessmentException violation(String what) {
        return new AssessmentException("safety invariant broken: " + what);
    }
}
