package org.spinecare.advisor.service;

import java.util.List;
import java.util.Map;
import org.spinecare.advisor.InputMapping;
import org.spinecare.advisor.PatientFacts;

/**
 * Where a call's patient facts come from: the FHIR resources gathered for the prefetch templates named by
 * {@link #prefetchTemplates} ({@link PrefetchReader}), with what could not be had.
 */
interface FactsSource {
    /**
     * The facts, with what the mapping could not use and what could not be had, as codes.
     *
     * @param notes        one line per statement that could not be used (treated as unknown) and per template whose
     *                     data could not all be had (unscreened), never free text from the input
     * @param inputMapping the same, as counts and project codes, for the audit record
     */
    record Sourced(PatientFacts facts, List<String> notes, InputMapping inputMapping) {
        public Sourced {
            notes = List.copyOf(notes);
        }
    }

    /**
     * The facts in these resources of this patient; what the read could not have is unscreened.
     *
     * @throws RequestException                           400 naming the resource and element that is malformed
     * @throws org.spinecare.advisor.InvalidFactsException when the mapped values are out of the contract's range
     */
    Sourced facts(PrefetchReader.Read read, String patientId);

    /** Prefetch key to FHIR query template, for the discovery document. */
    Map<String, String> prefetchTemplates();
}
