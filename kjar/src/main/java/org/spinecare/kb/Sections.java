package org.spinecare.kb;

import java.util.Set;

/** The article's section headings and the guidance sections, as cited by rules ({@code @source}) and advice. */
public final class Sections {
    public static final String INTRODUCTION = "How to Crack Your Lower Back?";
    public static final String RELEASING_TENSION = "How Do You Release Tension in Your Lower Back?";
    public static final String STRETCHES = "Stretches to Release Lower Back Tension";
    public static final String HEAT_AND_COLD = "Heat and Cold Therapy for Lower Back Tension";
    public static final String CAUSES = "What Causes Lower Back Tension?";
    public static final String SAFE_CRACKING = "How to Safely Crack Your Lower Back";
    public static final String SEATED_CRACKING = "Seated Back Cracking Technique";
    public static final String GROUND_CRACKING = "Safely Cracking Your Back on the Ground";
    public static final String SPINAL_TWIST_CRACKING = "Cracking Your Back in a Spinal Twist";
    public static final String DAMAGE = "Is It Damaging to Crack Your Back?";
    public static final String PREVENTING_DAMAGE = "Strategies to Prevent Damage from Back Cracking";
    public static final String ALTERNATIVES = "Alternative Methods for Back Pain Relief";
    public static final String UNLOCKING = "How Do You Unlock Your Lower Back?";
    public static final String NEED_TO_POP = "Why Does My Lower Back Feel Like It Needs to Pop?";
    public static final String STENOSIS = "Lower Back Cracking and Spinal Stenosis";
    public static final String STENOSIS_STRETCHING = "How Do You Stretch for Spinal Stenosis?";
    public static final String PROFESSIONAL_HELP = "When to Seek Professional Help for Back Cracking";

    // Guidance beyond the article, cited by GUIDELINE rules and the advice they add (docs/source-map.md).
    public static final String GUIDELINE_CKS_LOW_BACK_PAIN = "NICE CKS Back pain - low (without radiculopathy): "
            + "assessment, red flags for serious causes";
    public static final String GUIDELINE_CKS_SCIATICA = "NICE CKS Sciatica (lumbar radiculopathy): assessment, red "
            + "flags for cauda equina syndrome";
    public static final String GUIDELINE_NG59 = "NICE NG59 Low back pain and sciatica in over 16s, 1.2 Non-invasive "
            + "treatments (self-management, manual therapy, acupuncture)";
    public static final String GUIDELINE_NG59_SCOPE = "NICE NG59 Low back pain and sciatica in over 16s: who it "
            + "covers (people aged 16 and over)";
    public static final String GUIDELINE_NG65 = "NICE NG65 Spondyloarthritis in over 16s: 1.1 recognition and "
            + "referral";
    public static final String GUIDELINE_WHO_CHIROPRACTIC = "WHO guidelines on basic training and safety in "
            + "chiropractic (2005), contraindications to spinal manipulative therapy";
    public static final String GUIDELINE_NICE_CG146 = "NICE CG146 Osteoporosis: assessing the risk of fragility "
            + "fracture, 1.1 Targeting risk assessment";

    /** Every heading of the article, which a STATED or INFERRED rule cites. */
    public static final Set<String> ARTICLE = Set.of(INTRODUCTION, RELEASING_TENSION, STRETCHES, HEAT_AND_COLD,
            CAUSES, SAFE_CRACKING, SEATED_CRACKING, GROUND_CRACKING, SPINAL_TWIST_CRACKING, DAMAGE, PREVENTING_DAMAGE,
            ALTERNATIVES, UNLOCKING, NEED_TO_POP, STENOSIS, STENOSIS_STRETCHING, PROFESSIONAL_HELP);

    /** Every guidance section a GUIDELINE rule may cite. */
    public static final Set<String> GUIDELINES = Set.of(GUIDELINE_CKS_LOW_BACK_PAIN, GUIDELINE_CKS_SCIATICA,
            GUIDELINE_NG59, GUIDELINE_NG59_SCOPE, GUIDELINE_NG65, GUIDELINE_WHO_CHIROPRACTIC, GUIDELINE_NICE_CG146);

    private Sections() {
    }
}
