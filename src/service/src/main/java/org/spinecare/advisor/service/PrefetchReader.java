package org.spinecare.advisor.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Gathers one call's resources, template by template, by the rules of docs/cds-hooks.md ("The input path"): a key whose
 * value is {@code null} is the EHR saying it has no such data; a missing key, a failed search (OperationOutcome) and
 * the further pages of a search are fetched from {@code fhirServer} when there is one; whatever could not be had is
 * an {@link InputGap}, so that what it would have reported is unscreened, never absent. Every resource must be the
 * context's patient's.
 */
final class PrefetchReader {
    /** Pages read per template at most, the first included: a patient's screening fits in one. */
    static final int MAX_PAGES = 10;

    /**
     * @param resources every resource read, in template order
     * @param gaps      what could not be had
     * @param answered  the templates that gave an answer (data, or {@code null} for "no data")
     */
    record Read(List<JsonNode> resources, List<InputGap> gaps, List<PrefetchTemplate> answered) {
    }

    private final HookRequest call;
    private final FhirFetcher.Session server;
    private final List<JsonNode> resources = new ArrayList<>();
    private final List<InputGap> gaps = new ArrayList<>();
    private final List<PrefetchTemplate> answered = new ArrayList<>();

    private PrefetchReader(HookRequest call, FhirFetcher.Session server) {
        this.call = call;
        this.server = server;
    }

    /**
     * @param fetcher      reads from the call's fhirServer, if it gave one
     * @param fetchAllowed false when the configuration does not allow that fhirServer: every fetch from it is then
     *                     "could not be had", exactly as a failed one, and nothing is sent to it
     */
    static Read read(HookRequest call, FhirFetcher fetcher, boolean fetchAllowed) {
        FhirFetcher.Session server = call.fhirServer() == null ? null
                : fetcher.session(call.fhirServer(), call.accessToken(), fetchAllowed);
        PrefetchReader reader = new PrefetchReader(call, server);
        for (PrefetchTemplate template : PrefetchTemplate.values()) {
            reader.template(template, call.prefetch());
        }
        return new Read(distinct(reader.resources), List.copyOf(reader.gaps), List.copyOf(reader.answered));
    }

    /**
     * The resources with exact repeats left out (a resource on two pages, or included in two searches): the same
     * statement twice is one statement, where the mapping would refuse a repeated id. Different resources under one
     * id still reach it, and are refused there.
     */
    private static List<JsonNode> distinct(List<JsonNode> resources) {
        return List.copyOf(new LinkedHashSet<>(resources));
    }

    private void template(PrefetchTemplate template, ObjectNode prefetch) {
        JsonNode value = prefetch.get(template.key);
        if (value == null) {
            if (!fetched(template)) {
                gaps.add(InputGap.of(template, server == null ? InputGap.Kind.NOT_PREFETCHED
                        : InputGap.Kind.FETCH_FAILED));
            }
        } else if (value.isNull()) {
            // CDS Hooks 2.0.1: null is the client saying it has no data for this template; nothing to fetch.
            answered.add(template);
        } else {
            value(template, value, new Where("$.prefetch." + template.key, false));
        }
    }

    /** Reads the template's query from fhirServer; false when there is none or it could not be had. */
    private boolean fetched(PrefetchTemplate template) {
        if (server == null) {
            return false;
        }
        JsonNode value;
        try {
            value = server.read(template.query(call.patientId()));
        } catch (FhirFetcher.Unavailable e) {
            return false;
        }
        value(template, value, new Where(template.key, true));
        return true;
    }

    /**
     * Where a value came from: the call body (its problems are the client's: 400 naming the path) or the FHIR server
     * (its problems make the template's data unavailable).
     */
    private record Where(String path, boolean fetched) {
        Where at(String element) {
            return new Where(path + "." + element, fetched);
        }
    }

    /** What one search gave: its resources, and the gap if it was incomplete. */
    private record Search(List<JsonNode> found, InputGap gap) {
    }

    private void value(PrefetchTemplate template, JsonNode value, Where where) {
        String type = value.path("resourceType").asText("");
        if (!value.isObject() || type.isEmpty()) {
            gaps.add(unusable(template, where, "must be a FHIR resource or Bundle"));
        } else if ("OperationOutcome".equals(type)) {
            // A bare OperationOutcome: the client's request for this template failed.
            if (where.fetched() || !fetched(template)) {
                gaps.add(InputGap.of(template, InputGap.Kind.SEARCH_FAILED));
            }
        } else if (template == PrefetchTemplate.PATIENT && !"Patient".equals(type)) {
            // A Bundle here would let its entries pass for the context's patient.
            gaps.add(unusable(template, where, "must be the Patient resource (a read, not a search)"));
        } else if ("Bundle".equals(type)) {
            // A failed search is done again on fhirServer; without one, what it did hold still counts (a PRESENT in
            // it is a PRESENT), and the rest is unscreened.
            if (failedSearch(value) && !where.fetched() && fetched(template)) {
                return;
            }
            Search search = search(template, value, where);
            resources.addAll(search.found());
            answered.add(template);
            if (search.gap() != null) {
                gaps.add(search.gap());
            }
        } else if (own(template, value, where)) {
            resources.add(value);
            answered.add(template);
        } else {
            gaps.add(InputGap.of(template, InputGap.Kind.FETCH_FAILED));
        }
    }

    /** The search's resources over all its pages, following {@code next} links within the limits. */
    private Search search(PrefetchTemplate template, JsonNode first, Where where) {
        if (failedSearch(first)) {
            List<JsonNode> held = entries(template, first, where);
            return new Search(held == null ? List.of() : held, InputGap.of(template, InputGap.Kind.SEARCH_FAILED));
        }
        List<JsonNode> found = new ArrayList<>();
        JsonNode page = first;
        int matches = 0;
        for (int read = 1; ; read++) {
            List<JsonNode> entries = entries(template, page, where);
            if (entries == null) {
                return new Search(found, InputGap.of(template, InputGap.Kind.FETCH_FAILED));
            }
            found.addAll(entries);
            matches += matches(page);
            String next = nextLink(page);
            if (next == null) {
                break;
            }
            page = read < MAX_PAGES ? follow(next) : null;
            if (page == null) {
                return new Search(found, new InputGap(template, InputGap.Kind.PAGE_NOT_FOLLOWED, read));
            }
            where = new Where(template.key + " page " + (read + 1), true);
        }
        JsonNode total = first.get("total");
        boolean short_ = total != null && total.canConvertToLong() && total.asLong() > matches;
        return new Search(found, short_ ? InputGap.of(template, InputGap.Kind.FEWER_THAN_TOTAL) : null);
    }

    /** The next page, or null when there is no server, the link leaves it, or the page is not a good search page. */
    private JsonNode follow(String link) {
        if (server == null) {
            return null;
        }
        try {
            JsonNode page = server.follow(link);
            return "Bundle".equals(page.path("resourceType").asText()) && !failedSearch(page) ? page : null;
        } catch (FhirFetcher.Unavailable e) {
            return null;
        }
    }

    /** The page's resources but OperationOutcomes; null when a fetched one is not the patient's. */
    private List<JsonNode> entries(PrefetchTemplate template, JsonNode page, Where where) {
        List<JsonNode> found = new ArrayList<>();
        for (int i = 0; i < page.path("entry").size(); i++) {
            JsonNode resource = page.path("entry").get(i).get("resource");
            Where at = where.at("entry[" + i + "].resource");
            if (resource == null || !resource.isObject()) {
                unusable(template, at, "is missing");
                return null;
            }
            if (!"OperationOutcome".equals(resource.path("resourceType").asText())) {
                if (!own(template, resource, at)) {
                    return null;
                }
                found.add(resource);
            }
        }
        return found;
    }

    /** Entries that matched the search, as {@code total} counts them (not included resources, not outcomes). */
    private static int matches(JsonNode page) {
        int matches = 0;
        for (JsonNode entry : page.path("entry")) {
            String mode = entry.path("search").path("mode").asText("match");
            boolean outcome = "OperationOutcome".equals(entry.path("resource").path("resourceType").asText());
            matches += "match".equals(mode) && !outcome ? 1 : 0;
        }
        return matches;
    }

    /** Whether the resource is the context's patient's; another patient's in the call is refused. */
    private boolean own(PrefetchTemplate template, JsonNode resource, Where where) {
        String element = PatientIdentity.mismatch(resource, call.patientId());
        if (element == null) {
            return true;
        }
        unusable(template, where.at(element), "must be the context's patient (" + (element.equals("id")
                ? "its id the context's patientId" : "a reference to Patient/<context.patientId>") + ")");
        return false;
    }

    /**
     * A value in the call that cannot be used is refused (400 naming its path); one from the FHIR server is not the
     * client's mistake to correct: that template's data could not be had (the gap returned).
     */
    private static InputGap unusable(PrefetchTemplate template, Where where, String detail) {
        if (!where.fetched()) {
            throw RequestException.badRequest(where.path(), detail);
        }
        return InputGap.of(template, InputGap.Kind.FETCH_FAILED);
    }

    /**
     * An OperationOutcome among the entries with an issue of severity error or fatal, or of none (as the FHIR module
     * reads it, docs/fhir.md): the search did not complete.
     */
    private static boolean failedSearch(JsonNode bundle) {
        for (JsonNode entry : bundle.path("entry")) {
            JsonNode resource = entry.path("resource");
            if ("OperationOutcome".equals(resource.path("resourceType").asText())) {
                for (JsonNode issue : resource.path("issue")) {
                    String severity = issue.path("severity").asText("");
                    if (!"information".equals(severity) && !"warning".equals(severity)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String nextLink(JsonNode bundle) {
        for (JsonNode link : bundle.path("link")) {
            if ("next".equals(link.path("relation").asText()) && link.path("url").isTextual()) {
                return link.path("url").asText();
            }
        }
        return null;
    }
}
