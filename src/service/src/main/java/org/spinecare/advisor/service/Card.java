package org.spinecare.advisor.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A CDS Hooks 2.0 card, serialised as the specification names its fields. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Card(String uuid, String summary, String detail, String indicator, Source source,
            List<Coding> overrideReasons, List<Link> links) {
    /** The specification's limit: longer summaries are cut by EHRs. */
    static final int MAX_SUMMARY = 140;

    Card {
        overrideReasons = List.copyOf(overrideReasons);
        links = links == null || links.isEmpty() ? null : List.copyOf(links);
        if (summary.length() > MAX_SUMMARY) {
            throw new IllegalArgumentException("a card summary is longer than " + MAX_SUMMARY + " characters");
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Source(String label, String url, Coding topic) {
    }

    /** A link the EHR shows under the card; {@code absolute}: opened in the browser, outside the EHR. */
    record Link(String label, String url, String type) {
        static Link absolute(String label, String url) {
            return new Link(label, url, "absolute");
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Coding(String system, String code, String display) {
    }
}
