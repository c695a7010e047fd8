package org.spinecare.advisor.scenario;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.spinecare.advisor.Assessment;
import org.spinecare.advisor.Contraindication;
import org.spinecare.advisor.Recommendation;
import org.spinecare.advisor.RuleInfo;
import org.spinecare.kb.Advice;
import org.spinecare.kb.Finding;

/**
 * Compares an assessment with an expectation and says, in plain words, every way they differ: what was
 * expected and what came back. An empty list means the assessment meets the expectation.
 */
final class ExpectationMatcher {
    private final Map<String, RuleInfo> rulesById;

    ExpectationMatcher(Map<String, RuleInfo> rulesById) {
        this.rulesById = rulesById;
    }

    List<String> mismatches(Expectation expect, Assessment got) {
        List<String> out = new ArrayList<>();
        if (expect.triage() != null && expect.triage() != got.triage()) {
            out.add("Triage: expected " + expect.triage() + ", got " + got.triage() + ".");
        }
        if (expect.triageAtLeast() != null && expect.triageAtLeast().compareTo(got.triage()) < 0) {
            out.add("Triage: expected " + expect.triageAtLeast() + " or more urgent, got " + got.triage() + ".");
        }
        exactSet(out, "Red flags", expect.redFlags(), got.redFlags());
        exactSet(out, "Unscreened red flags", expect.unscreenedRedFlags(), got.unscreenedRedFlags());
        if (expect.stenosis() != null) {
            if (expect.stenosis().status() != got.stenosis().status()) {
                out.add("Stenosis: expected " + expect.stenosis().status() + ", got " + got.stenosis().status()
                        + ".");
            }
            exactSet(out, "Stenosis indicators", expect.stenosis().indicators(), got.stenosis().indicators());
        }
        for (Advice advice : expect.recommended()) {
            if (!got.recommends(advice)) {
                out.add("Recommended: expected " + advice + ", but it was not recommended"
                        + contraindication(got, advice).map(c -> "; it was contraindicated instead ("
                        + c.reasons() + ", by " + c.ruleIds() + ")").orElse("")
                        + ". Recommended were: " + list(codes(got.recommendations())) + ".");
            }
        }
        for (Advice advice : expect.notRecommended()) {
            recommendation(got, advice).ifPresent(r -> out.add("Not recommended: expected " + advice
                    + " not to be recommended, but it was (by " + r.ruleIds() + ")."));
        }
        for (Advice advice : expect.contraindicated()) {
            if (!got.contraindicates(advice)) {
                out.add("Contraindicated: expected " + advice + ", but it was not contraindicated"
                        + recommendation(got, advice).map(r -> "; it was recommended instead (by " + r.ruleIds()
                        + ")").orElse("")
                        + ". Contraindicated were: "
                        + list(got.contraindications().stream().map(Contraindication::code).toList()) + ".");
            }
        }
        for (Advice advice : expect.notContraindicated()) {
            contraindication(got, advice).ifPresent(c -> out.add("Not contraindicated: expected " + advice
                    + " not to be contraindicated, but it was (" + c.reasons() + ", by " + c.ruleIds() + ")."));
        }
        for (Advice advice : expect.clinicianActions()) {
            if (!got.asksClinician(advice)) {
                out.add("Clinician actions: expected " + advice + ", but the clinician was not asked to. Clinician "
                        + "actions were: " + list(codes(got.clinicianActions())) + ".");
            }
        }
        if (expect.recommendedInOrder() != null && !expect.recommendedInOrder().equals(codes(got.recommendations()))) {
            out.add("Recommended in order: expected exactly " + list(expect.recommendedInOrder()) + ", got "
                    + list(codes(got.recommendations())) + ".");
        }
        for (String id : expect.rulesFired()) {
            if (!got.fired(id)) {
                out.add("Rules fired: expected " + describe(id) + " to fire, but it did not.");
            }
        }
        for (String id : expect.rulesNotFired()) {
            if (got.fired(id)) {
                out.add("Rules not fired: expected " + describe(id) + " not to fire, but it did.");
            }
        }
        return out;
    }

    private static void exactSet(List<String> out, String what, List<Finding> expected, List<Finding> got) {
        if (expected == null || (expected.size() == got.size() && got.containsAll(expected))) {
            return;
        }
        List<Finding> missing = expected.stream().filter(f -> !got.contains(f)).toList();
        List<Finding> extra = got.stream().filter(f -> !expected.contains(f)).toList();
        out.add(what + ": expected exactly " + list(expected) + ", got " + list(got)
                + (missing.isEmpty() ? "" : "; missing " + list(missing))
                + (extra.isEmpty() ? "" : "; not expected " + list(extra)) + ".");
    }

    private String describe(String id) {
        RuleInfo rule = rulesById.get(id);
        return rule == null ? id : id + " (" + rule.name() + ")";
    }

    private static Optional<Recommendation> recommendation(Assessment got, Advice advice) {
        return got.recommendations().stream().filter(r -> r.code() == advice).findFirst();
    }

    private static Optional<Contraindication> contraindication(Assessment got, Advice advice) {
        return got.contraindications().stream().filter(c -> c.code() == advice).findFirst();
    }

    private static List<Advice> codes(List<Recommendation> recommendations) {
        return recommendations.stream().map(Recommendation::code).toList();
    }

    private static String list(Collection<?> items) {
        return items.isEmpty() ? "none" : items.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
