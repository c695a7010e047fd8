package org.spinecare.kb;

/** The article's section headings, as cited by rules ({@code @source}) and advice. */
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

    private Sections() {
    }
}
