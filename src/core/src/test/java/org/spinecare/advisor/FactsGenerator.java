package org.spinecare.advisor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import org.spinecare.kb.CrackingFrequency;
import org.spinecare.kb.Diagnosis;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingGroup;
import org.spinecare.kb.FindingState;
import org.spinecare.kb.TensionOnset;

/**
 * Seeded generators of patient facts for the invariant, concurrency and steady-state tests. The same seed always
 * gives the same facts, so a failure can be replayed.
 */
final class FactsGenerator {
    /**
     * The screened dimensions: the article's five red flags, the nine reasons to see a professional, the guideline's
     * reportable red flags, then the three manipulation-safety findings.
     */
    static final List<Finding> SCREENED;
    /** How many of the first screened dimensions are the article's red flags and reasons (the pre-2.0 space). */
    static final int ARTICLE_DIMENSIONS;
    static final List<Finding> GENERAL = Finding.inGroup(FindingGroup.GENERAL);
    /** Digit values of a screened dimension, ordered from reassuring to alarming. */
    static final FindingState[] STATES = {FindingState.ABSENT, FindingState.UNKNOWN, FindingState.PRESENT};

    static {
        List<Finding> screened = new ArrayList<>(Finding.inGroup(FindingGroup.RED_FLAG).stream()
                .filter(Finding::isArticleRedFlag).toList());
        screened.addAll(Finding.inGroup(FindingGroup.PROFESSIONAL_REVIEW));
        ARTICLE_DIMENSIONS = screened.size();
        screened.addAll(Finding.inGroup(FindingGroup.RED_FLAG).stream().filter(Finding::isGuidelineRedFlag)
                .filter(f -> !f.isDerived()).toList());
        screened.addAll(Finding.inGroup(FindingGroup.MANIPULATION_SAFETY));
        SCREENED = List.copyOf(screened);
    }

    private FactsGenerator() {
    }

    /** Everything but the screened findings: general findings, diagnoses, cracking, onset and numbers. */
    record Profile(Map<Finding, FindingState> general, Set<Diagnosis> diagnoses, PatientFacts.Cracking cracking,
                   TensionOnset tensionOnset, Integer painScore, Integer sittingHoursPerDay, Integer ageYears,
                   Integer symptomDurationWeeks) {
    }

    static Profile profile(SplittableRandom random) {
        Map<Finding, FindingState> general = new EnumMap<>(Finding.class);
        for (Finding finding : GENERAL) {
            int roll = random.nextInt(10);
            if (roll < 4) {
                general.put(finding, FindingState.PRESENT);
            } else if (roll < 7) {
                general.put(finding, FindingState.ABSENT);
            }
        }
        Set<Diagnosis> diagnoses = EnumSet.noneOf(Diagnosis.class);
        if (random.nextInt(10) >= 6) {
            for (Diagnosis diagnosis : Diagnosis.values()) {
                if (random.nextBoolean()) {
                    diagnoses.add(diagnosis);
                }
            }
        }
        PatientFacts.Cracking cracking = null;
        if (random.nextInt(4) > 0) {
            CrackingFrequency[] frequencies = CrackingFrequency.values();
            int f = random.nextInt(frequencies.length + 1);
            int forceful = random.nextInt(3);
            cracking = new PatientFacts.Cracking(f == frequencies.length ? null : frequencies[f],
                    forceful == 2 ? null : forceful == 1);
        }
        TensionOnset[] onsets = TensionOnset.values();
        int onset = random.nextInt(onsets.length + 1);
        Integer age = orNull(random, 131);
        // Never longer than the patient has lived; often past 4 weeks and past the onset-age window.
        Integer weeks = random.nextInt(5) == 0 ? null : random.nextInt(Math.min(1500, 52 * (age == null ? 130 : age)) + 1);
        return new Profile(general, diagnoses, cracking, onset == onsets.length ? null : onsets[onset],
                orNull(random, 11), orNull(random, 25), age, weeks);
    }

    private static Integer orNull(SplittableRandom random, int bound) {
        return random.nextInt(5) == 0 ? null : random.nextInt(bound);
    }

    /** The facts for a profile and one state per screened dimension (digits 0, 1, 2 index {@link #STATES}). */
    static PatientFacts facts(Profile profile, int[] digits) {
        Map<Finding, FindingState> findings = new EnumMap<>(Finding.class);
        findings.putAll(profile.general());
        for (int i = 0; i < SCREENED.size(); i++) {
            if (STATES[digits[i]] != FindingState.UNKNOWN) {
                findings.put(SCREENED.get(i), STATES[digits[i]]);
            }
        }
        return new PatientFacts(null, profile.ageYears(), profile.painScore(), findings, profile.diagnoses(),
                profile.cracking(), profile.tensionOnset(), profile.sittingHoursPerDay(),
                profile.symptomDurationWeeks());
    }

    /** Entirely random facts: every finding, the profile fields and a patient reference. */
    static PatientFacts random(SplittableRandom random) {
        return facts(profile(random), reassuringDigits(random));
    }

    /**
     * Mostly reassuring states for the screened dimensions, so that self-care paths are exercised as often as
     * escalations: with over thirty dimensions, each red flag is rarely left out or present.
     */
    static int[] reassuringDigits(SplittableRandom random) {
        int[] digits = new int[SCREENED.size()];
        for (int i = 0; i < digits.length; i++) {
            int roll = random.nextInt(100);
            int unknownAbove = SCREENED.get(i).isRedFlag() ? 96 : 75;
            int presentAbove = SCREENED.get(i).isRedFlag() ? 98 : 88;
            digits[i] = roll < unknownAbove ? 0 : roll < presentAbove ? 1 : 2;
        }
        return digits;
    }

    /** The facts as contract JSON, with fields, findings and diagnoses in a shuffled order. */
    static String shuffledJson(PatientFacts facts, Random random) {
        List<String> fields = new ArrayList<>();
        if (facts.patientRef() != null) {
            fields.add("\"patientRef\": \"" + facts.patientRef() + "\"");
        }
        number(fields, "ageYears", facts.ageYears());
        number(fields, "painScore", facts.painScore());
        number(fields, "sittingHoursPerDay", facts.sittingHoursPerDay());
        number(fields, "symptomDurationWeeks", facts.symptomDurationWeeks());
        if (facts.tensionOnset() != null) {
            fields.add("\"tensionOnset\": \"" + facts.tensionOnset() + "\"");
        }
        List<String> findings = new ArrayList<>();
        facts.findings().forEach((finding, state) -> findings.add("\"" + finding + "\": \"" + state + "\""));
        Collections.shuffle(findings, random);
        fields.add("\"findings\": {" + String.join(", ", findings) + "}");
        List<String> diagnoses = new ArrayList<>();
        facts.diagnoses().forEach(d -> diagnoses.add("\"" + d + "\""));
        Collections.shuffle(diagnoses, random);
        fields.add("\"diagnoses\": [" + String.join(", ", diagnoses) + "]");
        if (facts.cracking() != null) {
            List<String> cracking = new ArrayList<>();
            if (facts.cracking().frequency() != null) {
                cracking.add("\"frequency\": \"" + facts.cracking().frequency() + "\"");
            }
            if (facts.cracking().forceful() != null) {
                cracking.add("\"forceful\": " + facts.cracking().forceful());
            }
            Collections.shuffle(cracking, random);
            fields.add("\"cracking\": {" + String.join(", ", cracking) + "}");
        }
        Collections.shuffle(fields, random);
        StringJoiner json = new StringJoiner(", ", "{", "}");
        fields.forEach(json::add);
        return json.toString();
    }

    /** The same facts built through maps and sets filled in a shuffled order. */
    static PatientFacts shuffledMaps(PatientFacts facts, Random random) {
        List<Map.Entry<Finding, FindingState>> entries = new ArrayList<>(facts.findings().entrySet());
        Collections.shuffle(entries, random);
        Map<Finding, FindingState> findings = new java.util.LinkedHashMap<>();
        entries.forEach(e -> findings.put(e.getKey(), e.getValue()));
        List<Diagnosis> diagnoses = new ArrayList<>(facts.diagnoses());
        Collections.shuffle(diagnoses, random);
        return new PatientFacts(facts.patientRef(), facts.ageYears(), facts.painScore(), findings,
                new java.util.LinkedHashSet<>(diagnoses), facts.cracking(), facts.tensionOnset(),
                facts.sittingHoursPerDay(), facts.symptomDurationWeeks());
    }

    private static void number(List<String> fields, String name, Integer value) {
        if (value != null) {
            fields.add("\"" + name + "\": " + value);
        }
    }
}
