package org.spinecare.advisor.fhir;

import java.util.List;
import java.util.Set;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.kb.CrackingFrequency;
import org.spinecare.kb.Derivations;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingState;

/**
 * The input path's safety rule for what could not be read (docs/fhir.md): for a {@link DataGap} on a type, every
 * finding a resource of that type can report is unscreened unless the data read state it PRESENT, and every value
 * such a resource could have changed is dropped (unscreened) unless it is already the safest it can be or, as read,
 * makes a derived criterion PRESENT (an age under 20 or over 50, no improvement after four weeks, new or sudden back
 * pain, which with fragile bone is urgent): dropping it would lose that criterion, which unread data could not take
 * back.
 */
final class GapRule {
    private static final int MAX_PAIN_SCORE = 10;
    private static final int MAX_SITTING_HOURS = 24;

    private GapRule() {
    }

    static PatientFacts apply(PatientFacts read, List<DataGap> gaps) {
        if (gaps.isEmpty()) {
            return read;
        }
        PatientFacts facts = read;
        for (Finding finding : GapCoverage.findings(gaps)) {
            if (facts.stateOf(finding) == FindingState.ABSENT) {
                facts = facts.withFinding(finding, FindingState.UNKNOWN);
            }
        }
        Set<String> uncertain = GapCoverage.values(gaps);
        Integer age = read.ageYears();
        Integer weeks = read.symptomDurationWeeks();
        boolean ageFlag = Derivations.onsetAgeUnder20OrOver50(age, weeks) == FindingState.PRESENT;
        boolean improvementFlag = Derivations.noImprovementAfterFourWeeks(facts.stateOf(Finding.NOT_IMPROVING), weeks)
                == FindingState.PRESENT;
        // Judged as if back pain were present: whether the pain is new matters only then, and the gap may hide it.
        boolean newPainFlag = Derivations.newBackPain(FindingState.PRESENT, read.tensionOnset(), weeks)
                == FindingState.PRESENT;
        PatientFacts.Cracking cracking = read.cracking();
        if (cracking != null) {
            cracking = new PatientFacts.Cracking(
                    kept(uncertain, FhirCodes.CRACKING_FREQUENCY, cracking.frequency(),
                            CrackingFrequency.SEVERAL_TIMES_A_DAY, false),
                    kept(uncertain, FhirCodes.CRACKING_FORCEFUL, cracking.forceful(), Boolean.TRUE, false));
            cracking = cracking.frequency() == null && cracking.forceful() == null ? null : cracking;
        }
        return new PatientFacts(facts.patientRef(),
                kept(uncertain, FhirCodes.AGE_YEARS, age, null, ageFlag),
                kept(uncertain, FhirCodes.PAIN_SCORE, read.painScore(), MAX_PAIN_SCORE, false),
                facts.findings(), facts.diagnoses(), cracking,
                kept(uncertain, FhirCodes.TENSION_ONSET, read.tensionOnset(), null, newPainFlag),
                kept(uncertain, FhirCodes.SITTING_HOURS_PER_DAY, read.sittingHoursPerDay(), MAX_SITTING_HOURS, false),
                kept(uncertain, FhirCodes.SYMPTOM_DURATION_WEEKS, weeks, PatientFacts.MAX_SYMPTOM_DURATION_WEEKS,
                        ageFlag || improvementFlag || newPainFlag),
                facts.evaluationDate());
    }

    /**
     * The value, or null when unread data could have changed it and it is neither the safest value there is
     * ({@code safest}: the highest kept of several, null where two values leave it unknown) nor needed for a flag.
     */
    private static <T> T kept(Set<String> uncertain, String code, T value, T safest, boolean raisesFlag) {
        return value == null || !uncertain.contains(code) || value.equals(safest) || raisesFlag ? value : null;
    }
}
