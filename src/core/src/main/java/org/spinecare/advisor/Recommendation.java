package org.spinecare.advisor;

import java.util.List;
import org.spinecare.kb.Advice;
import org.spinecare.kb.AdviceCategory;

/**
 * A recommended technique or piece of advice.
 *
 * @param instructions the standard steps, then any that depend on this patient (doses, checks)
 * @param ruleIds      the rules that recommended it, in firing order
 */
public record Recommendation(Advice code, AdviceCategory category, String summary, List<String> instructions,
                             String source, List<String> ruleIds) {
    public Recommendation {
        instructions = List.copyOf(instructions);
        ruleIds = List.copyOf(ruleIds);
    }
}
