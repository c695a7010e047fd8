package org.spinecare.kb;

/** Patient-specific instructions that rules attach to a recommended technique. */
public enum Instruction {
    PELVIC_TILT_THREE_SETS("Do 3 sets: start at the low end while pain is high or not yet rated."),
    PELVIC_TILT_FIVE_SETS("Do about 5 sets, as moderate pain allows."),
    PELVIC_TILT_UP_TO_TEN_SETS("Build up to 10 sets as mild pain allows."),
    USE_ONLY_SHOWN_TECHNIQUES("Use only the safe techniques shown here; if they do not help, ask a doctor or "
            + "physical therapist for other options."),
    GENTLE_MASSAGE_ONLY("Ask for gentle massage only, and tell the therapist about blood thinners, a bleeding "
            + "disorder or fragile bones: firm pressure could bruise or injure."),
    CHECK_SKIN_BEFORE_HEAT_OR_COLD("Swelling, redness and warmth of the back were not checked: if any is present, "
            + "do not use heat or cold and see a professional.");

    private final String text;

    Instruction(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
