package org.spinecare.advisor.fhir;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Something an input path could not read: a page not followed, a failed search or fetch, an unreadable line. Every
 * finding a resource of {@code resourceType} could report that the data read do not state PRESENT is then
 * assessed as unscreened, never absent (docs/fhir.md, "The input path's safety rule").
 *
 * @param source       a safe label of where the data were missing: a prefetch key ({@code observations}), a line
 *                     ({@code line 7}), {@code Bundle}; letters, digits, spaces and {@code _-.:/#[]} only, at most
 *                     128 characters, so that it never carries input text
 * @param resourceType the FHIR type whose data may be missing ({@code Observation}, {@code Condition},
 *                     {@code QuestionnaireResponse}, {@code Patient}), or {@link #ANY_TYPE}
 * @param reason       why
 */
public record DataGap(String source, String resourceType, GapReason reason) {
    /** Data of any type may be missing. */
    public static final String ANY_TYPE = "*";
    /** The types a gap can name: those the mapping reads, and {@link #ANY_TYPE}. */
    public static final Set<String> RESOURCE_TYPES = Set.of("Patient", "Observation", "Condition",
            "QuestionnaireResponse", ANY_TYPE);
    private static final Pattern SAFE_LABEL = Pattern.compile("[A-Za-z0-9_.:/#\\[\\] \\-]{1,128}");

    public DataGap {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(reason, "reason");
        if (!SAFE_LABEL.matcher(source).matches()) {
            throw new IllegalArgumentException("a gap's source must be a short label of letters, digits, spaces "
                    + "and _-.:/#[]");
        }
        if (!RESOURCE_TYPES.contains(resourceType)) {
            throw new IllegalArgumentException("a gap's resourceType must be one of " + RESOURCE_TYPES);
        }
    }

    /** True when this gap may hide resources of the given type. */
    public boolean covers(String type) {
        return ANY_TYPE.equals(resourceType) || resourceType.equals(type);
    }

    /** The audit record's code for this gap: {@code REASON/Type}. */
    String code() {
        return reason.name() + "/" + resourceType;
    }
}
