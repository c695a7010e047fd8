package org.spinecare.advisor;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.spinecare.kb.Advice;
import org.spinecare.kb.ContraindicationReason;
import org.spinecare.kb.Derivations;
import org.spinecare.kb.Diagnosis;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingGroup;
import org.spinecare.kb.FindingState;
import org.spinecare.kb.StenosisStatus;
import org.spinecare.kb.TensionOnset;
import org.spinecare.kb.TriageLevel;

/**
 * The other side of safety (issue 22): an answer must not withhold advice that guidance gives. Each check fails
 * when the answer is needlessly restrictive or escalates further than guidance does. The groupings are written here
 * from the wording, not read from the knowledge base, so that a rule or a model grouping that drifts is
 * caught over the whole sweep.
 */
final class UsefulnessInvariants {
    /** Features that call for a routine review, reportable ones (onset age, no improvement and pain are derived). */
    static final Set<Finding> ROUTINE_FEATURES = EnumSet.of(Finding.INFLAMMATORY_BACK_PAIN, Finding.OSTEOPOROSIS,
            Finding.LONG_TERM_STEROIDS, Finding.NOT_IMPROVING);
    static final Set<Finding> FRAGILE_BONE = EnumSet.of(Finding.OSTEOPOROSIS, Finding.LONG_TERM_STEROIDS);
    /** Objective loss of nerve function: weakness, lost sensation, a progressive deficit, a new gait problem. */
    static final Set<Finding> OBJECTIVE_DEFICIT = EnumSet.of(Finding.WEAKNESS, Finding.LEG_SENSATION_LOSS,
            Finding.SADDLE_SENSATION_LOSS, Finding.SEVERE_OR_PROGRESSIVE_WEAKNESS, Finding.GAIT_DISTURBANCE);
    static final Set<Advice> STENOSIS_ADVICE = EnumSet.of(Advice.STRETCH_KNEE_TO_CHEST,
            Advice.STRETCH_SEATED_TRUNK_ROTATION, Advice.STRETCH_PELVIC_TILT, Advice.AVOID_SPINE_OVEREXTENSION,
            Advice.STENOSIS_STRETCH_ROUTINE);
    static final int SEVERE_PAIN = 8;
    static final int NEW_PAIN_WEEKS = 6;
    static final int STENOSIS_FROM_AGE = 50;
    static final int ADULT_FROM_AGE = 16;

    private UsefulnessInvariants() {
    }

    /** Every usefulness check the answer breaks for these facts, as "check: detail"; empty when none. */
    static List<String> violations(PatientFacts facts, Assessment a, SpineAdvisor advisor) {
        List<String> out = new ArrayList<>();
        Set<Advice> recommended = EnumSet.noneOf(Advice.class);
        a.recommendations().forEach(r -> recommended.add(r.code()));
        boolean urgentSign = urgentSign(facts);
        boolean deficit = OBJECTIVE_DEFICIT.stream().anyMatch(f -> present(facts, f));
        boolean complete = screenComplete(facts);
        boolean adult = facts.ageYears() != null && facts.ageYears() >= ADULT_FROM_AGE;

        if (a.triage().escalated() && !urgentSign) {
            out.add("escalated without an urgent sign: " + a.triage());
        }
        if (!urgentSign && !deficit) {
            a.contraindications().stream().filter(c -> c.code().isStretch())
                    .filter(c -> c.reasons().contains(ContraindicationReason.RED_FLAG)
                            || c.reasons().contains(ContraindicationReason.NEUROLOGICAL_DEFICIT))
                    .forEach(c -> out.add("stretch withheld without an urgent sign or an objective deficit: "
                            + c.code() + " " + c.reasons()));
        }
        if (adult && complete && !urgentSign && !deficit && !otherGate(facts) && complaint(facts, a)
                && recommended.stream().noneMatch(UsefulnessInvariants::movement)) {
            out.add("screened adult with a complaint, no urgent sign, no deficit: no movement advice");
        }
        boolean suspectedOrKnown = a.stenosis().status() != StenosisStatus.NOT_INDICATED;
        if (suspectedOrKnown && complete && !urgentSign && !deficit && !otherGate(facts)
                && !recommended.containsAll(STENOSIS_ADVICE)) {
            out.add("stenosis " + a.stenosis().status() + " without an urgent sign or deficit: stenosis advice "
                    + "missing " + missing(STENOSIS_ADVICE, recommended));
        }
        if (a.stenosis().status() == StenosisStatus.POSSIBLE && facts.ageYears() != null
                && facts.ageYears() < STENOSIS_FROM_AGE) {
            out.add("possible stenosis at " + facts.ageYears());
        }
        if (facts.painScore() != null && facts.painScore() >= SEVERE_PAIN && a.triage() == TriageLevel.SELF_CARE) {
            out.add("pain " + facts.painScore() + "/10 left to self-care");
        }
        if (facts.ageYears() != null && facts.ageYears() < ADULT_FROM_AGE) {
            a.recommendations().stream().filter(r -> r.source().contains("NG59")
                            || r.instructions().stream().anyMatch(i -> i.contains("NG59")))
                    .forEach(r -> out.add("child of " + facts.ageYears() + " told adult guidance: " + r.code()));
            forbid(out, "child", recommended, Advice::isManipulation);
        }
        if (!complete) {
            forbid(out, "incomplete screen", recommended, x -> x == Advice.REGULAR_EXERCISE || x == Advice.STAY_ACTIVE);
        }
        if (recommended.contains(Advice.MASSAGE_OR_ACUPUNCTURE)
                && (present(facts, Finding.ANTICOAGULANT_OR_BLEEDING_DISORDER)
                || FRAGILE_BONE.stream().anyMatch(f -> present(facts, f)))
                && a.recommendations().stream().filter(r -> r.code() == Advice.MASSAGE_OR_ACUPUNCTURE)
                .noneMatch(r -> r.instructions().stream().anyMatch(i -> i.toLowerCase().contains("gentle")))) {
            out.add("massage with a bleeding risk or fragile bone without a gentle-only note");
        }
        if (!urgentSign && hasRoutineFeature(facts)) {
            keptWithoutRoutineFeatures(facts, a, recommended, advisor, out);
        }
        return out;
    }

    /**
     * A routine-review feature alone never withholds stretches, heat or staying active: whatever the same facts
     * without the features get of these, the facts with them get too.
     */
    private static void keptWithoutRoutineFeatures(PatientFacts facts, Assessment a, Set<Advice> recommended,
                                                   SpineAdvisor advisor, List<String> out) {
        Map<Finding, FindingState> findings = new EnumMap<>(Finding.class);
        findings.putAll(facts.findings());
        ROUTINE_FEATURES.forEach(f -> {
            if (facts.stateOf(f) == FindingState.PRESENT) {
                findings.put(f, FindingState.ABSENT);
            }
        });
        // Boxed on both branches: with an int on one, a missing pain score would be unboxed and throw.
        Integer pain = facts.painScore() != null && facts.painScore() >= SEVERE_PAIN
                ? Integer.valueOf(SEVERE_PAIN - 1) : facts.painScore();
        PatientFacts without = new PatientFacts(null, facts.ageYears(), pain, findings, facts.diagnoses(),
                facts.cracking(), facts.tensionOnset(), facts.sittingHoursPerDay(), facts.symptomDurationWeeks());
        Assessment baseline = advisor.assess(without);
        baseline.recommendations().stream().map(Recommendation::code)
                .filter(x -> x.isStretch() || x == Advice.HEAT_THERAPY || x == Advice.STAY_ACTIVE)
                .filter(x -> !recommended.contains(x))
                .forEach(x -> out.add("routine-review feature withholds " + x + " (" + a.triage() + ")"));
    }

    /** A sign for same-day or urgent assessment, or the combination guidance escalates (fragile bone, new pain). */
    static boolean urgentSign(PatientFacts facts) {
        boolean urgentFlag = Finding.inGroup(FindingGroup.RED_FLAG).stream().filter(f -> !f.isDerived())
                .filter(f -> !ROUTINE_FEATURES.contains(f)).anyMatch(f -> present(facts, f));
        return urgentFlag || (FRAGILE_BONE.stream().anyMatch(f -> present(facts, f)) && newPainPossible(facts));
    }

    private static boolean newPainPossible(PatientFacts facts) {
        FindingState pain = Derivations.backPain(facts.stateOf(Finding.LOWER_BACK_PAIN), facts.painScore());
        if (pain == FindingState.ABSENT) {
            return false;
        }
        Integer weeks = facts.symptomDurationWeeks();
        return facts.tensionOnset() == TensionOnset.ACUTE || weeks == null || weeks < NEW_PAIN_WEEKS;
    }

    private static boolean hasRoutineFeature(PatientFacts facts) {
        return ROUTINE_FEATURES.stream().anyMatch(f -> present(facts, f))
                || (facts.painScore() != null && facts.painScore() >= SEVERE_PAIN);
    }

    /** Gates that withhold movement for their own reason: inflammation signs, stretching that failed. */
    private static boolean otherGate(PatientFacts facts) {
        return present(facts, Finding.BACK_SWELLING) || present(facts, Finding.BACK_REDNESS)
                || present(facts, Finding.BACK_WARMTH) || present(facts, Finding.STIFFNESS_NOT_RELIEVED_BY_STRETCHING);
    }

    /** Something the article or guidance meets with movement advice. */
    private static boolean complaint(PatientFacts facts, Assessment a) {
        return Derivations.backPain(facts.stateOf(Finding.LOWER_BACK_PAIN), facts.painScore()) == FindingState.PRESENT
                || present(facts, Finding.BACK_TENSION) || present(facts, Finding.URGE_TO_POP)
                || present(facts, Finding.LOCKED_BACK)
                || (facts.cracking() != null && facts.cracking().frequency() != null
                && facts.cracking().frequency() != org.spinecare.kb.CrackingFrequency.NEVER)
                || facts.diagnoses().contains(Diagnosis.SPINAL_STENOSIS)
                || a.stenosis().status() != StenosisStatus.NOT_INDICATED;
    }

    private static boolean movement(Advice advice) {
        return advice.isStretch() || advice == Advice.STAY_ACTIVE || advice == Advice.REGULAR_EXERCISE
                || advice == Advice.YOGA;
    }

    /** Every reportable red flag and "not improving" reported, an age, and from 50 a duration. */
    private static boolean screenComplete(PatientFacts facts) {
        boolean flags = Finding.inGroup(FindingGroup.RED_FLAG).stream().filter(f -> !f.isDerived())
                .noneMatch(f -> facts.stateOf(f) == FindingState.UNKNOWN);
        return flags && Derivations.onsetAgeUnder20OrOver50(facts.ageYears(), facts.symptomDurationWeeks())
                != FindingState.UNKNOWN
                && Derivations.noImprovementAfterFourWeeks(facts.stateOf(Finding.NOT_IMPROVING),
                facts.symptomDurationWeeks()) != FindingState.UNKNOWN;
    }

    private static boolean present(PatientFacts facts, Finding finding) {
        return facts.stateOf(finding) == FindingState.PRESENT;
    }

    private static Set<Advice> missing(Set<Advice> wanted, Set<Advice> recommended) {
        Set<Advice> missing = EnumSet.copyOf(wanted);
        missing.removeAll(recommended);
        return missing;
    }

    private static void forbid(List<String> out, String gate, Set<Advice> recommended, Predicate<Advice> forbidden) {
        recommended.stream().filter(forbidden).forEach(advice -> out.add(gate + ": " + advice + " recommended"));
    }
}
