package org.spinecare.advisor.batch;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.SplittableRandom;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.kb.CrackingFrequency;
import org.spinecare.kb.Diagnosis;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingState;
import org.spinecare.kb.TensionOnset;

/**
 * Synthetic patients for benchmarks and load tests, deterministic for a seed: patient {@code i} of seed {@code s}
 * is always the same. Every part of the input contract is exercised, including what may be left out: each finding
 * PRESENT, ABSENT or omitted (UNKNOWN), every diagnosis, cracking habits with either part missing, the onset, and
 * ages, pain scores and sitting hours at and between their limits. Red flags are mostly reported absent, so the
 * mix of triage levels resembles a clinic's list rather than a ward of emergencies. Not thread-safe.
 */
public final class PatientGenerator {
    private static final Finding[] FINDINGS = Finding.values();
    private static final Diagnosis[] DIAGNOSES = Diagnosis.values();
    private static final CrackingFrequency[] FREQUENCIES = CrackingFrequency.values();
    private static final TensionOnset[] ONSETS = TensionOnset.values();

    private final long seed;
    private final SplittableRandom random;
    private long index;

    public PatientGenerator(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    /** The next patient. */
    public PatientFacts next() {
        long number = index++;
        String patientRef = chance(0.9) ? "gen-" + seed + "-" + number : null;
        Map<Finding, FindingState> findings = new EnumMap<>(Finding.class);
        for (Finding finding : FINDINGS) {
            if (finding.isDerived()) {
                continue;
            }
            FindingState state = state(finding);
            if (state != FindingState.UNKNOWN) {
                findings.put(finding, state);
            }
        }
        EnumSet<Diagnosis> diagnoses = EnumSet.noneOf(Diagnosis.class);
        for (Diagnosis diagnosis : DIAGNOSES) {
            if (chance(0.06)) {
                diagnoses.add(diagnosis);
            }
        }
        PatientFacts.Cracking cracking = null;
        if (chance(0.75)) {
            cracking = new PatientFacts.Cracking(
                    chance(0.9) ? FREQUENCIES[random.nextInt(FREQUENCIES.length)] : null,
                    chance(0.9) ? random.nextBoolean() : null);
        }
        TensionOnset onset = chance(0.8) ? ONSETS[random.nextInt(ONSETS.length)] : null;
        Integer age = measure(0.9, 130);
        // At most ten years, and never longer than the patient has lived (the contract rejects that).
        int longest = age == null ? 520 : Math.min(520, age * 52);
        return new PatientFacts(patientRef, age, measure(0.9, 10), findings, diagnoses, cracking,
                onset, measure(0.85, 24), measure(0.85, longest));
    }

    /** The next patient as one line of JSON (no line break), valid input for {@code SpineJson.readFacts}. */
    public String nextJson() {
        return toJson(next());
    }

    /**
     * Writes facts as compact contract JSON, leaving out what is not known (the contract rejects nulls). Every
     * value is a number, a boolean, a code or the generated reference, so no string needs escaping.
     */
    public static String toJson(PatientFacts facts) {
        StringBuilder json = new StringBuilder(512).append('{');
        if (facts.patientRef() != null) {
            field(json, "patientRef").append('"').append(facts.patientRef()).append('"');
        }
        number(json, "ageYears", facts.ageYears());
        number(json, "painScore", facts.painScore());
        if (!facts.findings().isEmpty()) {
            field(json, "findings").append('{');
            String separator = "";
            for (Map.Entry<Finding, FindingState> entry : facts.findings().entrySet()) {
                json.append(separator).append('"').append(entry.getKey().name()).append("\":\"")
                        .append(entry.getValue().name()).append('"');
                separator = ",";
            }
            json.append('}');
        }
        if (!facts.diagnoses().isEmpty()) {
            field(json, "diagnoses").append('[');
            String separator = "";
            for (Diagnosis diagnosis : facts.diagnoses()) {
                json.append(separator).append('"').append(diagnosis.name()).append('"');
                separator = ",";
            }
            json.append(']');
        }
        if (facts.cracking() != null) {
            field(json, "cracking").append('{');
            PatientFacts.Cracking cracking = facts.cracking();
            if (cracking.frequency() != null) {
                json.append("\"frequency\":\"").append(cracking.frequency().name()).append('"');
            }
            if (cracking.forceful() != null) {
                json.append(cracking.frequency() != null ? "," : "").append("\"forceful\":")
                        .append(cracking.forceful());
            }
            json.append('}');
        }
        if (facts.tensionOnset() != null) {
            field(json, "tensionOnset").append('"').append(facts.tensionOnset().name()).append('"');
        }
        number(json, "sittingHoursPerDay", facts.sittingHoursPerDay());
        number(json, "symptomDurationWeeks", facts.symptomDurationWeeks());
        return json.append('}').toString();
    }

    private FindingState state(Finding finding) {
        double roll = random.nextDouble();
        if (finding.isRedFlag()) {
            // Mostly screened and absent; sometimes not screened; rarely present. There are over twenty red flags,
            // so each is rarely left out, or a complete screen (and self-care) would hardly ever come up.
            return roll < 0.015 ? FindingState.PRESENT : roll < 0.035 ? FindingState.UNKNOWN : FindingState.ABSENT;
        }
        return switch (finding.group()) {
            case PROFESSIONAL_REVIEW -> roll < 0.05 ? FindingState.PRESENT
                    : roll < 0.45 ? FindingState.UNKNOWN : FindingState.ABSENT;
            case MANIPULATION_SAFETY -> roll < 0.05 ? FindingState.PRESENT
                    : roll < 0.15 ? FindingState.UNKNOWN : FindingState.ABSENT;
            default -> roll < 0.35 ? FindingState.PRESENT : roll < 0.65 ? FindingState.UNKNOWN : FindingState.ABSENT;
        };
    }

    /** A value in 0..max, present with the given chance; the limits themselves come up often. */
    private Integer measure(double present, int max) {
        if (!chance(present)) {
            return null;
        }
        double roll = random.nextDouble();
        return roll < 0.05 ? 0 : roll < 0.10 ? max : random.nextInt(max + 1);
    }

    private boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    private static StringBuilder field(StringBuilder json, String name) {
        if (json.length() > 1) {
            json.append(',');
        }
        return json.append('"').append(name).append("\":");
    }

    private static void number(StringBuilder json, String name, Integer value) {
        if (value != null) {
            field(json, name).append(value);
        }
    }
}
