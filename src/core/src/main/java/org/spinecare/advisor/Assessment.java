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
 * @param recommendations    what the patient is told, in clinical order ({@link org.spinecare.kb.AnswerSection}, then
 *                           {@link Advice} order): the escalation first; never sharing a code with a contraindication
 * @param clinicianActions   what the clinician completing the assessment must do (complete the red-flag screen,
 *                           ask about manipulation safety, consider bone health); never shown to the patient
 * @param firedRules         every rule that fired, in firing order
 */
public record Assessment(TriageLevel triage, List<Finding> redFlags, List<Finding> unscreenedRedFlags,
                         Stenosis stenosis, List<Recommendation> recommendations,
                         List<Recommendation> clinicianActions,
                         List<Contraindication> contraindications, List<FiredRule> firedRules,
                         KnowledgeBaseInfo knowledgeBase) {
    public Assessment {
        redFlags = List.copyOf(redFlags);
        unscreenedRedFlags = List.copyOf(unscreenedRedFlags);
        recommendations = List.copyOf(recommendations);
        clinicianActions = List.copyOf(clinicianActions);
        contraindications = List.copyOf(contraindications);
        firedRules = List.copyOf(firedRules);
    }

    public boolean recommends(Advice advice) {
        return recommendations.stream().anyMatch(r -> r.code() == advice);
    }

    public boolean asksClinician(Advice advice) {
        return clinicianActions.stream().anyMatch(r -> r.code() == advice);
    }

    public boolean contraindicates(Advice advice) {
        return contraindications.stream().anyMatch(c -> c.code() == advice);
    }

    public boolean fired(String ruleId) {
        return firedRules.stream().anyMatch(r -> r.id().equals(ruleId));
    }
}
