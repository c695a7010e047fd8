package org.spinecare.advisor.impact;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.spinecare.advisor.Assessment;
import org.spinecare.advisor.Contraindication;
import org.spinecare.advisor.FiredRule;
import org.spinecare.advisor.Recommendation;
import org.spinecare.kb.Advice;
import org.spinecare.kb.TriageLevel;

/**
 * What a change of release does to one patient: both triages, and every code that appeared or disappeared. Codes
 * only, so that it can be written as a JSON line and aggregated without keeping the assessments.
 *
 * @param fromTriage         the old release's triage, or null when it gave no answer ({@code fromError})
 * @param fromNotModelled    input fields the old release does not model and was therefore not told (JSON paths)
 * @param lessSafe           why the new answer is less safe ({@link LessSafe}), empty when it is not
 * @param adviceGained       advice (to the patient or the clinician) the new release gives and the old did not
 * @param rulesStarted       rules that fire for this patient only under the new release
 */
public record PatientImpact(long line, String inputSha256, TriageLevel fromTriage, TriageLevel toTriage,
                            String fromError, String toError, List<String> fromNotModelled,
                            List<String> toNotModelled, List<String> lessSafe, List<String> adviceGained,
                            List<String> adviceLost, List<String> contraindicationsGained,
                            List<String> contraindicationsLost, List<String> rulesStarted,
                            List<String> rulesStopped) {

    /** The ways an answer can become less safe, in the safety invariants' terms. */
    public enum LessSafe {
        /** The triage is less urgent than before. */
        ESCALATION_DROPPED,
        /** Something done to the back (a technique, a stretch, hands-on treatment) is newly recommended. */
        TECHNIQUE_NEWLY_RECOMMENDED,
        /** Something the old release forbade is no longer contraindicated. */
        CONTRAINDICATION_LOST
    }

    /** Compares two answers for the same patient; an answer that failed is given as its error message. */
    public static PatientImpact of(long line, String inputSha256, Assessment from, String fromError,
                                   List<String> fromNotModelled, Assessment to, String toError,
                                   List<String> toNotModelled) {
        Set<String> fromAdvice = codes(from, a -> advice(a));
        Set<String> toAdvice = codes(to, a -> advice(a));
        Set<String> fromContra = codes(from, a -> a.contraindications().stream().map(c -> c.code().name()));
        Set<String> toContra = codes(to, a -> a.contraindications().stream().map(c -> c.code().name()));
        Set<String> fromRules = codes(from, a -> a.firedRules().stream().map(FiredRule::id));
        Set<String> toRules = codes(to, a -> a.firedRules().stream().map(FiredRule::id));
        List<String> lessSafe = new ArrayList<>();
        if (from != null && to != null) {
            if (from.triage().moreUrgentThan(to.triage())) {
                lessSafe.add(LessSafe.ESCALATION_DROPPED + ":" + from.triage() + "->" + to.triage());
            }
            for (Recommendation r : to.recommendations()) {
                if (r.code().isDoneToTheBack() && !from.recommends(r.code())) {
                    lessSafe.add(LessSafe.TECHNIQUE_NEWLY_RECOMMENDED + ":" + r.code());
                }
            }
            for (Contraindication c : from.contraindications()) {
                if (!to.contraindicates(c.code())) {
                    lessSafe.add(LessSafe.CONTRAINDICATION_LOST + ":" + c.code());
                }
            }
        }
        boolean both = from != null && to != null;
        return new PatientImpact(line, inputSha256, from == null ? null : from.triage(),
                to == null ? null : to.triage(), fromError, toError, fromNotModelled, toNotModelled, lessSafe,
                both ? minus(toAdvice, fromAdvice) : List.of(), both ? minus(fromAdvice, toAdvice) : List.of(),
                both ? minus(toContra, fromContra) : List.of(), both ? minus(fromContra, toContra) : List.of(),
                both ? minus(toRules, fromRules) : List.of(), both ? minus(fromRules, toRules) : List.of());
    }

    /** Whether anything differs between the two answers (or either failed). */
    public boolean changed() {
        return fromError != null || toError != null || fromTriage != toTriage || !adviceGained.isEmpty()
                || !adviceLost.isEmpty() || !contraindicationsGained.isEmpty() || !contraindicationsLost.isEmpty()
                || !rulesStarted.isEmpty() || !rulesStopped.isEmpty();
    }

    public boolean isLessSafe() {
        return !lessSafe.isEmpty();
    }

    private static java.util.stream.Stream<String> advice(Assessment a) {
        return java.util.stream.Stream.concat(a.recommendations().stream(), a.clinicianActions().stream())
                .map(Recommendation::code).map(Advice::name);
    }

    private static Set<String> codes(Assessment a, Function<Assessment, java.util.stream.Stream<String>> codes) {
        return a == null ? Set.of() : codes.apply(a).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> minus(Set<String> a, Set<String> b) {
        return a.stream().filter(x -> !b.contains(x)).sorted().toList();
    }
}
