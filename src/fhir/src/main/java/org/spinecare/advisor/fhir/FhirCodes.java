package org.spinecare.advisor.fhir;

/**
 * The code systems and canonical URLs this module reads and publishes. The project's own codes (finding, diagnosis,
 * measure and answer codes) are in {@link #SPINE_SYSTEM}; SNOMED CT concepts reach them only through the published
 * ConceptMap.
 */
public final class FhirCodes {
    /** The project's CodeSystem: finding and diagnosis codes exactly as in the JSON contract, plus item codes. */
    public static final String SPINE_SYSTEM = "https://spinecare.org/fhir/CodeSystem/spine-codes";
    /** The published screening Questionnaire. */
    public static final String QUESTIONNAIRE_URL = "https://spinecare.org/fhir/Questionnaire/spine-screening";
    /** The published ConceptMap from SNOMED CT to the project's codes. */
    public static final String CONCEPT_MAP_URL = "https://spinecare.org/fhir/ConceptMap/snomed-to-spine";
    public static final String SNOMED = "http://snomed.info/sct";
    /** SNOMED CT "Present (qualifier value)" (HL7 mCODE ValueSet mcode-present-absent). */
    public static final String SNOMED_PRESENT = "52101004";
    /** SNOMED CT "Absent (qualifier value)" (same source). */
    public static final String SNOMED_ABSENT = "2667000";

    /** Questionnaire answer codes in {@link #SPINE_SYSTEM}. */
    public static final String PRESENT = "PRESENT";
    public static final String ABSENT = "ABSENT";
    public static final String NOT_ASKED = "NOT_ASKED";

    /** Questionnaire item codes (and linkIds) for the measures and the cracking habit. */
    public static final String AGE_YEARS = "AGE_YEARS";
    public static final String PAIN_SCORE = "PAIN_SCORE";
    public static final String SITTING_HOURS_PER_DAY = "SITTING_HOURS_PER_DAY";
    public static final String SYMPTOM_DURATION_WEEKS = "SYMPTOM_DURATION_WEEKS";
    public static final String TENSION_ONSET = "TENSION_ONSET";
    public static final String CRACKING_FREQUENCY = "CRACKING_FREQUENCY";
    public static final String CRACKING_FORCEFUL = "CRACKING_FORCEFUL";

    private FhirCodes() {
    }
}
