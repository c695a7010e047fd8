package org.spinecare.kb;

/** The final triage level, decided once every screening rule has fired. */
public record Triage(TriageLevel level) {
    public boolean selfCare() {
        return level == TriageLevel.SELF_CARE;
    }

    public boolean allowsSelfCareTechniques() {
        return level.allowsSelfCareTechniques();
    }
}
