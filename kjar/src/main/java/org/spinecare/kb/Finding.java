package org.spinecare.kb;

import java.util.Arrays;
import java.util.List;

/** Finding codes a clinician can report as present or absent. The codes are part of the public contract. */
public enum Finding {
    FEVER(FindingGroup.RED_FLAG),
    UNEXPLAINED_WEIGHT_LOSS(FindingGroup.RED_FLAG),
    BOWEL_BLADDER_CHANGE(FindingGroup.RED_FLAG),
    LEG_SENSATION_LOSS(FindingGroup.RED_FLAG),
    SADDLE_SENSATION_LOSS(FindingGroup.RED_FLAG),

    PAIN_WHEN_CRACKING(FindingGroup.PROFESSIONAL_REVIEW),
    NUMBNESS(FindingGroup.PROFESSIONAL_REVIEW),
    TINGLING(FindingGroup.PROFESSIONAL_REVIEW),
    WEAKNESS(FindingGroup.PROFESSIONAL_REVIEW),
    LOCKED_BACK(FindingGroup.PROFESSIONAL_REVIEW),
    BACK_SWELLING(FindingGroup.PROFESSIONAL_REVIEW),
    BACK_REDNESS(FindingGroup.PROFESSIONAL_REVIEW),
    BACK_WARMTH(FindingGroup.PROFESSIONAL_REVIEW),
    STIFFNESS_NOT_RELIEVED_BY_STRETCHING(FindingGroup.PROFESSIONAL_REVIEW),

    LOWER_BACK_PAIN(FindingGroup.GENERAL),
    SCIATICA(FindingGroup.GENERAL),
    LEG_CRAMPING(FindingGroup.GENERAL),
    CREPITUS(FindingGroup.GENERAL),
    BACK_TENSION(FindingGroup.GENERAL),
    URGE_TO_POP(FindingGroup.GENERAL),
    POOR_POSTURE(FindingGroup.GENERAL);

    private final FindingGroup group;

    Finding(FindingGroup group) {
        this.group = group;
    }

    public FindingGroup group() {
        return group;
    }

    public boolean isRedFlag() {
        return group == FindingGroup.RED_FLAG;
    }

    public static List<Finding> inGroup(FindingGroup group) {
        return Arrays.stream(values()).filter(f -> f.group == group).toList();
    }
}
