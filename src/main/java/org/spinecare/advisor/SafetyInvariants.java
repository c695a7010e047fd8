package org.spinecare.advisor;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.spinecare.kb.Advice;
import org.spinecare.kb.TriageLevel;

/**
 * Invariants every assessment must meet before it leaves the library. The rules are written to meet them; this
 * is the second line of defence, so that a faulty rule change gives an error, never unsafe advice.
 */
final class SafetyInvariants {
    private static final Set<Advice> CRACKING_TECHNIQUES = EnumSet.copyOf(
            java.util.Arrays.stream(Advice.values()).filter(Advice::isCrackingTechnique).toList());

    private SafetyInvariants() {
    }

    static void check(Assessment a) {
        Set<Advice> contraindicated = EnumSet.noneOf(Advice.class);
        a.contraindications().forEach(c -> contraindicated.add(c.code()));
        Set<String> firedIds = a.firedRules().stream().map(FiredRule::id).collect(Collectors.toSet());
        for (Recommendation r : a.recommendations()) {
            if (contraindicated.contains(r.code())) {
                throw violation(r.code() + " is both recommended and contraindicated");
            }
            if (r.code().isSelfCareTechnique()
                    && (a.triage() == TriageLevel.EMERGENCY || a.triage() == TriageLevel.URGENT)) {
                throw violation(r.code() + " is recommended with triage " + a.triage());
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
        if (!a.redFlags().isEmpty() && !a.triage().moreUrgentThan(TriageLevel.ROUTINE)) {
            throw violation("red flags " + a.redFlags() + " present but triage is " + a.triage());
        }
        if (!a.unscreenedRedFlags().isEmpty() && a.triage() == TriageLevel.SELF_CARE) {
            throw violation("red flags " + a.unscreenedRedFlags() + " unscreened but triage is SELF_CARE");
        }
    }

    private static void requireFired(Advice code, java.util.List<String> ruleIds, Set<String> firedIds) {
        if (ruleIds.isEmpty() || !firedIds.containsAll(ruleIds)) {
            throw violation(code + " names rules " + ruleIds + " that are not all in the fired rules");
        }
    }

    private static AssessmentException violation(String what) {
        return new AssessmentException("safety invariant broken: " + what);
    }
}
