package org.spinecare.advisor.fhir;

import org.hl7.fhir.r4.model.Resource;

/** Names for resources, elements and codes in messages and reports: never free text from the input. */
final class Labels {
    /** FHIR's own id syntax, [A-Za-z0-9\-.]{1,64}: such an id can be shown as it is. */
    private static final String ID_PUNCTUATION = "-.";
    private static final int ID_MAX = 64;
    /** Codes, linkIds and URIs worth showing, [A-Za-z0-9_.:/\-#|%+=~]{1,128}: printable ASCII without spaces or quotes. */
    private static final String TOKEN_PUNCTUATION = "_.:/-#|%+=~";
    private static final int TOKEN_MAX = 128;

    private Labels() {
    }

    /** {@code Type/id}, or {@code Type#position} (1-based, in input order) when the id is missing or unprintable. */
    static String of(Resource resource, int position) {
        String type = resource.fhirType();
        String id = resource.getIdElement().getIdPart();
        return id != null && isMadeOf(id, ID_PUNCTUATION, ID_MAX) ? type + "/" + id : type + "#" + position;
    }

    /** The value when it is a plain printable token, else {@code ?}. */
    static String token(String value) {
        return value != null && isMadeOf(value, TOKEN_PUNCTUATION, TOKEN_MAX) ? value : "?";
    }

    /**
     * 1 to {@code max} ASCII letters, digits and {@code punctuation}: a loop rather than a regular expression, as
     * every element of every resource is labelled (the regular expressions were a twentieth of a questionnaire
     * response's mapping).
     */
    private static boolean isMadeOf(String value, String punctuation, int max) {
        int length = value.length();
        if (length == 0 || length > max) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || punctuation.indexOf(c) >= 0;
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
