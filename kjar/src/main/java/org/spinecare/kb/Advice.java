package org.spinecare.kb;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Every technique and piece of advice the knowledge base can recommend or contraindicate, with its standard
 * steps paraphrased from the article. The codes are part of the public contract; steps that depend on the
 * patient come from rules as {@link DoseInstruction}s.
 */
public enum Advice {
    STRETCH_SEATED_TRUNK_ROTATION(AdviceCategory.STRETCH, Sections.STRETCHES,
            "Seated trunk rotation: a gentle twist in a chair that eases muscle tension without straining the spine.",
            List.of("Sit on a chair, feet flat on the floor, arms relaxed at your sides.",
                    "Turn your upper body slowly to the right and look back over your right shoulder.",
                    "For a gentle stretch, rest the right hand on the chair back and the left hand on the right thigh.",
                    "Come back to the centre, then do the same to the left.")),
    STRETCH_YOGA_SPINE_TWIST(AdviceCategory.STRETCH, Sections.STRETCHES,
            "Yoga spine twist: a lying twist that releases lower back tension.",
            List.of("Lie on your back, knees drawn up towards the chest, arms straight out to each side.",
                    "Lower both knees to the floor on your right, keeping them bent at a right angle.",
                    "Turn your head towards your left hand and breathe deeply; stay only while it is comfortable.",
                    "Come back to the centre, then do the same on the other side.")),
    STRETCH_KNEE_TO_CHEST(AdviceCategory.STRETCH, Sections.STRETCHES,
            "Knee-to-chest stretch: draws one knee up to gently stretch the lower back.",
            List.of("Lie on your back with both legs straight.",
                    "Pull your right knee up towards your chest, hands resting over the shin.",
                    "Hold there while breathing deeply.",
                    "Lower the leg and do the same with the left; do five repetitions.")),
    STRETCH_PELVIC_TILT(AdviceCategory.STRETCH, Sections.STRETCHES,
            "Pelvic tilt: uses the deep core muscles to flatten the lower back against the floor.",
            List.of("Lie on your back, knees bent, feet flat on the floor.",
                    "Tighten the deep core muscles so that the lower spine presses into the floor.",
                    "Hold for five seconds, then relax.")),
    CRACK_SEATED_CHAIR(AdviceCategory.CRACKING, Sections.SEATED_CRACKING,
            "Seated chair technique: a gentle backward extension over the back of a chair.",
            List.of("Sit up straight with your back against the chair back and your feet flat on the floor.",
                    "Clasp your hands together behind the chair and your back.",
                    "Breathe in; as you breathe out, arch your spine backwards over the chair.",
                    "Go only as far as is comfortable and hold a few seconds, or until the back cracks.",
                    "Never force it: use slow, gentle movement only.")),
    CRACK_SEATED_FLOOR_TWIST(AdviceCategory.CRACKING, Sections.GROUND_CRACKING,
            "Seated floor twist: a gentle rotation sitting on the ground, for when the chair technique does not help.",
            List.of("Sit on the floor with one leg straight and the other bent, its foot flat on the floor.",
                    "Turn your upper body gently towards the bent knee; if you can, put the opposite arm over that knee.",
                    "Look over your shoulder and breathe deeply.",
                    "Repeat to the other side so that both sides are stretched evenly.",
                    "Never force it: use slow, gentle movement only.")),
    CRACK_LYING_SPINAL_TWIST(AdviceCategory.CRACKING, Sections.SPINAL_TWIST_CRACKING,
            "Lying spinal twist: a gentle twist on the back that can release the lower back and improve mobility.",
            List.of("Lie on your back, legs straight, arms out at your sides.",
                    "Bend one knee gently and bring it across the straight leg.",
                    "Place the opposite hand on the bent knee and look towards the outstretched arm.",
                    "Breathe deeply and let the back release on a breath out, without pushing.",
                    "Repeat on the other side.")),
    HEAT_THERAPY(AdviceCategory.HEAT_COLD, Sections.HEAT_AND_COLD,
            "Heat therapy: warmth increases blood flow to the lower back muscles and dampens pain signals.",
            List.of("Use a heating pad, a hot water bottle, a warm damp towel, a warm bath or a sauna.",
                    "Apply heat for 15 to 20 minutes at most at a time.",
                    "Alternating heat with cold is an option; ask your doctor for personal guidance.")),
    COLD_THERAPY(AdviceCategory.HEAT_COLD, Sections.HEAT_AND_COLD,
            "Cold therapy: works best straight after the tension starts, by limiting inflammation and swelling.",
            List.of("Apply an ice pack as soon as possible after the tension starts.",
                    "Always wrap the ice pack in a towel to protect the skin.",
                    "Apply cold for 15 to 20 minutes at most at a time.",
                    "Alternating cold with heat is an option; ask your doctor for personal guidance.")),

    CONSULT_BEFORE_CRACKING(AdviceCategory.SAFETY, Sections.INTRODUCTION,
            "Ask your physician before cracking your back yourself.",
            List.of("Back pain or a diagnosed spinal condition makes self-cracking riskier; get medical advice first.")),
    GENTLE_MOVEMENT_ONLY(AdviceCategory.SAFETY, Sections.PREVENTING_DAMAGE,
            "Never crack the back with forceful, aggressive or sudden movements; move it only slowly and gently.",
            List.of("Sudden or forceful cracking can pinch a nerve, strain muscles, inflame joints, injure discs "
                    + "or blood vessels, or lock a facet joint.")),
    LIMIT_CRACKING_FREQUENCY(AdviceCategory.SAFETY, Sections.DAMAGE,
            "Crack less often: frequent cracking can overstretch the back ligaments over time.",
            List.of("Habitual cracking raises the risk of joint instability and osteoarthritis.")),
    REGULAR_EXERCISE(AdviceCategory.LIFESTYLE, Sections.PREVENTING_DAMAGE,
            "Exercise regularly to keep the spine healthy and mobile.",
            List.of()),
    REDUCE_SITTING(AdviceCategory.LIFESTYLE, Sections.ALTERNATIVES,
            "Sit less during the day.",
            List.of("Stand up and walk around at least once an hour.",
                    "A standing desk can help.")),
    IMPROVE_POSTURE(AdviceCategory.LIFESTYLE, Sections.ALTERNATIVES,
            "Work on your posture to protect the spine and prevent muscle tension.",
            List.of()),
    SEEK_EMERGENCY_CARE(AdviceCategory.PROFESSIONAL_CARE, Sections.PROFESSIONAL_HELP,
            "Get emergency medical care now: these signs can mean pressure on the nerves at the base of the spine.",
            List.of("Do nothing to your back before a doctor has seen you: do not stretch, crack, heat or cool it.")),
    SEEK_URGENT_CARE(AdviceCategory.PROFESSIONAL_CARE, Sections.PROFESSIONAL_HELP,
            "See a doctor urgently, today if possible: you have a warning sign that needs a prompt medical check.",
            List.of("Do nothing to your back before a doctor has seen you: do not stretch, crack, heat or cool it.")),
    COMPLETE_RED_FLAG_SCREEN(AdviceCategory.SAFETY, Sections.PROFESSIONAL_HELP,
            "Ask about every red flag listed in unscreenedRedFlags before advising any self-care.",
            List.of("Self-care techniques are withheld until each red flag is reported present or absent.")),
    SEEK_PROFESSIONAL_HELP(AdviceCategory.PROFESSIONAL_CARE, Sections.PROFESSIONAL_HELP,
            "Have your back assessed by a physician or physical therapist.",
            List.of("Do not crack your back yourself until you have been assessed.")),
    PROFESSIONAL_ADJUSTMENT(AdviceCategory.PROFESSIONAL_CARE, Sections.ALTERNATIVES,
            "Leave cracking to professionals: a physician, physical therapist or licensed chiropractor can adjust "
                    + "the back safely or suggest a better alternative.",
            List.of("National guidance (NICE NG59) advises manual therapy such as manipulation only together with "
                    + "exercise.")),
    MASSAGE_OR_ACUPUNCTURE(AdviceCategory.PROFESSIONAL_CARE, Sections.ALTERNATIVES,
            "Consider massage therapy for back pain relief, together with exercise.",
            List.of("A physical therapist or doctor can often refer you to a qualified practitioner.",
                    "The article also suggests acupuncture; national guidance (NICE NG59) does not recommend "
                            + "acupuncture for low back pain.")),
    YOGA(AdviceCategory.LIFESTYLE, Sections.UNLOCKING,
            "Yoga stretches the muscles, eases tension and supports good posture, which helps a locked lower back.",
            List.of("A guided class helps you keep proper form; online sessions made for a tight lower back are an "
                    + "alternative.")),
    MENTION_CREPITUS_TO_PHYSICIAN(AdviceCategory.PROFESSIONAL_CARE, Sections.STENOSIS,
            "Grating or crackling with movement can come from osteoarthritis: mention it to your physician.",
            List.of("See a professional sooner if pain persists or numbness, tingling or weakness appear.")),
    AVOID_SPINE_OVEREXTENSION(AdviceCategory.SAFETY, Sections.STENOSIS_STRETCHING,
            "Avoid bending your spine backwards too far: with a narrowed spinal canal (spinal stenosis) it can "
                    + "press on the nerves.",
            List.of()),
    STENOSIS_STRETCH_ROUTINE(AdviceCategory.PROFESSIONAL_CARE, Sections.STENOSIS_STRETCHING,
            "Ask your physician or physical therapist for a stretching routine suited to your spine.",
            List.of("Where spinal stenosis is the cause, stretching can help by improving blood flow to the spine, "
                    + "easing muscle tension and improving mobility.")),
    PAUSE_SELF_CRACKING(AdviceCategory.SAFETY, Sections.PROFESSIONAL_HELP,
            "Do not crack your back yourself for now.",
            List.of("The techniques that are not advised for you are listed with the reason for each; ask a "
                    + "physician or physical therapist when self-cracking may be safe.")),
    STAY_ACTIVE(AdviceCategory.LIFESTYLE, Sections.GUIDELINE_NG59,
            "Keep moving and carry on with your usual activities as far as the pain allows.",
            List.of("Bed rest does not help back pain; staying active helps recovery.")),
    CHECK_MANIPULATION_SAFETY(AdviceCategory.SAFETY, Sections.GUIDELINE_WHO_CHIROPRACTIC,
            "Ask about anticoagulants or a bleeding disorder, inflammatory arthritis and previous spinal surgery "
                    + "before the patient cracks their back.",
            List.of("Self-cracking is withheld until each is reported present or absent.")),
    CONSIDER_BONE_HEALTH(AdviceCategory.SAFETY, Sections.GUIDELINE_NICE_CG146,
            "Consider bone health (fracture risk) before any spinal manipulation, self-directed or professional.",
            List.of("Self-cracking and referral for manipulation are withheld in people aged 65 or over.")),
    RATE_PAIN(AdviceCategory.SAFETY, Sections.PROFESSIONAL_HELP,
            "Rate the back pain on the 0 to 10 scale: pain of 8 or more calls for a routine review.",
            List.of("Until it is rated the severity is unknown; the stretch doses start at the low end meanwhile."));

    private final AdviceCategory category;
    private final String source;
    private final String summary;
    private final List<String> instructions;

    Advice(AdviceCategory category, String source, String summary, List<String> instructions) {
        this.category = category;
        this.source = source;
        this.summary = summary;
        this.instructions = instructions;
    }

    public AdviceCategory category() {
        return category;
    }

    /** The article section that describes this technique or advice. */
    public String source() {
        return source;
    }

    public String summary() {
        return summary;
    }

    /** The standard steps, before any patient-specific {@link Instruction}. */
    public List<String> instructions() {
        return instructions;
    }

    /** True for stretches, cracking techniques, heat and cold: what a patient does to their own back. */
    public boolean isSelfCareTechnique() {
        return category == AdviceCategory.STRETCH || category == AdviceCategory.CRACKING
                || category == AdviceCategory.HEAT_COLD;
    }

    public boolean isCrackingTechnique() {
        return category == AdviceCategory.CRACKING;
    }

    public boolean isStretch() {
        return category == AdviceCategory.STRETCH;
    }

    public boolean isHeatOrCold() {
        return category == AdviceCategory.HEAT_COLD;
    }

    /** Spinal manipulation: the self-cracking techniques and a referral for a professional adjustment. */
    public boolean isManipulation() {
        return isCrackingTechnique() || this == PROFESSIONAL_ADJUSTMENT;
    }

    /** Hands-on treatment and movement the patient is sent to or does: stretches, yoga, massage, adjustment. */
    public boolean isHandsOnOrMovement() {
        return isStretch() || this == YOGA || this == MASSAGE_OR_ACUPUNCTURE || this == PROFESSIONAL_ADJUSTMENT;
    }

    /** Who is told: the patient, or the clinician who completes the assessment. */
    public Audience audience() {
        return switch (this) {
            case COMPLETE_RED_FLAG_SCREEN, CHECK_MANIPULATION_SAFETY, CONSIDER_BONE_HEALTH, RATE_PAIN -> Audience.CLINICIAN;
            default -> Audience.PATIENT;
        };
    }

    public boolean forPatient() {
        return audience() == Audience.PATIENT;
    }

    /** Where the advice stands in the answer: recommendations are ordered by section, then by code order. */
    public AnswerSection section() {
        if (audience() == Audience.CLINICIAN) {
            return AnswerSection.CLINICIAN;
        }
        return switch (this) {
            case SEEK_EMERGENCY_CARE, SEEK_URGENT_CARE, SEEK_PROFESSIONAL_HELP -> AnswerSection.ESCALATION;
            case CONSULT_BEFORE_CRACKING, PAUSE_SELF_CRACKING, AVOID_SPINE_OVEREXTENSION, GENTLE_MOVEMENT_ONLY,
                 LIMIT_CRACKING_FREQUENCY -> AnswerSection.PRECAUTION;
            case MENTION_CREPITUS_TO_PHYSICIAN, STENOSIS_STRETCH_ROUTINE, PROFESSIONAL_ADJUSTMENT,
                 MASSAGE_OR_ACUPUNCTURE -> AnswerSection.PROFESSIONAL_OPTION;
            case STAY_ACTIVE, REGULAR_EXERCISE, YOGA, REDUCE_SITTING, IMPROVE_POSTURE -> AnswerSection.LIFESTYLE;
            default -> switch (category) {
                case STRETCH -> AnswerSection.STRETCH;
                case HEAT_COLD -> AnswerSection.HEAT_COLD;
                case CRACKING -> AnswerSection.CRACKING;
                default -> throw new IllegalStateException(this + " has no answer section");
            };
        };
    }

    /**
     * Other codes this advice's texts speak of; a text must never point to advice that the same answer forbids
     * (checked by the facade's safety invariants).
     */
    public Set<Advice> refersTo() {
        return switch (this) {
            case HEAT_THERAPY -> Set.of(COLD_THERAPY);
            case COLD_THERAPY -> Set.of(HEAT_THERAPY);
            case PROFESSIONAL_ADJUSTMENT, MASSAGE_OR_ACUPUNCTURE -> Set.of(REGULAR_EXERCISE);
            default -> Set.of();
        };
    }

    /** The one escalation a patient with this triage is told first, or null for self-care. */
    public static Advice escalationFor(TriageLevel level) {
        return switch (level) {
            case EMERGENCY -> SEEK_EMERGENCY_CARE;
            case URGENT -> SEEK_URGENT_CARE;
            case ROUTINE -> SEEK_PROFESSIONAL_HELP;
            case SELF_CARE -> null;
        };
    }

    /** Everything done to the back, by the patient or a therapist: self-care techniques and hands-on treatment. */
    public boolean isDoneToTheBack() {
        return isSelfCareTechnique() || isHandsOnOrMovement();
    }

    public static List<Advice> doneToTheBack() {
        return DONE_TO_THE_BACK;
    }

    public static List<Advice> crackingTechniques() {
        return CRACKING_TECHNIQUES;
    }

    public static List<Advice> manipulations() {
        return MANIPULATIONS;
    }

    public static List<Advice> stretches() {
        return STRETCHES;
    }

    public static List<Advice> heatAndCold() {
        return HEAT_AND_COLD;
    }

    public static List<Advice> handsOnAndMovement() {
        return HANDS_ON_AND_MOVEMENT;
    }

    private static final List<Advice> CRACKING_TECHNIQUES = Arrays.stream(values())
            .filter(Advice::isCrackingTechnique).toList();
    private static final List<Advice> MANIPULATIONS = Arrays.stream(values()).filter(Advice::isManipulation).toList();
    private static final List<Advice> STRETCHES = Arrays.stream(values()).filter(Advice::isStretch).toList();
    private static final List<Advice> HEAT_AND_COLD = Arrays.stream(values()).filter(Advice::isHeatOrCold).toList();
    private static final List<Advice> DONE_TO_THE_BACK = Arrays.stream(values())
            .filter(Advice::isDoneToTheBack).toList();
    private static final List<Advice> HANDS_ON_AND_MOVEMENT = Arrays.stream(values())
            .filter(Advice::isHandsOnOrMovement).toList();
}
