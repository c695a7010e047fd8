package org.spinecare.advisor.service;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.spinecare.advisor.Assessment;
import org.spinecare.advisor.Contraindication;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.advisor.Recommendation;
import org.spinecare.advisor.fhir.ClinicalLabels;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingState;
import org.spinecare.kb.RedFlagCategory;

/**
 * The Markdown {@code detail} of the card, in words and in the order a clinician needs it: what to do, the findings
 * that led there, what is not yet asked, what must not be done and why. The fired rules and their sources are one
 * click away (the card's explanation link), never inline. Kept within {@link #BUDGET} characters for the README's
 * examples (tested), so that it is read and not scrolled.
 */
final class CardDetail {
    /** The length the README's three examples stay within. */
    static final int BUDGET = 1_200;

    private CardDetail() {
    }

    static String of(Assessment a, PatientFacts facts, List<String> notes) {
        StringBuilder md = new StringBuilder();
        doNow(md, a);
        why(md, a, facts);
        notYetAsked(md, a);
        doNot(md, a);
        if (!notes.isEmpty()) {
            md.append("**Input incomplete or not used (unscreened, not absent):**\n\n");
            notes.forEach(note -> md.append("- ").append(note).append("\n"));
            md.append("\n");
        }
        return md.toString().strip() + "\n";
    }

    private static void doNow(StringBuilder md, Assessment a) {
        List<Recommendation> advice = a.recommendations();
        boolean escalation = CardFactory.escalated(a.triage()) && !advice.isEmpty();
        md.append("**Do now:** ").append(escalation ? advice.get(0).summary()
                : CardFactory.escalated(a.triage()) ? "this knowledge base release gives no escalation advice."
                : "Self-care, with the steps in the patient handout.").append("\n\n");
        if (!a.clinicianActions().isEmpty()) {
            md.append("**Before any self-care:** ").append(a.clinicianActions().stream()
                    .map(r -> ClinicalLabels.advice(r.code())).collect(Collectors.joining("; "))).append(".\n\n");
        }
        List<Recommendation> selfCare = advice.subList(escalation ? 1 : 0, advice.size());
        if (!selfCare.isEmpty()) {
            md.append("**Advised** (steps in the patient handout): ").append(selfCare.stream()
                    .map(r -> ClinicalLabels.advice(r.code())).collect(Collectors.joining(", "))).append(".\n\n");
        }
    }

    private static void why(StringBuilder md, Assessment a, PatientFacts facts) {
        List<String> reasons = new ArrayList<>();
        if (!a.redFlags().isEmpty()) {
            reasons.add("Red flags present: " + findings(a.redFlags()) + ".");
        } else if (a.unscreenedRedFlags().isEmpty()) {
            reasons.add("Red-flag screen complete, none present.");
        }
        List<Finding> otherPresent = facts.findings().entrySet().stream()
                .filter(e -> e.getValue() == FindingState.PRESENT && !a.redFlags().contains(e.getKey()))
                .map(Map.Entry::getKey).toList();
        if (!otherPresent.isEmpty()) {
            reasons.add((a.redFlags().isEmpty() ? "Reported: " : "Also reported: ") + findings(otherPresent) + ".");
        }
        if (!facts.diagnoses().isEmpty()) {
            reasons.add("Diagnosed: " + facts.diagnoses().stream().map(ClinicalLabels::diagnosis)
                    .map(CardDetail::lowerFirst).collect(Collectors.joining(", ")) + ".");
        }
        if (a.stenosis().status().suspectedOrKnown() && facts.diagnoses().isEmpty()) {
            reasons.add(ClinicalLabels.stenosis(a.stenosis().status()) + ".");
        }
        md.append("**Why:** ").append(String.join(" ", reasons)).append("\n\n");
    }

    private static void notYetAsked(StringBuilder md, Assessment a) {
        if (a.unscreenedRedFlags().isEmpty()) {
            return;
        }
        md.append("**Not yet asked** (unknown, not absent): ").append(groupedRedFlags(a.unscreenedRedFlags()))
          .append(" (").append(a.unscreenedRedFlags().size()).append(" red flags).\n\n");
    }

    /** "4 cancer signs, 3 infection signs", most urgent category first. */
    static String groupedRedFlags(List<Finding> flags) {
        Map<RedFlagCategory, Integer> counts = new EnumMap<>(RedFlagCategory.class);
        flags.forEach(f -> counts.merge(f.redFlagCategory(), 1, Integer::sum));
        return counts.entrySet().stream().map(e -> ClinicalLabels.redFlags(e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** Techniques with the same reasons on one line, so that a list of twelve reads as four. */
    private static void doNot(StringBuilder md, Assessment a) {
        if (a.contraindications().isEmpty()) {
            return;
        }
        Map<String, List<String>> byReasons = new LinkedHashMap<>();
        for (Contraindication c : a.contraindications()) {
            String why = c.reasons().stream().map(ClinicalLabels::reason).collect(Collectors.joining("; "));
            byReasons.computeIfAbsent(why, k -> new ArrayList<>()).add(ClinicalLabels.advice(c.code()));
        }
        md.append("**Do not use:**\n\n");
        byReasons.forEach((why, advice) -> md.append("- ").append(String.join(", ", advice)).append(": ")
                .append(why).append("\n"));
        md.append("\n");
    }

    private static String findings(List<Finding> findings) {
        return findings.stream().map(ClinicalLabels::finding).map(CardDetail::lowerFirst)
                .collect(Collectors.joining(", "));
    }

    static String lowerFirst(String label) {
        return label.isEmpty() ? label : Character.toLowerCase(label.charAt(0)) + label.substring(1);
    }
}
