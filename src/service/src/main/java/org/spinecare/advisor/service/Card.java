package org.spinecare.advisor.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A CDS Hooks 2.0 card, serialised as the specification names its fields. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Card(String uuid, String summary, String detail, String indicator, Source source,
            List<Coding> overrideReasons) {
    /** The specification's limit: longer summaries are cut by EHRs. */
    static final int MAX_SUMMARY = 140;

    Card {
        overrideReasons = List.copyOf(overrideReasons);
        if (summary.length() > MAX_SUMMARY) {
            throw new IllegalArgumentException("a card summary is longer than " + MAX_SUMMARY + " characters");
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Source(String label, String url, Coding topic) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Coding(String system, String code, String display) {
    }
}
