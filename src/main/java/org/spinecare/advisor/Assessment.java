package org.spinecare.advisor;

import java.util.List;
import org.spinecare.kb.Advice;
import org.spinecare.kb.Finding;
import org.spinecare.kb.TriageLevel;

/**
 * The answer for one patient: built only from a complete, successful evaluation.
 *
 * @param redFlags           red flags reported present
 * @param unscreenedRedFlags red flags reported neither present nor absent
 * @param recommendations    in {@link Advice} order; never sharing a code with a contraindication
 * @param firedRules         every rule that fired, in firing order
 */
public record Assessment(TriageLevel triage, List<Finding> redFlags, List<Finding> unscreenedRedFlags,
                         Stenosis stenosis, List<Recommendation> recommendations,
                         List<Contraindication> contraindications, List<FiredRule> firedRules,
                         KnowledgeBaseInfo knowledgeBase) {
    public Assessment {
        redFlags = List.copyOf(redFlags);
        unscreenedRedFlags = List.copyOf(unscreenedRedFlags);
        recommendations = List.copyOf(recommendations);
        contraindications = List.copyOf(contraindications);
        firedRules = List.copyOf(firedRules);
    }

    public boolean recommends(Advice advice) {
        return recommendations.stream().anyMatch(r -> r.code() == advice);
    }

    public boolean contraindicates(Advice advice) {
        return contraindications.stream().anyMatch(c -> c.code() == advice);
    }

    public boolean fired(String ruleId) {
        return firedRules.stream().anyMatch(r -> r.id().equals(ruleId));
    }
}
