package org.spinecare.advisor.fhir;

import org.spinecare.kb.Diagnosis;
import org.spinecare.kb.Finding;

/**
 * What a code stands for in the project: a reportable finding or a diagnosis (exactly one is set).
 *
 * @param wider the project's concept is wider than the coded one, so only its presence carries over
 */
record Target(Finding finding, Diagnosis diagnosis, boolean wider) {
    Target {
        if ((finding == null) == (diagnosis == null)) {
            throw new IllegalArgumentException("a target is a finding or a diagnosis");
        }
    }

    /** The project code, a finding or diagnosis name; null when the name is neither (or a derived finding). */
    static Target ofProjectCode(String code, boolean wider) {
        for (Finding f : Finding.values()) {
            if (f.name().equals(code)) {
                return f.isDerived() ? null : new Target(f, null, wider);
            }
        }
        for (Diagnosis d : Diagnosis.values()) {
            if (d.name().equals(code)) {
                return new Target(null, d, wider);
            }
        }
        return null;
    }

    String code() {
        return finding != null ? finding.name() : diagnosis.name();
    }
}
