package org.spinecare.kb;

/**
 * Whether the patient has back pain, from the {@link Finding#LOWER_BACK_PAIN} report and the pain score together:
 * exactly one per assessment, inserted by rule CT-001.
 */
public record BackPain(FindingState state) {
    public boolean present() {
        return state == FindingState.PRESENT;
    }
}
