package org.spinecare.advisor.fhir;

import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Questionnaire;
import org.spinecare.kb.Finding;

/**
 * What a resource of each type can report, from the published ConceptMap and Questionnaire: the findings and
 * measures a {@link DataGap} on that type may have hidden.
 */
final class GapCoverage {
    private static final Set<String> QUESTIONNAIRE_VALUES = Set.of(FhirCodes.AGE_YEARS, FhirCodes.PAIN_SCORE,
            FhirCodes.SITTING_HOURS_PER_DAY, FhirCodes.SYMPTOM_DURATION_WEEKS, FhirCodes.TENSION_ONSET,
            FhirCodes.CRACKING_FREQUENCY, FhirCodes.CRACKING_FORCEFUL);
    private static final Set<Finding> CODED = ConceptIndex.PUBLISHED.findings();
    private static final Set<Finding> ASKED = EnumSet.noneOf(Finding.class);
    private static final Set<String> ASKED_VALUES = new HashSet<>();

    static {
        collect(FhirResources.questionnaire().getItem());
    }

    private static final Map<String, Set<Finding>> FINDINGS = Map.of(
            "Observation", CODED, "Condition", CODED, "QuestionnaireResponse", ASKED, "Patient", Set.of());
    private static final Map<String, Set<String>> VALUES = Map.of(
            "Observation", Set.of(), "Condition", Set.of(), "QuestionnaireResponse", ASKED_VALUES,
            "Patient", Set.of(FhirCodes.AGE_YEARS));

    private GapCoverage() {
    }

    /** The findings some resource hidden by one of the gaps could have reported. */
    static Set<Finding> findings(Collection<DataGap> gaps) {
        Set<Finding> covered = EnumSet.noneOf(Finding.class);
        gaps.forEach(g -> FINDINGS.forEach((type, findings) -> {
            if (g.covers(type)) {
                covered.addAll(findings);
            }
        }));
        return covered;
    }

    /** The measure and habit codes ({@link FhirCodes}) some resource hidden by one of the gaps could have carried. */
    static Set<String> values(Collection<DataGap> gaps) {
        Set<String> covered = new HashSet<>();
        gaps.forEach(g -> VALUES.forEach((type, values) -> {
            if (g.covers(type)) {
                covered.addAll(values);
            }
        }));
        return covered;
    }

    private static void collect(List<Questionnaire.QuestionnaireItemComponent> items) {
        for (Questionnaire.QuestionnaireItemComponent item : items) {
            Target target = Target.ofProjectCode(item.getLinkId(), false);
            if (target != null && target.finding() != null) {
                ASKED.add(target.finding());
            } else if (QUESTIONNAIRE_VALUES.contains(item.getLinkId())) {
                ASKED_VALUES.add(item.getLinkId());
            }
            collect(item.getItem());
        }
    }
}
