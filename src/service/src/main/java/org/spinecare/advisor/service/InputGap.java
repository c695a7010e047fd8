package org.spinecare.advisor.service;

/**
 * Data of one prefetch template the service could not have: what that template's resource type would report is
 * unscreened (unknown, never absent), and the triage card says which data were incomplete.
 *
 * @param pagesRead for {@link Kind#PAGE_NOT_FOLLOWED}: how many pages were read
 */
record InputGap(PrefetchTemplate template, Kind kind, int pagesRead) {
    enum Kind {
        /** The key was not in prefetch and there was no fhirServer to fetch it from. */
        NOT_PREFETCHED,
        /** The fetch from fhirServer failed: refused, unreachable, too slow, too large, not a FHIR answer. */
        FETCH_FAILED,
        /** The search failed (an OperationOutcome of severity error or fatal) and could not be done again. */
        SEARCH_FAILED,
        /** A further page (a {@code next} link) could not be read. */
        PAGE_NOT_FOLLOWED,
        /** The search says it matched more ({@code total}) than it holds, and has no {@code next} link. */
        FEWER_THAN_TOTAL
    }

    static InputGap of(PrefetchTemplate template, Kind kind) {
        return new InputGap(template, kind, 0);
    }

    /** One line for the card; words only, never text from the input. */
    String describe() {
        String what = switch (kind) {
            case NOT_PREFETCHED -> "not in prefetch, and no fhirServer was given to fetch them";
            case FETCH_FAILED -> "could not be had from the FHIR server";
            case SEARCH_FAILED -> "the EHR's search failed (OperationOutcome)";
            case PAGE_NOT_FOLLOWED -> pagesRead == 1 ? "only the first page could be read"
                    : "only the first " + pagesRead + " pages could be read";
            case FEWER_THAN_TOTAL -> "the search result holds fewer entries than its total";
        };
        return template.label + ": " + what + "; what they would report is unscreened (unknown, not absent)";
    }
}
