package org.spinecare.advisor.fhir;

import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Resource;

/** Names for resources, elements and codes in messages and reports: never free text from the input. */
final class Labels {
    /** FHIR's own id syntax: such an id can be shown as it is. */
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    /** Codes, linkIds and URIs worth showing: printable ASCII tokens without spaces or quotes, bounded in length. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_.:/\\-#|%+=~]{1,128}");

    private Labels() {
    }

    /** {@code Type/id}, or {@code Type#position} (1-based, in input order) when the id is missing or unprintable. */
    static String of(Resource resource, int position) {
        String type = resource.fhirType();
        String id = resource.getIdElement().getIdPart();
        return id != null && FHIR_ID.matcher(id).matches() ? type + "/" + id : type + "#" + position;
    }

    /** The value when it is a plain printable token, else {@code ?}. */
    static String token(String value) {
        return value != null && TOKEN.matcher(value).matches() ? value : "?";
    }
}
