package org.spinecare.advisor;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.spinecare.kb.Advice;
import org.spinecare.kb.Derivations;
import org.spinecare.kb.Diagnosis;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingGroup;
import org.spinecare.kb.FindingState;
import org.spinecare.kb.FindingTrait;
import org.spinecare.kb.StenosisStatus;
import org.spinecare.kb.TriageLevel;

/**
 * The clinical gates of knowledge base 2.0, as calibrated in 3.0.0 (issue 22: only a sign for urgent assessment
 * withholds everything done to the back; a deficit is an objective loss), checked from the facts to the answer, independently of the rules that
 * implement them: what a patient with a given finding must never be told. Written from the wording, not
 * from the DRL, so that a rule that forgets a gate is caught over the whole sweep.
 */
final class WholeAnswerInvariants {
    private WholeAnswerInvariants() {
    }

    /** Every gate the answer breaks for these facts, as "gate: detail"; empty when none. */
    static List<String> violations(PatientFacts facts, Assessment a) {
        List<String> out = new ArrayList<>();
        Set<Advice> recommended = EnumSet.noneOf(Advice.class);
        a.recommendations().forEach(r -> recommended.add(r.code()));

        boolean redFlagPresent = facts.findings().entrySet().stream()
                .anyMatch(e -> e.getKey().isRedFlag() && e.getValue() == FindingState.PRESENT)
                || derivedOnsetAge(facts) == FindingState.PRESENT || derivedNoImprovement(facts) == FindingState.PRESENT;
        if (redFlagPresent && a.triage() == TriageLevel.SELF_CARE) {
            out.add("red flag present: triage SELF_CARE");
        }
        boolean urgentSign = UsefulnessInvariants.urgentSign(facts);
        if (urgentSign) {
            forbid(out, "urgent sign present", recommended, Advice::isDoneToTheBack);
            if (!a.triage().escalated()) {
                out.add("urgent sign present: triage " + a.triage());
            }
        }
        for (var e : facts.findings().entrySet()) {
            if (e.getKey().isRedFlag() && e.getValue() == FindingState.PRESENT
                    && e.getKey().redFlagCategory().minimumTriage().moreUrgentThan(a.triage())) {
                out.add("red flag " + e.getKey() + " present: triage " + a.triage() + " is below "
                        + e.getKey().redFlagCategory().minimumTriage());
            }
        }
        boolean unscreened = a.triage() != TriageLevel.SELF_CARE && !a.unscreenedRedFlags().isEmpty();
        if (screenIncomplete(facts)) {
            if (!unscreened && !a.triage().escalated()) {
                out.add("incomplete screen: triage " + a.triage() + " with unscreened " + a.unscreenedRedFlags());
            }
            forbid(out, "incomplete screen", recommended, Advice::isDoneToTheBack);
        }
        FindingState backPain = Derivations.backPain(facts.stateOf(Finding.LOWER_BACK_PAIN), facts.painScore());
        if (backPain != FindingState.ABSENT) {
            forbid(out, "back pain " + backPain, recommended, Advice::isCrackingTechnique);
        }
        boolean adult = facts.ageYears() != null && facts.ageYears() >= 16;
        if (backPain == FindingState.PRESENT && adult && !urgentSign && !screenIncomplete(facts)
                && !a.triage().escalated() && !recommended.contains(Advice.STAY_ACTIVE)) {
            out.add("plain back pain: no advice to stay active");
        }
        if (present(facts, FindingTrait.SIGN_OF_INFLAMMATION)) {
            forbid(out, "sign of inflammation", recommended, x -> x.isHandsOnOrMovement() || x == Advice.HEAT_THERAPY);
        }
        if (present(facts, FindingTrait.OBJECTIVE_NEUROLOGICAL_DEFICIT)) {
            forbid(out, "objective neurological deficit", recommended, Advice::isHandsOnOrMovement);
        }
        if (present(facts, FindingTrait.REDUCED_SKIN_SENSATION)) {
            forbid(out, "reduced skin sensation", recommended, Advice::isHeatOrCold);
        }
        if (present(facts, FindingTrait.STRETCHING_FAILED)) {
            forbid(out, "stretching failed", recommended, Advice::isStretch);
        }
        if (facts.ageYears() != null && facts.ageYears() < 16) {
            forbid(out, "child", recommended, Advice::isManipulation);
            if (a.triage() == TriageLevel.SELF_CARE) {
                out.add("child: triage SELF_CARE");
            }
        }
        if (facts.ageYears() != null && facts.ageYears() >= 65) {
            forbid(out, "65 or over", recommended, Advice::isManipulation);
        }
        boolean manipulationRisk = facts.findings().entrySet().stream()
                .anyMatch(e -> e.getKey().isManipulationRisk() && e.getValue() == FindingState.PRESENT);
        if (manipulationRisk) {
            forbid(out, "manipulation risk", recommended, Advice::isManipulation);
        }
        boolean manipulationUnscreened = Finding.inGroup(FindingGroup.MANIPULATION_SAFETY).stream()
                .anyMatch(f -> facts.stateOf(f) == FindingState.UNKNOWN);
        if (manipulationUnscreened) {
            forbid(out, "manipulation safety unscreened", recommended, Advice::isCrackingTechnique);
        }
        if (facts.stateOf(Finding.SCIATICA) == FindingState.PRESENT && a.triage() == TriageLevel.SELF_CARE) {
            out.add("sciatica: triage SELF_CARE");
        }
        if (!facts.diagnoses().isEmpty()) {
            forbid(out, "diagnosis", recommended, Advice::isCrackingTechnique);
        }
        if (facts.diagnoses().contains(Diagnosis.HERNIATED_DISC) && a.stenosis().status() == StenosisStatus.POSSIBLE) {
            out.add("herniated disc relabelled as possible stenosis");
        }
        return out;
    }

    private static void forbid(List<String> out, String gate, Set<Advice> recommended, Predicate<Advice> forbidden) {
        recommended.stream().filter(forbidden).forEach(advice -> out.add(gate + ": " + advice + " recommended"));
    }

    private static boolean present(PatientFacts facts, FindingTrait trait) {
        return Finding.withTrait(trait).stream().anyMatch(f -> facts.stateOf(f) == FindingState.PRESENT);
    }

    private static boolean screenIncomplete(PatientFacts facts) {
        boolean reportedUnknown = Finding.inGroup(FindingGroup.RED_FLAG).stream()
                .filter(f -> !f.isDerived()).anyMatch(f -> facts.stateOf(f) == FindingState.UNKNOWN);
        return reportedUnknown || derivedOnsetAge(facts) == FindingState.UNKNOWN
                || derivedNoImprovement(facts) == FindingState.UNKNOWN;
    }

    private static FindingState derivedOnsetAge(PatientFacts facts) {
        return Derivations.onsetAgeUnder20OrOver50(facts.ageYears(), facts.symptomDurationWeeks());
    }

    private static FindingState derivedNoImprovement(PatientFacts facts) {
        return Derivations.noImprovementAfterFourWeeks(facts.stateOf(Finding.NOT_IMPROVING),
                facts.symptomDurationWeeks());
    }
}
