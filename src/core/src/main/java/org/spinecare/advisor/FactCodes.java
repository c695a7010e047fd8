package org.spinecare.advisor;

import org.spinecare.kb.BackPain;
import org.spinecare.kb.ContraindicatedAdvice;
import org.spinecare.kb.CrackingHabit;
import org.spinecare.kb.DiagnosisFact;
import org.spinecare.kb.DoseInstruction;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingFact;
import org.spinecare.kb.FindingState;
import org.spinecare.kb.PatientMeasures;
import org.spinecare.kb.RecommendedAdvice;
import org.spinecare.kb.RedFlag;
import org.spinecare.kb.StenosisAssessment;
import org.spinecare.kb.StenosisIndicator;
import org.spinecare.kb.Triage;
import org.spinecare.kb.TriageFloor;
import org.spinecare.kb.UnscreenedRedFlag;

/** Describes a fact as a short code for the fired-rule trail: codes and numbers only, never free text. */
final class FactCodes {
    /** Every finding's code in every state, built once: findings are most of what rules match. */
    private static final String[][] FINDING_CODES = new String[Finding.values().length][FindingState.values().length];

    static {
        for (Finding finding : Finding.values()) {
            for (FindingState state : FindingState.values()) {
                FINDING_CODES[finding.ordinal()][state.ordinal()] = finding + "=" + state;
            }
        }
    }

    private FactCodes() {
    }

    static String describe(Object fact) {
        if (fact instanceof FindingFact f) {
            return FINDING_CODES[f.finding().ordinal()][f.state().ordinal()];
        } else if (fact instanceof DiagnosisFact d) {
            return "diagnosis=" + d.diagnosis();
        } else if (fact instanceof CrackingHabit c) {
            return "cracking(frequency=" + orUnknown(c.frequency()) + ",forceful=" + orUnknown(c.forceful()) + ")";
        } else if (fact instanceof PatientMeasures m) {
            return "measures(ageYears=" + orUnknown(m.ageYears()) + ",painScore=" + orUnknown(m.painScore())
                    + ",tensionOnset=" + orUnknown(m.tensionOnset()) + ",sittingHoursPerDay="
                    + orUnknown(m.sittingHoursPerDay()) + ",symptomDurationWeeks="
                    + orUnknown(m.symptomDurationWeeks()) + ")";
        } else if (fact instanceof BackPain b) {
            return "backPain=" + b.state();
        } else if (fact instanceof TriageFloor t) {
            return "triageFloor=" + t.level();
        } else if (fact instanceof Triage t) {
            return "triage=" + t.level();
        } else if (fact instanceof RedFlag r) {
            return "redFlag=" + r.finding();
        } else if (fact instanceof UnscreenedRedFlag u) {
            return "unscreenedRedFlag=" + u.finding();
        } else if (fact instanceof StenosisAssessment s) {
            return "stenosis=" + s.status();
        } else if (fact instanceof StenosisIndicator s) {
            return "stenosisIndicator=" + s.finding();
        } else if (fact instanceof RecommendedAdvice r) {
            return "recommended=" + r.advice();
        } else if (fact instanceof ContraindicatedAdvice c) {
            return "contraindicated=" + c.advice() + ":" + c.reason();
        } else if (fact instanceof DoseInstruction d) {
            return "instruction=" + d.advice() + ":" + d.instruction();
        }
        // A new fact type must be described here before it can appear in a trail.
        return "fact=" + fact.getClass().getSimpleName();
    }

    private static String orUnknown(Object value) {
        return value == null ? "UNKNOWN" : value.toString();
    }
}
