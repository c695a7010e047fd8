package org.spinecare.advisor.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.spinecare.advisor.Assessment;
import org.spinecare.advisor.Contraindication;
import org.spinecare.advisor.FiredRule;
import org.spinecare.advisor.Recommendation;
import org.spinecare.kb.Finding;

/** The Markdown {@code detail} of a card: what the clinician needs to check the advice and the reasons for it. */
final class CardDetail {
    private CardDetail() {
    }

    static String of(Assessment a, List<String> notes) {
        StringBuilder md = new StringBuilder();
        md.append("**Triage:** ").append(a.triage()).append("\n\n");
        if (!notes.isEmpty()) {
            md.append("**Input incomplete or not used (unscreened, not absent):**\n\n");
            notes.forEach(note -> md.append("- ").append(note).append("\n"));
            md.append("\n");
        }
        md.append("**Red flags present:** ").append(findings(a.redFlags(), "none")).append("\n\n");
        md.append("**Red flags not screened (unknown, not absent):** ")
          .append(findings(a.unscreenedRedFlags(), "none, the red-flag screen is complete")).append("\n\n");
        md.append("**Stenosis:** ").append(a.stenosis().status());
        if (!a.stenosis().indicators().isEmpty()) {
            md.append(" (").append(findings(a.stenosis().indicators(), "")).append(")");
        }
        md.append("\n\n");
        if (CardFactory.escalated(a.triage()) && !a.recommendations().isEmpty()) {
            md.append("**Tell the patient:**\n\n");
            recommendation(md, a.recommendations().get(0));
        }
        if (!a.clinicianActions().isEmpty()) {
            md.append("**For the clinician:**\n\n");
            a.clinicianActions().forEach(r -> recommendation(md, r));
        }
        md.append("**Do not use:**");
        if (a.contraindications().isEmpty()) {
            md.append(" nothing is contraindicated\n\n");
        } else {
            md.append("\n\n");
            for (Contraindication c : a.contraindications()) {
                md.append("- `").append(c.code()).append("`: ").append(c.reasons().stream().map(Enum::name)
                        .collect(Collectors.joining(", "))).append(" (").append(String.join(", ", c.ruleIds()))
                  .append(")\n");
            }
            md.append("\n");
        }
        md.append("**Fired rules** (").append(a.firedRules().size()).append(" firings):\n\n");
        // A rule that fired once per finding (GL-007 for each unscreened red flag) is listed once, with its count.
        Map<String, List<FiredRule>> byRule = a.firedRules().stream()
                .collect(Collectors.groupingBy(FiredRule::id, LinkedHashMap::new, Collectors.toList()));
        for (List<FiredRule> firings : byRule.values()) {
            FiredRule rule = firings.get(0);
            md.append("- ").append(rule.id()).append(" ").append(rule.name()).append(" (").append(rule.basis())
              .append("; source: ").append(rule.source()).append(")")
              .append(firings.size() > 1 ? " ×" + firings.size() : "").append("\n");
        }
        md.append("\nKnowledge base ").append(a.knowledgeBase().releaseId()).append(", rules SHA-256 ")
          .append(a.knowledgeBase().rulesSha256()).append(".\n");
        return md.toString();
    }

    static String of(Recommendation r) {
        StringBuilder md = new StringBuilder();
        recommendation(md, r);
        md.append("Source: ").append(r.source()).append(". Rules: ").append(String.join(", ", r.ruleIds()))
          .append(".\n");
        return md.toString();
    }

    private static void recommendation(StringBuilder md, Recommendation r) {
        md.append("- ").append(r.summary()).append(" (`").append(r.code()).append("`)\n");
        for (String step : r.instructions()) {
            md.append("  - ").append(step).append("\n");
        }
        md.append("\n");
    }

    private static String findings(List<Finding> findings, String none) {
        return findings.isEmpty() ? none
                : findings.stream().map(f -> "`" + f.name() + "`").collect(Collectors.joining(", "));
    }
}
