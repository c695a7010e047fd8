package org.spinecare.advisor.fhir;

import java.time.LocalDate;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** Small FHIR resources for tests, built with HAPI's model as clinic software would. */
final class FhirFixtures {
    static final LocalDate EVALUATION_DATE = LocalDate.of(2026, 11, 24);
    static final String FEVER = "386661006";
    static final String SCIATICA = "23056005";
    static final String LUMBAR_STENOSIS = "18347007";

    private FhirFixtures() {
    }

    static Patient patient(String id, LocalDate birthDate) {
        Patient patient = new Patient();
        patient.setId(id);
        if (birthDate != null) {
            patient.setBirthDateElement(new DateType(birthDate.toString()));
        }
        return patient;
    }

    static Observation observation(String id, String snomed, Observation.ObservationStatus status) {
        Observation observation = new Observation();
        observation.setId(id);
        observation.setStatus(status);
        observation.setCode(new CodeableConcept(new Coding(FhirCodes.SNOMED, snomed, null)));
        return observation;
    }

    static Observation observed(String id, String snomed, boolean present) {
        Observation observation = observation(id, snomed, Observation.ObservationStatus.FINAL);
        observation.setValue(new BooleanType(present));
        return observation;
    }

    static CodeableConcept presence(boolean present) {
        return new CodeableConcept(new Coding(FhirCodes.SNOMED,
                present ? FhirCodes.SNOMED_PRESENT : FhirCodes.SNOMED_ABSENT, null));
    }

    static Condition condition(String id, String snomed, String clinical, String verification) {
        Condition condition = new Condition();
        condition.setId(id);
        condition.setCode(new CodeableConcept(new Coding(FhirCodes.SNOMED, snomed, null)));
        if (clinical != null) {
            condition.setClinicalStatus(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/condition-clinical", clinical, null)));
        }
        if (verification != null) {
            condition.setVerificationStatus(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/condition-ver-status", verification, null)));
        }
        return condition;
    }

    static QuestionnaireResponse response(String id) {
        QuestionnaireResponse response = new QuestionnaireResponse();
        response.setId(id);
        response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        response.setQuestionnaire(FhirCodes.QUESTIONNAIRE_URL);
        return response;
    }

    static QuestionnaireResponse.QuestionnaireResponseItemComponent answerCode(QuestionnaireResponse response,
                                                                               String linkId, String code) {
        QuestionnaireResponse.QuestionnaireResponseItemComponent item = response.addItem().setLinkId(linkId);
        item.addAnswer().setValue(new Coding(FhirCodes.SPINE_SYSTEM, code, null));
        return item;
    }

    static void answerInteger(QuestionnaireResponse response, String linkId, int value) {
        response.addItem().setLinkId(linkId).addAnswer().setValue(new IntegerType(value));
    }

    static void answerBoolean(QuestionnaireResponse response, String linkId, boolean value) {
        response.addItem().setLinkId(linkId).addAnswer().setValue(new BooleanType(value));
    }

    static <R extends Resource> R about(R resource, String patientId) {
        Reference subject = new Reference("Patient/" + patientId);
        if (resource instanceof Observation o) {
            o.setSubject(subject);
        } else if (resource instanceof Condition c) {
            c.setSubject(subject);
        } else if (resource instanceof QuestionnaireResponse q) {
            q.setSubject(subject);
        }
        return resource;
    }

    static Bundle bundle(Resource... resources) {
        Bundle bundle = new Bundle();
        bundle.setType(Bundle.BundleType.COLLECTION);
        for (Resource resource : resources) {
            bundle.addEntry().setResource(resource);
        }
        return bundle;
    }

    static String json(Resource resource) {
        return Fhir.CONTEXT.newJsonParser().encodeResourceToString(resource);
    }
}
