package org.spinecare.advisor;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.spinecare.kb.CrackingFrequency;
import org.spinecare.kb.Diagnosis;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingGroup;
import org.spinecare.kb.FindingState;
import org.spinecare.kb.TensionOnset;

/** A small builder of patient facts for tests: starts with nothing reported. */
final class Patients {
    private final Map<Finding, FindingState> findings = new EnumMap<>(Finding.class);
    private final Set<Diagnosis> diagnoses = EnumSet.noneOf(Diagnosis.class);
    private PatientFacts.Cracking cracking;
    private TensionOnset onset;
    private Integer painScore;
    private Integer sittingHours;

    static Patients nothingReported() {
        return new Patients();
    }

    /** Every red flag screened and reported absent, nothing else reported. */
    static Patients screened() {
        Patients p = new Patients();
        Finding.inGroup(FindingGroup.RED_FLAG).forEach(f -> p.findings.put(f, FindingState.ABSENT));
        return p;
    }

    Patients present(Finding... present) {
        for (Finding f : present) {
            findings.put(f, FindingState.PRESENT);
        }
        return this;
    }

    Patients absent(Finding... absent) {
        for (Finding f : absent) {
            findings.put(f, FindingState.ABSENT);
        }
        return this;
    }

    Patients unknown(Finding... unknown) {
        for (Finding f : unknown) {
            findings.remove(f);
        }
        return this;
    }

    Patients diagnosed(Diagnosis... diagnosed) {
        diagnoses.addAll(Set.of(diagnosed));
        return this;
    }

    Patients cracks(CrackingFrequency frequency, Boolean forceful) {
        cracking = new PatientFacts.Cracking(frequency, forceful);
        return this;
    }

    Patients onset(TensionOnset tensionOnset) {
        onset = tensionOnset;
        return this;
    }

    Patients pain(int score) {
        painScore = score;
        return this;
    }

    Patients sitting(int hours) {
        sittingHours = hours;
        return this;
    }

    PatientFacts facts() {
        return new PatientFacts(null, null, painScore, findings, diagnoses, cracking, onset, sittingHours);
    }
}
