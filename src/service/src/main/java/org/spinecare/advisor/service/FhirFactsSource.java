package org.spinecare.advisor.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.spinecare.advisor.fhir.DataGap;
import org.spinecare.advisor.fhir.FhirFacts;
import org.spinecare.advisor.fhir.FhirInputException;
import org.spinecare.advisor.fhir.GapReason;
import org.spinecare.advisor.fhir.MappedFacts;
import org.spinecare.advisor.fhir.MappingReport;

/**
 * Patient facts from the call's FHIR R4 resources (prefetched or fetched, {@link PrefetchReader}) through the FHIR
 * module (docs/fhir.md): the Patient, their Conditions and Observations and the screening QuestionnaireResponse,
 * mapped together as one document for the context's patient, so that the module's checks (that patient, every
 * subject that patient, no contained resources) apply across all four, with what could not be had as gaps.
 */
final class FhirFactsSource implements FactsSource {
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    FhirFactsSource(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Map<String, String> prefetchTemplates() {
        return PrefetchTemplate.discovery();
    }

    @Override
    public Sourced facts(PrefetchReader.Read read, String patientId) {
        ObjectNode bundle = json.createObjectNode().put("resourceType", "Bundle").put("type", "collection");
        ArrayNode entries = bundle.putArray("entry");
        read.resources().forEach(resource -> entries.addObject().set("resource", resource));
        List<DataGap> gaps = read.gaps().stream().map(FhirFactsSource::dataGap).toList();
        try {
            MappedFacts mapped = FhirFacts.fromJson(json.writeValueAsString(bundle), LocalDate.now(clock), gaps,
                    patientId);
            List<String> notes = new ArrayList<>();
            read.gaps().forEach(gap -> notes.add(gap.describe()));
            notes.addAll(notes(mapped.report()));
            return new Sourced(mapped.facts(), notes, mapped.report().toInputMapping());
        } catch (FhirInputException e) {
            throw RequestException.badRequest("$.prefetch", e.getMessage());
        } catch (JsonProcessingException e) {
            throw RequestException.badRequest("$.prefetch", "cannot be written as one FHIR document");
        }
    }

    private static DataGap dataGap(InputGap gap) {
        GapReason reason = switch (gap.kind()) {
            case NOT_PREFETCHED, FETCH_FAILED -> GapReason.FETCH_FAILED;
            case SEARCH_FAILED -> GapReason.SEARCH_FAILED;
            case PAGE_NOT_FOLLOWED, FEWER_THAN_TOTAL -> GapReason.PAGE_NOT_FOLLOWED;
        };
        return new DataGap(gap.template().key, gap.template().resourceType, reason);
    }

    private static List<String> notes(MappingReport report) {
        List<String> notes = new ArrayList<>();
        report.unknownCodes().forEach(u -> notes.add(u.resource() + " " + u.element() + ": code " + u.system() + "|"
                + u.code() + " is not known to the concept map"));
        report.unusableResources().forEach(u -> notes.add(u.resource() + " " + u.element() + ": " + u.reason()));
        report.conflicts().forEach(c -> notes.add(c.code() + " reported in contradicting ways (" + String.join(", ",
                c.resources()) + "): taken as " + c.resolvedTo()));
        return notes;
    }
}
