package org.spinecare.advisor;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.spinecare.kb.CrackingFrequency;
import org.spinecare.kb.Diagnosis;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingState;
import org.spinecare.kb.TensionOnset;

/**
 * One patient's facts about a lower-back complaint. Every field is optional (null or empty); a finding that is
 * not in {@code findings} is UNKNOWN, never ABSENT. Values are checked on construction, so an instance is
 * always valid.
 *
 * @param patientRef         an opaque reference from the clinic's system; never part of the assessment
 * @param ageYears           0 to 130
 * @param painScore          0 to 10
 * @param findings           PRESENT or ABSENT per finding; UNKNOWN is expressed by leaving the finding out
 * @param diagnoses          diagnosed spinal conditions
 * @param cracking           the back-cracking habit, or null when not reported
 * @param tensionOnset       ACUTE when the tension has just appeared
 * @param sittingHoursPerDay 0 to 24
 * @param symptomDurationWeeks how long the current symptoms have lasted, 0 to {@value #MAX_SYMPTOM_DURATION_WEEKS}
 *                           and no longer than the patient has lived
 * @param evaluationDate     the date the facts describe ("as of"), or null for today; recorded in the audit record so
 *                           that a past answer can be reproduced. No rule reads a date yet (docs/releases.md)
 */
public record PatientFacts(String patientRef, Integer ageYears, Integer painScore, Map<Finding, FindingState> findings,
                           Set<Diagnosis> diagnoses, Cracking cracking, TensionOnset tensionOnset,
                           Integer sittingHoursPerDay, Integer symptomDurationWeeks, LocalDate evaluationDate) {

    public static final int MAX_PATIENT_REF_LENGTH = 256;
    /** 131 years: the oldest age the contract accepts, in weeks. */
    public static final int MAX_SYMPTOM_DURATION_WEEKS = 6836;

    /** The back-cracking habit; either part may be null when not reported. */
    public record Cracking(CrackingFrequency frequency, Boolean forceful) {
    }

    public PatientFacts {
        if (patientRef != null) {
            checkPatientRef(patientRef);
        }
        checkRange("$.ageYears", ageYears, 0, 130);
        checkRange("$.painScore", painScore, 0, 10);
        checkRange("$.sittingHoursPerDay", sittingHoursPerDay, 0, 24);
        checkRange("$.symptomDurationWeeks", symptomDurationWeeks, 0, MAX_SYMPTOM_DURATION_WEEKS);
        if (ageYears != null && symptomDurationWeeks != null
                && (long) symptomDurationWeeks * 7 > (ageYears + 1L) * 366) {
            throw new InvalidFactsException(InvalidFactsException.Code.OUT_OF_RANGE, "$.symptomDurationWeeks",
                    "is longer than the patient has lived (ageYears " + ageYears + ")");
        }
        findings = copyFindings(findings);
        diagnoses = diagnoses == null || diagnoses.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.noneOf(Diagnosis.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(diagnoses));
    }

    /** Facts without an evaluation date: evaluated as of today. */
    public PatientFacts(String patientRef, Integer ageYears, Integer painScore, Map<Finding, FindingState> findings,
                        Set<Diagnosis> diagnoses, Cracking cracking, TensionOnset tensionOnset,
                        Integer sittingHoursPerDay, Integer symptomDurationWeeks) {
        this(patientRef, ageYears, painScore, findings, diagnoses, cracking, tensionOnset, sittingHoursPerDay,
                symptomDurationWeeks, null);
    }

    /** The same facts as of another date (null: today). */
    public PatientFacts withEvaluationDate(LocalDate date) {
        return new PatientFacts(patientRef, ageYears, painScore, findings, diagnoses, cracking, tensionOnset,
                sittingHoursPerDay, symptomDurationWeeks, date);
    }

    /** Facts without a symptom duration, as the contract before knowledge base 2.0.0 had them. */
    public PatientFacts(String patientRef, Integer ageYears, Integer painScore, Map<Finding, FindingState> findings,
                        Set<Diagnosis> diagnoses, Cracking cracking, TensionOnset tensionOnset,
                        Integer sittingHoursPerDay) {
        this(patientRef, ageYears, painScore, findings, diagnoses, cracking, tensionOnset, sittingHoursPerDay, null);
    }

    /** Facts with nothing reported: every finding UNKNOWN. */
    public static PatientFacts empty() {
        return new PatientFacts(null, null, null, Map.of(), Set.of(), null, null, null, null, null);
    }

    /**
     * A builder for clinic software that fills in what it knows field by field. {@link Builder#build()} runs the
     * constructor, so it rejects exactly what the constructor rejects, with the same code and path.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The state of a finding, UNKNOWN when it was not reported. */
    public FindingState stateOf(Finding finding) {
        return findings.getOrDefault(finding, FindingState.UNKNOWN);
    }

    public PatientFacts withFinding(Finding finding, FindingState state) {
        Map<Finding, FindingState> changed = new EnumMap<>(Finding.class);
        changed.putAll(findings);
        if (state == FindingState.UNKNOWN) {
            changed.remove(finding);
        } else {
            changed.put(finding, state);
        }
        return new PatientFacts(patientRef, ageYears, painScore, changed, diagnoses, cracking, tensionOnset,
                sittingHoursPerDay, symptomDurationWeeks, evaluationDate);
    }

    private static Map<Finding, FindingState> copyFindings(Map<Finding, FindingState> findings) {
        Map<Finding, FindingState> copy = new EnumMap<>(Finding.class);
        if (findings != null) {
            findings.forEach((finding, state) -> {
                if (finding == null) {
                    throw new InvalidFactsException(InvalidFactsException.Code.NULL_VALUE, "$.findings",
                            "a finding code must not be null");
                }
                String path = "$.findings." + finding.name();
                if (finding.isDerived()) {
                    throw new InvalidFactsException(InvalidFactsException.Code.UNKNOWN_CODE, path,
                            "is derived by the knowledge base from ageYears, symptomDurationWeeks and the findings; "
                                    + "report those instead");
                }
                if (state == null) {
                    throw new InvalidFactsException(InvalidFactsException.Code.NULL_VALUE, path,
                            "must be PRESENT or ABSENT");
                }
                if (state == FindingState.UNKNOWN) {
                    throw new InvalidFactsException(InvalidFactsException.Code.UNKNOWN_CODE, path,
                            "must be PRESENT or ABSENT; leave the finding out to say it was not assessed");
                }
                copy.put(finding, state);
            });
        }
        return Collections.unmodifiableMap(copy);
    }

    /**
     * The reference is copied into audit records and logs, and people compare it by eye: it must be visible
     * text, one line, without terminal escapes, invisible characters that make two references look alike, or
     * broken UTF-16. Its length counts characters (code points), not UTF-16 units, so an emoji counts once.
     */
    private static void checkPatientRef(String ref) {
        int codePoints = ref.codePointCount(0, ref.length());
        if (codePoints > MAX_PATIENT_REF_LENGTH || isBlankAfterNormalising(ref)) {
            throw new InvalidFactsException(InvalidFactsException.Code.OUT_OF_RANGE, "$.patientRef",
                    "must be 1 to " + MAX_PATIENT_REF_LENGTH + " characters and not blank");
        }
        for (int i = 0; i < ref.length(); ) {
            int c = ref.codePointAt(i);
            int type = Character.getType(c);
            if (Character.isISOControl(c) || type == Character.SURROGATE) {
                // codePointAt returns a lone surrogate as itself, so its type is SURROGATE.
                throw new InvalidFactsException(InvalidFactsException.Code.OUT_OF_RANGE, "$.patientRef",
                        "must hold printable characters only, without control characters or unpaired surrogates");
            }
            if (type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                throw new InvalidFactsException(InvalidFactsException.Code.OUT_OF_RANGE, "$.patientRef",
                        "must not hold invisible format characters (zero-width, bidirectional controls) or line "
                                + "and paragraph separators");
            }
            i += Character.charCount(c);
        }
    }

    /** Blank once NFKC-normalised and stripped of every kind of space and of invisible format characters. */
    private static boolean isBlankAfterNormalising(String ref) {
        String normalised = Normalizer.normalize(ref, Normalizer.Form.NFKC);
        return normalised.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.getType(c) == Character.FORMAT || Character.isISOControl(c));
    }

    private static void checkRange(String path, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            throw new InvalidFactsException(InvalidFactsException.Code.OUT_OF_RANGE, path,
                    "must be between " + min + " and " + max + ", was " + value);
        }
    }

    /** Collects the facts; not thread-safe, and every {@link #build()} returns a new immutable {@link PatientFacts}. */
    public static final class Builder {
        private String patientRef;
        private Integer ageYears;
        private Integer painScore;
        // Not an EnumMap: a null finding must reach the constructor's check, which names it, instead of failing here.
        private final Map<Finding, FindingState> findings = new LinkedHashMap<>();
        private final Set<Diagnosis> diagnoses = new LinkedHashSet<>();
        private Cracking cracking;
        private TensionOnset tensionOnset;
        private Integer sittingHoursPerDay;
        private Integer symptomDurationWeeks;
        private LocalDate evaluationDate;

        private Builder() {
        }

        public Builder patientRef(String patientRef) {
            this.patientRef = patientRef;
            return this;
        }

        public Builder ageYears(Integer ageYears) {
            this.ageYears = ageYears;
            return this;
        }

        public Builder painScore(Integer painScore) {
            this.painScore = painScore;
            return this;
        }

        /** Reports one finding PRESENT or ABSENT; a finding never reported stays UNKNOWN. */
        public Builder finding(Finding finding, FindingState state) {
            findings.put(finding, state);
            return this;
        }

        public Builder diagnosis(Diagnosis diagnosis) {
            diagnoses.add(diagnosis);
            return this;
        }

        /** The back-cracking habit; either part may be null when not reported. */
        public Builder cracking(CrackingFrequency frequency, Boolean forceful) {
            this.cracking = new Cracking(frequency, forceful);
            return this;
        }

        public Builder tensionOnset(TensionOnset tensionOnset) {
            this.tensionOnset = tensionOnset;
            return this;
        }

        public Builder sittingHoursPerDay(Integer sittingHoursPerDay) {
            this.sittingHoursPerDay = sittingHoursPerDay;
            return this;
        }

        /** The date the facts describe; null (the default) means today. */
        public Builder evaluationDate(LocalDate evaluationDate) {
            this.evaluationDate = evaluationDate;
            return this;
        }

        public Builder symptomDurationWeeks(Integer symptomDurationWeeks) {
            this.symptomDurationWeeks = symptomDurationWeeks;
            return this;
        }

        /**
         * The facts collected so far.
         *
         * @throws InvalidFactsException for what the constructor rejects: a value out of range, a null, derived
         *                               or UNKNOWN finding, an unprintable patient reference
         */
        public PatientFacts build() {
            return new PatientFacts(patientRef, ageYears, painScore, findings, diagnoses, cracking, tensionOnset,
                    sittingHoursPerDay, symptomDurationWeeks, evaluationDate);
        }
    }
}
