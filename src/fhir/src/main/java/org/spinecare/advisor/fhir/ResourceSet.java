package org.spinecare.advisor.fhir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * One patient's resources, checked before anything is mapped: a set that could mix patients, hide statements or be
 * read two ways is rejected whole, naming the resource and element.
 */
final class ResourceSet {
    /** A screening needs a few dozen resources; the cap bounds the work hostile input can cause. */
    static final int MAX_RESOURCES = 1000;

    final List<Resource> resources;
    final List<String> labels = new ArrayList<>();
    private Patient patient;
    private String patientLabel;
    private String patientFullUrl;
    private final String expectedPatientId;

    private ResourceSet(List<Resource> resources, String expectedPatientId) {
        this.resources = resources;
        this.expectedPatientId = expectedPatientId;
    }

    /**
     * Checks the resources; {@code fullUrls} holds each one's Bundle.entry.fullUrl, or null; {@code expectedPatientId}
     * is the id every resource must be about, or null for "one patient, whichever".
     */
    static ResourceSet checked(List<? extends Resource> resources, List<String> fullUrls, String expectedPatientId) {
        if (resources.size() > MAX_RESOURCES) {
            throw new FhirInputException("document", "entry", "holds " + resources.size()
                    + " resources; at most " + MAX_RESOURCES + " are accepted for one patient");
        }
        ResourceSet set = new ResourceSet(List.copyOf(resources), expectedPatientId);
        Set<String> ids = new HashSet<>();
        Set<String> urls = new HashSet<>();
        for (int i = 0; i < resources.size(); i++) {
            Resource resource = resources.get(i);
            String label = Labels.of(resource, i + 1);
            set.labels.add(label);
            if (resource instanceof Bundle) {
                throw new FhirInputException(label, "resourceType", "a bundle inside a bundle is not accepted");
            }
            if (resource instanceof DomainResource domain && domain.hasContained()) {
                // A contained resource is invisible to reference checks and easy to overlook: not accepted.
                throw new FhirInputException(label, "contained",
                        "contained resources are not accepted; send each resource as an entry of the bundle");
            }
            String id = resource.getIdElement().getIdPart();
            if (id != null && !ids.add(resource.fhirType() + "/" + id)) {
                throw new FhirInputException(label, "id", "is the id of another " + resource.fhirType()
                        + " in the same document");
            }
            String fullUrl = i < fullUrls.size() ? fullUrls.get(i) : null;
            if (fullUrl != null && !urls.add(fullUrl)) {
                throw new FhirInputException(label, "fullUrl", "is the fullUrl of another entry");
            }
            if (resource instanceof Patient p) {
                if (set.patient != null) {
                    throw new FhirInputException(label, "resourceType",
                            "a second Patient: one document holds one patient's resources");
                }
                if (expectedPatientId != null && !expectedPatientId.equals(id)) {
                    throw new FhirInputException(label, "id", "is not the patient asked about");
                }
                set.patient = p;
                set.patientLabel = label;
                set.patientFullUrl = fullUrl;
            }
        }
        set.checkSubjects();
        return set;
    }

    /** Every subject must be the document's Patient (or, without one, the same patient throughout). */
    private void checkSubjects() {
        Map<String, String> firstSubject = new HashMap<>();
        for (int i = 0; i < resources.size(); i++) {
            Reference subject = subjectOf(resources.get(i));
            String label = labels.get(i);
            if (subject != null && subject.isEmpty() && expectedPatientId != null) {
                // Asked about one patient, a resource that names none could be anyone's.
                throw new FhirInputException(label, "subject", "is missing; it must refer to the patient asked about");
            }
            if (subject == null || subject.isEmpty()) {
                continue;
            }
            if (!subject.hasReference()) {
                throw new FhirInputException(label, "subject", "must be a reference to the patient's Patient resource");
            }
            String reference = subject.getReference();
            if (patient != null) {
                if (!refersToPatient(reference)) {
                    throw new FhirInputException(label, "subject.reference",
                            "does not refer to the document's Patient (" + patientLabel + ")");
                }
            } else {
                var target = subject.getReferenceElement();
                if (!"Patient".equals(target.getResourceType())) {
                    throw new FhirInputException(label, "subject.reference", "must refer to a Patient");
                }
                String key = target.getIdPart();
                if (expectedPatientId != null && !expectedPatientId.equals(key)) {
                    throw new FhirInputException(label, "subject.reference", "is not the patient asked about");
                }
                firstSubject.putIfAbsent("subject", key);
                if (key == null || !key.equals(firstSubject.get("subject"))) {
                    throw new FhirInputException(label, "subject.reference",
                            "refers to another patient than the resources before it");
                }
            }
        }
    }

    private boolean refersToPatient(String reference) {
        if (reference.equals(patientFullUrl)) {
            return true;
        }
        var target = new org.hl7.fhir.r4.model.IdType(reference);
        String id = patient.getIdElement().getIdPart();
        return "Patient".equals(target.getResourceType()) && id != null && id.equals(target.getIdPart());
    }

    private static Reference subjectOf(Resource resource) {
        if (resource instanceof Observation o) {
            return o.getSubject();
        }
        if (resource instanceof Condition c) {
            return c.getSubject();
        }
        if (resource instanceof QuestionnaireResponse q) {
            return q.getSubject();
        }
        return null;
    }
}
