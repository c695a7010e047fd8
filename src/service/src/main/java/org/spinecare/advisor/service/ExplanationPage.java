package org.spinecare.advisor.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.spinecare.advisor.Assessment;
import org.spinecare.advisor.Contraindication;
import org.spinecare.advisor.FiredRule;
import org.spinecare.advisor.Recommendation;
import org.spinecare.advisor.fhir.ClinicalLabels;
import org.spinecare.advisor.service.handout.Handout;

/**
 * The full explanation of one answer, one click from its card: each piece of advice and each contraindication with
 * the rules behind it, every fired rule with its basis and source, and the knowledge base release and rules digest,
 * so that a clinician or auditor can check the answer. Labels first, codes beside them for the audit trail.
 */
final class ExplanationPage {
    private ExplanationPage() {
    }

    static String html(KeptAnswers.Kept kept) {
        Assessment a = kept.assessment();
        StringBuilder h = new StringBuilder();
        h.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Why this answer: ")
         .append(ClinicalLabels.triage(a.triage())).append("</title>\n<style>")
         .append("body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;color:#111}")
         .append("code{color:#333}li{margin:0.2rem 0}</style>\n</head>\n<body>\n<main>\n<h1>Why this answer: ")
         .append(ClinicalLabels.triage(a.triage())).append(" <code>").append(a.triage()).append("</code></h1>\n");
        h.append("<h2>Advice and the rules behind it</h2>\n<ul>\n");
        for (Recommendation r : concat(a.recommendations(), a.clinicianActions())) {
            item(h, ClinicalLabels.advice(r.code()), r.code().name(), r.ruleIds(), r.source());
        }
        h.append("</ul>\n");
        if (!a.contraindications().isEmpty()) {
            h.append("<h2>Not to be used</h2>\n<ul>\n");
            for (Contraindication c : a.contraindications()) {
                item(h, ClinicalLabels.advice(c.code()) + ": " + c.reasons().stream().map(ClinicalLabels::reason)
                        .collect(Collectors.joining("; ")), c.code().name(), c.ruleIds(), c.source());
            }
            h.append("</ul>\n");
        }
        if (!kept.notes().isEmpty()) {
            h.append("<h2>Input not used (treated as unknown)</h2>\n<ul>\n");
            kept.notes().forEach(note -> h.append("<li>").append(Handout.escape(note)).append("</li>\n"));
            h.append("</ul>\n");
        }
        h.append("<h2>Fired rules (").append(a.firedRules().size()).append(" firings)</h2>\n<ul>\n");
        // A rule that fired once per finding (one per unscreened red flag) is listed once, with its count.
        Map<String, List<FiredRule>> byRule = a.firedRules().stream()
                .collect(Collectors.groupingBy(FiredRule::id, LinkedHashMap::new, Collectors.toList()));
        for (List<FiredRule> firings : byRule.values()) {
            FiredRule rule = firings.get(0);
            h.append("<li><code>").append(Handout.escape(rule.id())).append("</code> ")
             .append(Handout.escape(rule.name())).append(" (").append(rule.basis()).append("; source: ")
             .append(Handout.escape(rule.source())).append(")")
             .append(firings.size() > 1 ? " ×" + firings.size() : "").append("</li>\n");
        }
        h.append("</ul>\n<p>Knowledge base <code>").append(Handout.escape(a.knowledgeBase().releaseId()))
         .append("</code>, rules SHA-256 <code>").append(Handout.escape(a.knowledgeBase().rulesSha256()))
         .append("</code>.</p>\n</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void item(StringBuilder h, String label, String code, List<String> rules, String source) {
        h.append("<li>").append(Handout.escape(label)).append(" <code>").append(code).append("</code>: rules ")
         .append(Handout.escape(String.join(", ", rules))).append("; source: ").append(Handout.escape(source))
         .append("</li>\n");
    }

    private static List<Recommendation> concat(List<Recommendation> a, List<Recommendation> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
