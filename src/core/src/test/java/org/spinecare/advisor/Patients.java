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
public final class Patients {
    private final Map<Finding, FindingState> findings = new EnumMap<>(Finding.class);
    private final Set<Diagnosis> diagnoses = EnumSet.noneOf(Diagnosis.class);
    private PatientFacts.Cracking cracking;
    private TensionOnset onset;
    private Integer painScore;
    private Integer sittingHours;
    private Integer ageYears;
    private Integer durationWeeks;

    static Patients nothingReported() {
        return new Patients();
    }

    /**
     * A complete screen: every reportable red flag, manipulation-safety finding and "not improving" reported absent,
     * and an age (40) that settles the onset-age red flag; nothing else reported.
     */
    static Patients screened() {
        Patients p = new Patients();
        SCREEN.forEach(f -> p.findings.put(f, FindingState.ABSENT));
        p.ageYears = 40;
        return p;
    }

    /** The findings a complete screen reports: the reportable red flags, manipulation safety, "not improving". */
    static final java.util.List<Finding> SCREEN = java.util.stream.Stream.concat(
            Finding.inGroup(FindingGroup.RED_FLAG).stream().filter(f -> !f.isDerived()),
            java.util.stream.Stream.concat(Finding.inGroup(FindingGroup.MANIPULATION_SAFETY).stream(),
                    java.util.stream.Stream.of(Finding.NOT_IMPROVING))).toList();

    /**
     * The members of a complete screen as contract JSON ({@code "FEVER": "ABSENT", ...}), without braces, for tests
     * that write patients by hand; a complete screen also needs an age ({@code "ageYears": 40}).
     */
    public static String completeScreenJson() {
        return String.join(", ", SCREEN.stream().map(f -> "\"" + f + "\": \"ABSENT\"").toList());
    }

    Patients age(Integer years) {
        ageYears = years;
        return this;
    }

    Patients durationWeeks(Integer weeks) {
        durationWeeks = weeks;
        return this;
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
        return new PatientFacts(null, ageYears, painScore, findings, diagnoses, cracking, onset, sittingHours,
                durationWeeks);
    }
}
