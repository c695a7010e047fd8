package org.spinecare.kb;

import java.util.Arrays;
import java.util.List;

/**
 * Finding codes a clinician can report as present or absent, and the two that rules derive from measures. The
 * codes are part of the public contract. Each clinical grouping a rule needs is defined here once, as a
 * {@link FindingGroup}, a {@link RedFlagCategory} or a {@link FindingTrait}, so that a code added to a group is
 * seen by every rule that uses the group.
 */
public enum Finding {
    // Red flags the article names.
    FEVER(RedFlagCategory.INFECTION, Origin.ARTICLE),
    UNEXPLAINED_WEIGHT_LOSS(RedFlagCategory.CANCER, Origin.ARTICLE),
    BOWEL_BLADDER_CHANGE(RedFlagCategory.CAUDA_EQUINA, Origin.ARTICLE),
    LEG_SENSATION_LOSS(RedFlagCategory.NERVE_FUNCTION, Origin.ARTICLE, FindingTrait.OBJECTIVE_NEUROLOGICAL_DEFICIT,
            FindingTrait.REDUCED_SKIN_SENSATION),
    SADDLE_SENSATION_LOSS(RedFlagCategory.CAUDA_EQUINA, Origin.ARTICLE, FindingTrait.OBJECTIVE_NEUROLOGICAL_DEFICIT,
            FindingTrait.REDUCED_SKIN_SENSATION),

    // Red flags national guidance adds (NICE CKS low back pain and sciatica; NICE NG59).
    BILATERAL_LEG_SYMPTOMS(RedFlagCategory.CAUDA_EQUINA, Origin.GUIDELINE),
    SEVERE_OR_PROGRESSIVE_WEAKNESS(RedFlagCategory.CAUDA_EQUINA, Origin.GUIDELINE,
            FindingTrait.OBJECTIVE_NEUROLOGICAL_DEFICIT),
    GAIT_DISTURBANCE(RedFlagCategory.CAUDA_EQUINA, Origin.GUIDELINE, FindingTrait.OBJECTIVE_NEUROLOGICAL_DEFICIT),
    SEXUAL_DYSFUNCTION(RedFlagCategory.CAUDA_EQUINA, Origin.GUIDELINE),
    HISTORY_OF_CANCER(RedFlagCategory.CANCER, Origin.GUIDELINE, ContraindicationReason.HISTORY_OF_CANCER),
    NIGHT_OR_REST_PAIN(RedFlagCategory.CANCER, Origin.GUIDELINE),
    THORACIC_PAIN(RedFlagCategory.CANCER, Origin.GUIDELINE),
    /** Derived by rule CT-003 from {@link #NOT_IMPROVING} and the symptom duration; never part of the input. */
    NO_IMPROVEMENT_AFTER_4_WEEKS(RedFlagCategory.PERSISTENT_SYMPTOMS, Origin.DERIVED),
    /** Derived by rule CT-002 from the age and the symptom duration; never part of the input. */
    ONSET_AGE_UNDER_20_OR_OVER_50(RedFlagCategory.AGE_AT_ONSET, Origin.DERIVED),
    INTRAVENOUS_DRUG_USE(RedFlagCategory.INFECTION, Origin.GUIDELINE),
    IMMUNOSUPPRESSION(RedFlagCategory.INFECTION, Origin.GUIDELINE),
    RECENT_BACTERIAL_INFECTION(RedFlagCategory.INFECTION, Origin.GUIDELINE),
    SYSTEMICALLY_UNWELL(RedFlagCategory.INFECTION, Origin.GUIDELINE),
    SIGNIFICANT_TRAUMA(RedFlagCategory.FRACTURE, Origin.GUIDELINE),
    OSTEOPOROSIS(RedFlagCategory.FRAGILE_BONE, Origin.GUIDELINE, ContraindicationReason.BONE_FRAGILITY),
    LONG_TERM_STEROIDS(RedFlagCategory.FRAGILE_BONE, Origin.GUIDELINE, ContraindicationReason.BONE_FRAGILITY),
    STRUCTURAL_DEFORMITY(RedFlagCategory.FRACTURE, Origin.GUIDELINE),
    INFLAMMATORY_BACK_PAIN(RedFlagCategory.INFLAMMATORY, Origin.GUIDELINE,
            ContraindicationReason.INFLAMMATORY_ARTHRITIS),

    // Reasons the article gives to see a professional about back cracking.
    PAIN_WHEN_CRACKING(FindingGroup.PROFESSIONAL_REVIEW),
    // Numbness of the skin and tingling are symptoms, not an objective loss of function: stenosis indicators, and
    // numb skin gets no heat or cold, but they do not withhold movement (issue 22).
    NUMBNESS(FindingGroup.PROFESSIONAL_REVIEW, FindingTrait.STENOSIS_SYMPTOM, FindingTrait.REDUCED_SKIN_SENSATION),
    TINGLING(FindingGroup.PROFESSIONAL_REVIEW, FindingTrait.STENOSIS_SYMPTOM),
    WEAKNESS(FindingGroup.PROFESSIONAL_REVIEW, FindingTrait.OBJECTIVE_NEUROLOGICAL_DEFICIT, FindingTrait.STENOSIS_SYMPTOM),
    LOCKED_BACK(FindingGroup.PROFESSIONAL_REVIEW),
    BACK_SWELLING(FindingGroup.PROFESSIONAL_REVIEW, FindingTrait.SIGN_OF_INFLAMMATION),
    BACK_REDNESS(FindingGroup.PROFESSIONAL_REVIEW, FindingTrait.SIGN_OF_INFLAMMATION),
    BACK_WARMTH(FindingGroup.PROFESSIONAL_REVIEW, FindingTrait.SIGN_OF_INFLAMMATION),
    STIFFNESS_NOT_RELIEVED_BY_STRETCHING(FindingGroup.PROFESSIONAL_REVIEW, FindingTrait.STRETCHING_FAILED),

    // What makes spinal manipulation unsafe (WHO guidelines on basic training and safety in chiropractic), beyond
    // the red flags above that also do.
    ANTICOAGULANT_OR_BLEEDING_DISORDER(FindingGroup.MANIPULATION_SAFETY, ContraindicationReason.BLEEDING_RISK),
    INFLAMMATORY_ARTHRITIS(FindingGroup.MANIPULATION_SAFETY, ContraindicationReason.INFLAMMATORY_ARTHRITIS),
    PREVIOUS_SPINAL_SURGERY(FindingGroup.MANIPULATION_SAFETY, ContraindicationReason.PREVIOUS_SPINAL_SURGERY),

    LOWER_BACK_PAIN(FindingGroup.GENERAL),
    SCIATICA(FindingGroup.GENERAL, FindingTrait.STENOSIS_SYMPTOM),
    LEG_CRAMPING(FindingGroup.GENERAL, FindingTrait.STENOSIS_SYMPTOM),
    CREPITUS(FindingGroup.GENERAL),
    BACK_TENSION(FindingGroup.GENERAL),
    URGE_TO_POP(FindingGroup.GENERAL),
    POOR_POSTURE(FindingGroup.GENERAL),
    /** Symptoms have not improved with self-care or treatment so far; read with the symptom duration. */
    NOT_IMPROVING(FindingGroup.GENERAL);

    /** Where a red flag comes from. */
    public enum Origin {
        /** Named by the article. */
        ARTICLE,
        /** Added from national guidance. */
        GUIDELINE,
        /** Derived by a rule from measures; the input may not report it. */
        DERIVED
    }

    private final FindingGroup group;
    private final RedFlagCategory redFlagCategory;
    private final Origin origin;
    /** One bit per {@link FindingTrait}: rules test traits on every finding, so the test must be cheap. */
    private final long traitBits;
    private final ContraindicationReason manipulationRisk;

    Finding(RedFlagCategory category, Origin origin, FindingTrait... traits) {
        this(FindingGroup.RED_FLAG, category, origin, null, traits);
    }

    Finding(RedFlagCategory category, Origin origin, ContraindicationReason manipulationRisk) {
        this(FindingGroup.RED_FLAG, category, origin, manipulationRisk);
    }

    Finding(FindingGroup group, FindingTrait... traits) {
        this(group, null, null, null, traits);
    }

    Finding(FindingGroup group, ContraindicationReason manipulationRisk) {
        this(group, null, null, manipulationRisk);
    }

    Finding(FindingGroup group, RedFlagCategory category, Origin origin, ContraindicationReason manipulationRisk,
            FindingTrait... traits) {
        this.group = group;
        this.redFlagCategory = category;
        this.origin = origin;
        this.manipulationRisk = manipulationRisk;
        long bits = 0;
        for (FindingTrait trait : traits) {
            bits |= 1L << trait.ordinal();
        }
        this.traitBits = bits;
    }

    public FindingGroup group() {
        return group;
    }

    public boolean isRedFlag() {
        return group == FindingGroup.RED_FLAG;
    }

    /** The red flag's category, or null for a finding that is not a red flag. */
    public RedFlagCategory redFlagCategory() {
        return redFlagCategory;
    }

    public boolean isRedFlagIn(RedFlagCategory category) {
        return redFlagCategory == category;
    }

    /** A red flag for same-day or urgent assessment ({@link SignStrength#URGENT_SIGN}). */
    public boolean isUrgentSign() {
        return redFlagCategory != null && redFlagCategory.strength() == SignStrength.URGENT_SIGN;
    }

    /** A red flag that calls for a routine review ({@link SignStrength#ROUTINE_REVIEW_FEATURE}). */
    public boolean isRoutineReviewFeature() {
        return redFlagCategory != null && redFlagCategory.strength() == SignStrength.ROUTINE_REVIEW_FEATURE;
    }

    /** A red flag the article names (the other red flags come from guidance or are derived). */
    public boolean isArticleRedFlag() {
        return origin == Origin.ARTICLE;
    }

    public boolean isGuidelineRedFlag() {
        return origin == Origin.GUIDELINE || origin == Origin.DERIVED;
    }

    /** Derived by a rule; the input may not report it. */
    public boolean isDerived() {
        return origin == Origin.DERIVED;
    }

    public boolean has(FindingTrait trait) {
        return (traitBits & (1L << trait.ordinal())) != 0;
    }

    /** Why spinal manipulation is unsafe when this finding is present, or null when it does not make it so. */
    public ContraindicationReason manipulationRisk() {
        return manipulationRisk;
    }

    public boolean isManipulationRisk() {
        return manipulationRisk != null;
    }

    public static List<Finding> inGroup(FindingGroup group) {
        return Arrays.stream(values()).filter(f -> f.group == group).toList();
    }

    public static List<Finding> withTrait(FindingTrait trait) {
        return Arrays.stream(values()).filter(f -> f.has(trait)).toList();
    }

    /** The findings the input may report: every code but the derived ones. */
    public static List<Finding> reportable() {
        return Arrays.stream(values()).filter(f -> !f.isDerived()).toList();
    }
}
