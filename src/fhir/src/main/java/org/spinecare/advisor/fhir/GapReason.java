package org.spinecare.advisor.fhir;

/** Why an input path could not read everything it was given or asked for (a {@link DataGap}). */
public enum GapReason {
    /** A search result with a {@code next} link, or a {@code total} above its entries, whose other pages were not read. */
    PAGE_NOT_FOLLOWED,
    /** An OperationOutcome of severity error or fatal in place of, or beside, a search result. */
    SEARCH_FAILED,
    /** The data could not be fetched from the FHIR server. */
    FETCH_FAILED,
    /** A bulk data line that could not be parsed. */
    UNREADABLE_LINE
}
