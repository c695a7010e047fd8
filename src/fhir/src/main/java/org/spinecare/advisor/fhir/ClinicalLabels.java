package org.spinecare.advisor.fhir;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.spinecare.kb.Advice;
import org.spinecare.kb.ContraindicationReason;
import org.spinecare.kb.Diagnosis;
import org.spinecare.kb.Finding;
import org.spinecare.kb.RedFlagCategory;
import org.spinecare.kb.StenosisStatus;
import org.spinecare.kb.TriageLevel;

/**
 * One human label per code, for cards, the clinicians' page, the patient handout and texts. Findings and diagnoses
 * are labelled by the published screening Questionnaire's item texts, read once, so that the form a clinician fills
 * in and the answer they read use the same words; codes the Questionnaire has no item for (derived findings, advice,
 * reasons, triage levels) are labelled by the tables below.
 */
public final class ClinicalLabels {
    private static final Map<String, String> ITEM_TEXTS = itemTexts();
    private static final Map<Finding, String> DERIVED_FINDINGS = new EnumMap<>(Map.of(
            Finding.NO_IMPROVEMENT_AFTER_4_WEEKS, "No improvement after 4 weeks",
            Finding.ONSET_AGE_UNDER_20_OR_OVER_50, "Back pain that began before 20 or after 50"));
    private static final Map<Advice, String> ADVICE = adviceLabels();
    private static final Map<ContraindicationReason, String> REASONS = reasonLabels();

    private ClinicalLabels() {
    }

    public static String finding(Finding finding) {
        String derived = DERIVED_FINDINGS.get(finding);
        return derived != null ? derived : item(finding.name());
    }

    public static String diagnosis(Diagnosis diagnosis) {
        return item(diagnosis.name());
    }

    /** The technique's or advice's short name, e.g. "Pelvic tilt". */
    public static String advice(Advice advice) {
        return ADVICE.get(advice);
    }

    /** Why a technique must not be used, as a short phrase, e.g. "a red flag is present". */
    public static String reason(ContraindicationReason reason) {
        return REASONS.get(reason);
    }

    public static String triage(TriageLevel triage) {
        return switch (triage) {
            case EMERGENCY -> "Emergency";
            case URGENT -> "Urgent";
            case ROUTINE -> "Routine review";
            case SELF_CARE -> "Self-care";
        };
    }

    public static String stenosis(StenosisStatus status) {
        return switch (status) {
            case NOT_INDICATED -> "No sign of spinal stenosis";
            case POSSIBLE -> "Spinal stenosis possible";
            case DIAGNOSED -> "Spinal stenosis diagnosed";
        };
    }

    /** A count of red flags of one category, e.g. "4 cancer signs", "1 fracture sign". */
    public static String redFlags(RedFlagCategory category, int count) {
        String noun = switch (category) {
            case CAUDA_EQUINA -> "cauda equina sign";
            case NERVE_FUNCTION -> "nerve function sign";
            case CANCER -> "cancer sign";
            case INFECTION -> "infection sign";
            case FRACTURE -> "fracture sign";
            case AGE_AT_ONSET -> "age-at-onset sign";
            case INFLAMMATORY -> "inflammatory back pain sign";
            case PERSISTENT_SYMPTOMS -> "sign of symptoms not improving";
            case FRAGILE_BONE -> "fragile bone sign";
        };
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private static String item(String linkId) {
        String text = ITEM_TEXTS.get(linkId);
        if (text == null) {
            throw new IllegalStateException("the published Questionnaire has no item " + linkId);
        }
        return text;
    }

    /** Read as plain JSON: a label must not cost the FHIR parser's start-up (the command line's JSON path). */
    private static Map<String, String> itemTexts() {
        Map<String, String> texts = new HashMap<>();
        try {
            for (JsonNode group : new ObjectMapper().readTree(FhirResources.questionnaireJson()).path("item")) {
                group.path("item").forEach(item -> texts.put(item.path("linkId").asText(), item.path("text").asText()));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the published Questionnaire is not JSON", e);
        }
        return Map.copyOf(texts);
    }

    private static Map<Advice, String> adviceLabels() {
        Map<Advice, String> labels = new EnumMap<>(Advice.class);
        labels.put(Advice.STRETCH_SEATED_TRUNK_ROTATION, "Seated trunk rotation");
        labels.put(Advice.STRETCH_YOGA_SPINE_TWIST, "Yoga spine twist");
        labels.put(Advice.STRETCH_KNEE_TO_CHEST, "Knee-to-chest stretch");
        labels.put(Advice.STRETCH_PELVIC_TILT, "Pelvic tilt");
        labels.put(Advice.CRACK_SEATED_CHAIR, "Seated chair back-crack");
        labels.put(Advice.CRACK_SEATED_FLOOR_TWIST, "Seated floor twist");
        labels.put(Advice.CRACK_LYING_SPINAL_TWIST, "Lying spinal twist");
        labels.put(Advice.HEAT_THERAPY, "Heat");
        labels.put(Advice.COLD_THERAPY, "Cold");
        labels.put(Advice.CONSULT_BEFORE_CRACKING, "Ask a physician before self-cracking");
        labels.put(Advice.GENTLE_MOVEMENT_ONLY, "Gentle movement only, never forceful cracking");
        labels.put(Advice.LIMIT_CRACKING_FREQUENCY, "Crack less often");
        labels.put(Advice.REGULAR_EXERCISE, "Regular exercise");
        labels.put(Advice.REDUCE_SITTING, "Sit less");
        labels.put(Advice.IMPROVE_POSTURE, "Better posture");
        labels.put(Advice.SEEK_EMERGENCY_CARE, "Emergency care now");
        labels.put(Advice.SEEK_URGENT_CARE, "Urgent medical review");
        labels.put(Advice.COMPLETE_RED_FLAG_SCREEN, "Ask the red-flag questions not yet asked");
        labels.put(Advice.SEEK_PROFESSIONAL_HELP, "Assessment by a physician or physical therapist");
        labels.put(Advice.PROFESSIONAL_ADJUSTMENT, "Professional spinal adjustment");
        labels.put(Advice.MASSAGE_OR_ACUPUNCTURE, "Massage therapy");
        labels.put(Advice.YOGA, "Yoga");
        labels.put(Advice.MENTION_CREPITUS_TO_PHYSICIAN, "Mention the grating or crackling to a physician");
        labels.put(Advice.AVOID_SPINE_OVEREXTENSION, "Avoid bending the spine far backwards");
        labels.put(Advice.STENOSIS_STRETCH_ROUTINE, "A stretching routine from a physician or physical therapist");
        labels.put(Advice.PAUSE_SELF_CRACKING, "No self-cracking for now");
        labels.put(Advice.STAY_ACTIVE, "Stay active");
        labels.put(Advice.CHECK_MANIPULATION_SAFETY, "Ask about bleeding risk, inflammatory arthritis and spinal "
                + "surgery");
        labels.put(Advice.CONSIDER_BONE_HEALTH, "Consider bone health");
        labels.put(Advice.RATE_PAIN, "Rate the back pain from 0 to 10");
        return labels;
    }

    private static Map<ContraindicationReason, String> reasonLabels() {
        Map<ContraindicationReason, String> labels = new EnumMap<>(ContraindicationReason.class);
        labels.put(ContraindicationReason.ESCALATED_TRIAGE, "a professional must assess it first");
        labels.put(ContraindicationReason.RED_FLAG, "a red flag is present");
        labels.put(ContraindicationReason.DIAGNOSED_SPINAL_CONDITION, "a spinal condition is diagnosed");
        labels.put(ContraindicationReason.BACK_PAIN, "back pain needs a physician's advice first");
        labels.put(ContraindicationReason.BACK_PAIN_NOT_ASSESSED, "back pain has not been asked about");
        labels.put(ContraindicationReason.CHILD, "the patient is under 16");
        labels.put(ContraindicationReason.OLDER_AGE_BONE_HEALTH, "at 65 or over, bone health must be considered "
                + "first");
        labels.put(ContraindicationReason.BONE_FRAGILITY, "the bone is fragile (osteoporosis or long-term steroids)");
        labels.put(ContraindicationReason.BLEEDING_RISK, "bleeding risk (anticoagulants or a bleeding disorder)");
        labels.put(ContraindicationReason.INFLAMMATORY_ARTHRITIS, "inflammatory arthritis or inflammatory back "
                + "pain");
        labels.put(ContraindicationReason.PREVIOUS_SPINAL_SURGERY, "previous spinal surgery");
        labels.put(ContraindicationReason.HISTORY_OF_CANCER, "a history of cancer");
        labels.put(ContraindicationReason.MANIPULATION_SAFETY_NOT_SCREENED, "manipulation safety has not been asked "
                + "about");
        labels.put(ContraindicationReason.NEUROLOGICAL_DEFICIT, "a nerve has lost function (weakness or lost sensation)");
        labels.put(ContraindicationReason.SPINE_EXTENSION_WITH_STENOSIS, "bending backwards can press on nerves with "
                + "stenosis");
        labels.put(ContraindicationReason.SIGNS_OF_INFLAMMATION, "the back is swollen, red or warm");
        labels.put(ContraindicationReason.REDUCED_SKIN_SENSATION, "numb skin could be burnt or frozen unnoticed");
        labels.put(ContraindicationReason.STRETCHING_NOT_HELPING, "stretching has not eased the stiffness");
        return labels;
    }
}
