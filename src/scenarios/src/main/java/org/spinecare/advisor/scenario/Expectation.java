package org.spinecare.advisor.scenario;

import java.util.List;
import org.spinecare.kb.Advice;
import org.spinecare.kb.Finding;
import org.spinecare.kb.StenosisStatus;
import org.spinecare.kb.TriageLevel;

/**
 * What an assessment must show. A null or empty part is not checked. {@code redFlags},
 * {@code unscreenedRedFlags} and stenosis {@code indicators} are exact sets (order does not matter, an empty list
 * means "none"); the advice and rule lists only name codes that must (or must not) be there, except
 * {@code recommendedInOrder}, which, when not null, is the whole list of recommendations in the order the patient
 * reads them.
 */
public record Expectation(TriageLevel triage, TriageLevel triageAtLeast, List<Finding> redFlags,
                          List<Finding> unscreenedRedFlags, StenosisExpectation stenosis, List<Advice> recommended,
                          List<Advice> notRecommended, List<Advice> contraindicated,
                          List<Advice> notContraindicated, List<String> rulesFired, List<String> rulesNotFired,
                          List<Advice> clinicianActions, List<Advice> recommendedInOrder) {

    /** The stenosis screen: the status, and when {@code indicators} is not null, exactly those indicators. */
    public record StenosisExpectation(StenosisStatus status, List<Finding> indicators) {
        public StenosisExpectation {
            indicators = indicators == null ? null : List.copyOf(indicators);
        }
    }

    public Expectation {
        redFlags = redFlags == null ? null : List.copyOf(redFlags);
        unscreenedRedFlags = unscreenedRedFlags == null ? null : List.copyOf(unscreenedRedFlags);
        recommended = List.copyOf(recommended);
        notRecommended = List.copyOf(notRecommended);
        contraindicated = List.copyOf(contraindicated);
        notContraindicated = List.copyOf(notContraindicated);
        rulesFired = List.copyOf(rulesFired);
        rulesNotFired = List.copyOf(rulesNotFired);
        clinicianActions = List.copyOf(clinicianActions);
        recommendedInOrder = recommendedInOrder == null ? null : List.copyOf(recommendedInOrder);
    }
}
