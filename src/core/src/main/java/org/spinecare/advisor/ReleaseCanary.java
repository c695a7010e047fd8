package org.spinecare.advisor;

import java.util.function.Function;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingState;

/**
 * Patients a release must answer before it goes live: nobody screened, and each finding it asks about present on its
 * own. Each answer passes the safety invariants or the swap is refused; the same calls warm the new release's
 * sessions, so the first real patients after a swap are not slower.
 */
final class ReleaseCanary {
    private ReleaseCanary() {
    }

    /** @throws AssessmentException naming the first canary whose answer failed */
    static void check(Function<PatientFacts, Assessment> assess, ReleaseModel model) {
        run(assess, "nothing reported", PatientFacts.empty());
        for (Finding finding : model.askedFindings()) {
            run(assess, finding + " present", PatientFacts.empty().withFinding(finding, FindingState.PRESENT));
        }
    }

    private static void run(Function<PatientFacts, Assessment> assess, String name, PatientFacts facts) {
        try {
            assess.apply(facts);
        } catch (AssessmentException e) {
            throw new AssessmentException("patient with " + name + ": " + e.getMessage(), e);
        }
    }
}
