package org.spinecare.advisor.fhir;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
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
 * <p>What the input path could not read is given as {@link DataGap}s, or found in the document (pages not read,
 * failed searches): a finding the missing data could have reported is unscreened unless another resource states
 * it PRESENT (docs/fhir.md, "The input path's safety rule").
 *
 * @throws FhirInputException from every method, for input that cannot be mapped: not FHIR R4 JSON, more than one
 *                            patient or another patient than the expected one, references to nowhere, contained
 *                            resources, duplicate ids, out-of-range values
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
        return fromJson(json, evaluationDate, List.of());
    }

    /**
     * As {@link #fromJson(String, LocalDate)}, with what the caller knows it could not read ({@code gaps}); the
     * document's own gaps (unread pages, failed searches, a bare OperationOutcome) are found and added.
     */
    public static MappedFacts fromJson(String json, LocalDate evaluationDate, List<DataGap> gaps) {
        return fromJson(json, evaluationDate, gaps, null);
    }

    /**
     * As {@link #fromJson(String, LocalDate, List)}, requiring every resource to be the patient with the id
     * {@code expectedPatientId} (the Patient's id, every subject's reference); null requires only one patient.
     */
    public static MappedFacts fromJson(String json, LocalDate evaluationDate, List<DataGap> gaps,
                                       String expectedPatientId) {
        Objects.requireNonNull(json, "json");
        Resource resource = parseResource(json);
        if (resource instanceof Bundle bundle) {
            return fromBundle(bundle, evaluationDate, gaps, expectedPatientId);
        }
        List<DataGap> all = new ArrayList<>(Objects.requireNonNull(gaps, "gaps"));
        if (resource instanceof OperationOutcome) {
            // An outcome in place of the document: whatever it answers for, nothing of the patient was read.
            all.add(new DataGap(Labels.of(resource, 1), DataGap.ANY_TYPE, GapReason.SEARCH_FAILED));
        }
        return fromResources(List.of(resource), evaluationDate, all, expectedPatientId);
    }

    /** As {@link #fromJson(String, LocalDate)}, with today's date from the clock as the evaluation date. */
    public static MappedFacts fromJson(String json, Clock clock) {
        return fromJson(json, LocalDate.now(clock));
    }

    /**
     * Parses one FHIR R4 resource from JSON, strictly: a Bundle, Patient, Observation, Condition,
     * QuestionnaireResponse or OperationOutcome, at most 1 MiB, without duplicate keys or elements FHIR R4 does not
     * define.
     */
    public static Resource parseResource(String json) {
        return FhirJson.parse(Objects.requireNonNull(json, "json"));
    }

    /**
     * The gaps a search Bundle shows by itself: pages not read ({@code next} link, {@code total} above its match
     * entries) and failed searches (an OperationOutcome of severity error or fatal), each with {@code source} as
     * its label. For callers that read several searches and map their resources together.
     */
    public static List<DataGap> gapsOf(Bundle bundle, String source) {
        return SearchCompleteness.gaps(Objects.requireNonNull(bundle, "bundle"), Objects.requireNonNull(source,
                "source"));
    }

    public static MappedFacts fromBundle(Bundle bundle, LocalDate evaluationDate) {
        return fromBundle(bundle, evaluationDate, List.of());
    }

    /** As {@link #fromBundle(Bundle, LocalDate)}, with the caller's gaps and the bundle's own ({@link #gapsOf}). */
    public static MappedFacts fromBundle(Bundle bundle, LocalDate evaluationDate, List<DataGap> gaps) {
        return fromBundle(bundle, evaluationDate, gaps, null);
    }

    /** As {@link #fromBundle(Bundle, LocalDate, List)}, for the patient {@code expectedPatientId} (null: any one). */
    public static MappedFacts fromBundle(Bundle bundle, LocalDate evaluationDate, List<DataGap> gaps,
                                         String expectedPatientId) {
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
        ResourceSet set = ResourceSet.checked(resources, fullUrls, expectedPatientId);
        List<DataGap> all = new ArrayList<>(Objects.requireNonNull(gaps, "gaps"));
        all.addAll(gapsOf(bundle, Labels.of(bundle, 1)));
        return map(set, evaluationDate, all, true);
    }

    /** Maps loose resources of one patient, as read from FHIR Bulk Data NDJSON. */
    public static MappedFacts fromResources(List<? extends Resource> resources, LocalDate evaluationDate) {
        return fromResources(resources, evaluationDate, List.of());
    }

    /** As {@link #fromResources(List, LocalDate)}, with the caller's gaps; an OperationOutcome of error is one. */
    public static MappedFacts fromResources(List<? extends Resource> resources, LocalDate evaluationDate,
                                            List<DataGap> gaps) {
        return fromResources(resources, evaluationDate, gaps, null);
    }

    /** As {@link #fromResources(List, LocalDate, List)}, for the patient {@code expectedPatientId} (null: any one). */
    public static MappedFacts fromResources(List<? extends Resource> resources, LocalDate evaluationDate,
                                            List<DataGap> gaps, String expectedPatientId) {
        return map(ResourceSet.checked(Objects.requireNonNull(resources, "resources"), List.of(), expectedPatientId),
                evaluationDate, Objects.requireNonNull(gaps, "gaps"), false);
    }

    public static MappedFacts fromQuestionnaireResponse(QuestionnaireResponse response, LocalDate evaluationDate) {
        return fromResources(List.of(Objects.requireNonNull(response, "response")), evaluationDate);
    }

    /** {@code outcomesCounted}: failed OperationOutcomes are already among the gaps (a Bundle's, by its type). */
    private static MappedFacts map(ResourceSet set, LocalDate evaluationDate, List<DataGap> gaps,
                                   boolean outcomesCounted) {
        Objects.requireNonNull(evaluationDate, "evaluationDate");
        FactCollector collected = new FactCollector();
        gaps.forEach(collected::gap);
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
            } else if (resource instanceof OperationOutcome outcome) {
                outcome(outcome, label, collected, outcomesCounted);
            } else {
                collected.unusable(new FactCollector.Source(label, "resourceType"),
                        MappingReport.Reason.UNSUPPORTED_RESOURCE_TYPE);
            }
        }
        return Resolution.resolve(collected);
    }

    /**
     * An OperationOutcome of error among loose resources: the search it reports on failed, and which type it
     * searched is unknown here (a Bundle's is found by {@link #gapsOf}), so any type may be missing.
     */
    private static void outcome(OperationOutcome outcome, String label, FactCollector collected, boolean counted) {
        if (SearchCompleteness.failed(outcome)) {
            if (!counted) {
                collected.gap(new DataGap(label, DataGap.ANY_TYPE, GapReason.SEARCH_FAILED));
            }
        } else {
            collected.unusable(new FactCollector.Source(label, "issue"), MappingReport.Reason.OPERATION_OUTCOME);
        }
    }
}
