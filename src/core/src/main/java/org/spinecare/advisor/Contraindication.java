package org.spinecare.advisor;

import java.util.List;
import org.spinecare.kb.Advice;
import org.spinecare.kb.ContraindicationReason;

/**
 * A technique that must not be used.
 *
 * @param reason  the most significant reason (the first in {@link ContraindicationReason} order)
 * @param reasons every reason given, in that order
 * @param ruleIds the rules that contraindicated it, in firing order
 */
public record Contraindication(Advice code, ContraindicationReason reason, List<ContraindicationReason> reasons,
                               String source, List<String> ruleIds) {
    public Contraindication {
        reasons = List.copyOf(reasons);
        ruleIds = List.copyOf(ruleIds);
    }
}
