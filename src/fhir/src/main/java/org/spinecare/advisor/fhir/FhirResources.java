package org.spinecare.advisor.fhir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Questionnaire;

/**
 * The resources this module publishes, versioned with the knowledge base: the screening Questionnaire, the project's
 * CodeSystem and the ConceptMap from SNOMED CT. The mapping reads the same files, so what is published is what is
 * applied. The parsed forms are new copies on each call: HAPI's models are mutable.
 */
public final class FhirResources {
    static final String QUESTIONNAIRE = "Questionnaire-spine-screening.json";
    static final String CODE_SYSTEM = "CodeSystem-spine-codes.json";
    static final String CONCEPT_MAP = "ConceptMap-snomed-to-spine.json";

    private FhirResources() {
    }

    public static String questionnaireJson() {
        return text(QUESTIONNAIRE);
    }

    public static String codeSystemJson() {
        return text(CODE_SYSTEM);
    }

    public static String conceptMapJson() {
        return text(CONCEPT_MAP);
    }

    public static Questionnaire questionnaire() {
        return Fhir.strictParser().parseResource(Questionnaire.class, questionnaireJson());
    }

    public static CodeSystem codeSystem() {
        return Fhir.strictParser().parseResource(CodeSystem.class, codeSystemJson());
    }

    public static ConceptMap conceptMap() {
        return Fhir.strictParser().parseResource(ConceptMap.class, conceptMapJson());
    }

    private static String text(String name) {
        try (InputStream in = FhirResources.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the module's resource " + name + " is missing from its jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
