package org.spinecare.advisor.impact;

import java.util.Map;
import java.util.TreeMap;
import org.spinecare.advisor.KnowledgeBaseInfo;
import org.spinecare.kb.TriageLevel;

/**
 * The figures of an impact run, added up one patient at a time on one thread. The transition matrix has a row and a
 * column per triage level and a last one for "no answer" (the assessment failed).
 */
public final class ImpactSummary {
    /** Index of the "no answer" row and column of {@link #matrix()}. */
    public static final int NO_ANSWER = TriageLevel.values().length;

    private final KnowledgeBaseInfo from;
    private final KnowledgeBaseInfo to;
    private final long[][] matrix = new long[NO_ANSWER + 1][NO_ANSWER + 1];
    private final Map<String, long[]> advice = new TreeMap<>();
    private final Map<String, long[]> contraindications = new TreeMap<>();
    private final Map<String, long[]> rules = new TreeMap<>();
    private final Map<String, Long> lessSafeByKind = new TreeMap<>();
    private long patients;
    private long invalid;
    private long changed;
    private long lessSafe;
    private long fromFailed;
    private long toFailed;
    private long fromNotModelled;
    private long toNotModelled;
    private long elapsedNanos;

    public ImpactSummary(KnowledgeBaseInfo from, KnowledgeBaseInfo to) {
        this.from = from;
        this.to = to;
    }

    public void add(PatientImpact p) {
        patients++;
        matrix[index(p.fromTriage())][index(p.toTriage())]++;
        changed += p.changed() ? 1 : 0;
        lessSafe += p.isLessSafe() ? 1 : 0;
        fromFailed += p.fromError() != null ? 1 : 0;
        toFailed += p.toError() != null ? 1 : 0;
        fromNotModelled += p.fromNotModelled().isEmpty() ? 0 : 1;
        toNotModelled += p.toNotModelled().isEmpty() ? 0 : 1;
        p.lessSafe().stream().map(reason -> reason.substring(0, reason.indexOf(':'))).distinct()
                .forEach(kind -> lessSafeByKind.merge(kind, 1L, Long::sum));
        count(advice, p.adviceGained(), 0);
        count(advice, p.adviceLost(), 1);
        count(contraindications, p.contraindicationsGained(), 0);
        count(contraindications, p.contraindicationsLost(), 1);
        count(rules, p.rulesStarted(), 0);
        count(rules, p.rulesStopped(), 1);
    }

    public void addInvalid() {
        invalid++;
    }

    public void elapsed(long nanos) {
        this.elapsedNanos = nanos;
    }

    private static void count(Map<String, long[]> table, Iterable<String> codes, int column) {
        for (String code : codes) {
            table.computeIfAbsent(code, c -> new long[2])[column]++;
        }
    }

    private static int index(TriageLevel level) {
        return level == null ? NO_ANSWER : level.ordinal();
    }

    public KnowledgeBaseInfo from() {
        return from;
    }

    public KnowledgeBaseInfo to() {
        return to;
    }

    /** {@code matrix()[from][to]}: patients by old and new triage (ordinal), {@link #NO_ANSWER} for a failure. */
    public long[][] matrix() {
        long[][] copy = new long[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            copy[i] = matrix[i].clone();
        }
        return copy;
    }

    /** Per advice code: {gained, lost} in patients. */
    public Map<String, long[]> advice() {
        return advice;
    }

    /** Per contraindicated code: {gained, lost} in patients. */
    public Map<String, long[]> contraindications() {
        return contraindications;
    }

    /** Per rule id: {patients for whom it now fires and did not, patients for whom it no longer fires}. */
    public Map<String, long[]> rules() {
        return rules;
    }

    /** Patients with at least one reason of each {@link PatientImpact.LessSafe} kind. */
    public Map<String, Long> lessSafeByKind() {
        return lessSafeByKind;
    }

    public long patients() {
        return patients;
    }

    public long invalid() {
        return invalid;
    }

    public long changed() {
        return changed;
    }

    public long lessSafe() {
        return lessSafe;
    }

    public long fromFailed() {
        return fromFailed;
    }

    public long toFailed() {
        return toFailed;
    }

    public long fromNotModelled() {
        return fromNotModelled;
    }

    public long toNotModelled() {
        return toNotModelled;
    }

    public double patientsPerSecond() {
        return elapsedNanos == 0 ? 0 : patients * 1e9 / elapsedNanos;
    }

    public long elapsedNanos() {
        return elapsedNanos;
    }

    /** Exit status for a release pipeline: 1 an answer failed, 3 an answer became less safe, 2 a line was invalid. */
    public int exitCode() {
        return fromFailed + toFailed > 0 ? 1 : lessSafe > 0 ? 3 : invalid > 0 ? 2 : 0;
    }

    public String line() {
        return String.format(java.util.Locale.ROOT, "%d patients: %d changed, %d less safe, %d failed, %d invalid; "
                + "%.0f patients/s in %.2f s", patients, changed, lessSafe, fromFailed + toFailed, invalid,
                patientsPerSecond(), elapsedNanos / 1e9);
    }
}
