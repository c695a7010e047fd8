package org.spinecare.advisor.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.spinecare.advisor.InputMapping;
import org.spinecare.advisor.PatientFacts;

/**
 * Where a call's patient facts come from: the prefetched FHIR resources, keyed as {@link #prefetchTemplates} names
 * them. A FHIR server that answers the same queries gives the same keys (see {@link FhirFetcher}).
 */
interface FactsSource {
    /**
     * The facts, with what the mapping could not use, as codes.
     *
     * @param notes        one line per statement that could not be used (treated as unknown), never free text from
     *                     the input
     * @param inputMapping the same, as counts and project codes, for the audit record
     */
    record Sourced(PatientFacts facts, List<String> notes, InputMapping inputMapping) {
        public Sourced {
            notes = List.copyOf(notes);
        }
    }

    /**
     * The facts in these resources of this patient, or empty when a resource the mapping needs is missing (a 412
     * for the caller).
     *
     * @throws RequestException                           400 naming the resource and element that is malformed
     * @throws org.spinecare.advisor.InvalidFactsException when the mapped values are out of the contract's range
     */
    Optional<Sourced> facts(ObjectNode prefetch, String patientId);

    /** Prefetch key to FHIR query template, for the discovery document and for fetching. */
    Map<String, String> prefetchTemplates();

    /** The keys {@link #facts} cannot do without. */
    List<String> requiredKeys();
}
