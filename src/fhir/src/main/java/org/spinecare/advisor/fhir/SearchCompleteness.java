package org.spinecare.advisor.fhir;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;

/**
 * Whether a Bundle holds the whole answer to its search (docs/fhir.md, "Completeness"): a {@code next} link, or a
 * searchset {@code total} above its match entries, means pages were not read; an OperationOutcome of severity error
 * or fatal means the search failed. Either is a {@link DataGap}: on the searched type when the {@code self} link
 * and every match entry show it, else on any type.
 */
final class SearchCompleteness {
    private SearchCompleteness() {
    }

    static List<DataGap> gaps(Bundle bundle, String source) {
        List<DataGap> gaps = new ArrayList<>();
        String type = searchedType(bundle);
        if (bundle.getLink(Bundle.LINK_NEXT) != null || totalAboveMatches(bundle)) {
            gaps.add(new DataGap(source, type, GapReason.PAGE_NOT_FOLLOWED));
        }
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getResource() instanceof OperationOutcome outcome && failed(outcome)) {
                DataGap failed = new DataGap(source, type, GapReason.SEARCH_FAILED);
                if (!gaps.contains(failed)) {
                    gaps.add(failed);
                }
            }
        }
        return gaps;
    }

    /** True when an issue is an error or fatal: the search (or whatever the outcome reports on) did not succeed. */
    static boolean failed(OperationOutcome outcome) {
        return outcome.getIssue().stream().anyMatch(issue -> issue.getSeverity() == null
                || issue.getSeverity() == OperationOutcome.IssueSeverity.ERROR
                || issue.getSeverity() == OperationOutcome.IssueSeverity.FATAL
                || issue.getSeverity() == OperationOutcome.IssueSeverity.NULL);
    }

    private static boolean totalAboveMatches(Bundle bundle) {
        if (bundle.getType() != Bundle.BundleType.SEARCHSET || !bundle.hasTotalElement()
                || !bundle.getTotalElement().hasValue()) {
            return false;
        }
        long matches = bundle.getEntry().stream().filter(SearchCompleteness::isMatch).count();
        return bundle.getTotal() > matches;
    }

    private static boolean isMatch(Bundle.BundleEntryComponent entry) {
        Bundle.SearchEntryMode mode = entry.getSearch().getMode();
        return mode == Bundle.SearchEntryMode.MATCH
                || (mode == null && !(entry.getResource() instanceof OperationOutcome));
    }

    /** The type the self link searched when every match entry is of it too and the mapping reads it, else "*". */
    private static String searchedType(Bundle bundle) {
        Bundle.BundleLinkComponent self = bundle.getLink(Bundle.LINK_SELF);
        if (self == null || !self.hasUrl()) {
            return DataGap.ANY_TYPE;
        }
        String path = self.getUrl().split("[?#]", 2)[0];
        String type = path.substring(path.lastIndexOf('/') + 1);
        if (DataGap.ANY_TYPE.equals(type) || !DataGap.RESOURCE_TYPES.contains(type)) {
            return DataGap.ANY_TYPE;
        }
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            if (isMatch(entry) && resource != null && !type.equals(resource.fhirType())) {
                return DataGap.ANY_TYPE;
            }
        }
        return type;
    }
}
