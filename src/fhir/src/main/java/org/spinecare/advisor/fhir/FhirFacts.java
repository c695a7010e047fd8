package org.spinecare.advisor.fhir;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;

/**
 * Patient facts from FHIR R4: a Bundle (or loose resources) of one patient's Patient, Observation, Condition and
 * QuestionnaireResponse resources, mapped by the rules of docs/fhir.md through the published ConceptMap and
 * Questionnaire ({@link FhirResources}). Stateless and thread-safe; HAPI's context is built once and shared.
 *
 * <p>The evaluation date is the date at which the age is computed from {@code Patient.birthDate}; callers that
 * assess "now" pass {@code LocalDate.now(clock)} or use the {@link Clock} overload.
 *
 * @throws FhirInputException from every method, for input that cannot be mapped: not FHIR R4 JSON, more than one
 *                            patient, references to nowhere, contained resources, duplicate ids, out-of-range values
 */
public final class FhirFacts {
    /** The largest FHIR JSON document accepted, in bytes: a patient's bundle takes a few KiB. */
    public static final int MAX_DOCUMENT_BYTES = FhirJson.MAX_DOCUMENT_BYTES;
    /** The most resources accepted for one patient. */
    public static final int MAX_RESOURCES = ResourceSet.MAX_RESOURCES;

    private FhirFacts() {
    }

    /** Parses a FHIR R4 JSON document (a Bundle or one resource) and maps it. */
    public static MappedFacts fromJson(String json, LocalDate evaluationDate) {
        Objects.requireNonNull(json, "json");
        Resource resource = parseResource(json);
        return resource instanceof Bundle bundle ? fromBundle(bundle, evaluationDate)
                : fromResources(List.of(resource), evaluationDate);
    }

    /** As {@link #fromJson(String, LocalDate)}, with today's date from the clock as the evaluation date. */
    public static MappedFacts fromJson(String json, Clock clock) {
        return fromJson(json, LocalDate.now(clock));
    }

    /**
     * Parses one FHIR R4 resource from JSON, strictly: a Bundle, Patient, Observation, Condition or
     * QuestionnaireResponse, at most 1 MiB, without duplicate keys or elements FHIR R4 does not define.
     */
    public static Resource parseResource(String json) {
        return FhirJson.parse(Objects.requireNonNull(json, "json"));
    }

    public static MappedFacts fromBundle(Bundle bundle, LocalDate evaluationDate) {
        List<Resource> resources = new ArrayList<>();
        List<String> fullUrls = new ArrayList<>();
        List<Bundle.BundleEntryComponent> entries = bundle.getEntry();
        for (int i = 0; i < entries.size(); i++) {
            Bundle.BundleEntryComponent entry = entries.get(i);
            if (!entry.hasResource()) {
                throw new FhirInputException("Bundle", "entry[" + i + "].resource", "is missing");
            }
            resources.add(entry.getResource());
            fullUrls.add(entry.hasFullUrl() ? entry.getFullUrl() : null);
        }
        return map(ResourceSet.checked(resources, fullUrls), evaluationDate);
    }

    /** Maps loose resources of one patient, as read from FHIR Bulk Data NDJSON. */
    public static MappedFacts fromResources(List<? extends Resource> resources, LocalDate evaluationDate) {
        return map(ResourceSet.checked(Objects.requireNonNull(resources, "resources"), List.of()), evaluationDate);
    }

    public static MappedFacts fromQuestionnaireResponse(QuestionnaireResponse response, LocalDate evaluationDate) {
        return fromResources(List.of(Objects.requireNonNull(response, "response")), evaluationDate);
    }

    private static MappedFacts map(ResourceSet set, LocalDate evaluationDate) {
        Objects.requireNonNull(evaluationDate, "evaluationDate");
        FactCollector collected = new FactCollector();
        for (int i = 0; i < set.resources.size(); i++) {
            Resource resource = set.resources.get(i);
            String label = set.labels.get(i);
            if (resource instanceof Patient patient) {
                PatientMapper.map(patient, label, evaluationDate, collected);
            } else if (resource instanceof Observation observation) {
                ObservationMapper.map(observation, label, collected);
            } else if (resource instanceof Condition condition) {
                ConditionMapper.map(condition, label, collected);
            } else if (resource instanceof QuestionnaireResponse response) {
                QuestionnaireResponseMapper.map(response, label, collected);
            } else {
                collected.unusable(new FactCollector.Source(label, "resourceType"),
                        MappingReport.Reason.UNSUPPORTED_RESOURCE_TYPE);
            }
        }
        return Resolution.resolve(collected);
    }
}
