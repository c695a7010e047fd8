package org.spinecare.advisor.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spinecare.advisor.Assessment;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.advisor.SpineAdvisor;
import org.spinecare.advisor.SpineJson;

/**
 * The property of issue 12: every patient of every scenario file (and every example patient) gives the same
 * assessment from its JSON form, from a FHIR Bundle and from a QuestionnaireResponse, each sent as FHIR JSON.
 */
@DisplayName("Every scenario patient gets the same assessment from JSON, a FHIR bundle and a questionnaire response")
class ScenarioEquivalenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SpineAdvisor advisor;

    @BeforeAll
    static void startAdvisor() {
        advisor = SpineAdvisor.create();
    }

    @AfterAll
    static void closeAdvisor() {
        advisor.close();
    }

    static Stream<Named<PatientFacts>> scenarioPatients() throws IOException {
        List<Named<PatientFacts>> patients = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> tree = Files.walk(Path.of("scenarios"))) {
            files = tree.filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> !p.startsWith(Path.of("scenarios", "fhir"))).sorted().toList();
        }
        for (Path file : files) {
            JsonNode root = JSON.readTree(file.toFile());
            if (root.isArray()) {
                for (int i = 0; i < root.size(); i++) {
                    patients.add(Named.of(file + "[" + i + "]", SpineJson.readFacts(root.get(i).get("given").toString())));
                }
            } else if (root.has("given")) {
                patients.add(Named.of(file.toString(), SpineJson.readFacts(root.get("given").toString())));
            } else {
                patients.add(Named.of(file.toString(), SpineJson.readFacts(root.toString())));
            }
        }
        assertTrue(patients.size() > 100, "the scenario corpus was not found: " + patients.size() + " patients");
        return patients.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarioPatients")
    void a_fhir_bundle_gives_the_json_answer(PatientFacts fromJson) {
        // Given the patient as a FHIR Bundle, sent as JSON
        String bundle = FhirFixtures.json(FactsToFhir.bundle(fromJson, FhirFixtures.EVALUATION_DATE));

        // When it is mapped and assessed
        MappedFacts mapped = FhirFacts.fromJson(bundle, FhirFixtures.EVALUATION_DATE);

        // Then the facts and the assessment are the JSON path's, and nothing was set aside
        assertSame(fromJson, mapped);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarioPatients")
    void a_questionnaire_response_gives_the_json_answer(PatientFacts fromJson) {
        String response = FhirFixtures.json(FactsToFhir.questionnaireResponse(fromJson));

        MappedFacts mapped = FhirFacts.fromJson(response, FhirFixtures.EVALUATION_DATE);

        assertSame(fromJson, mapped);
    }

    private static void assertSame(PatientFacts fromJson, MappedFacts mapped) {
        assertEquals(MappingReport.empty(), mapped.report());
        PatientFacts expected = new PatientFacts(mapped.facts().patientRef(), fromJson.ageYears(),
                fromJson.painScore(), fromJson.findings(), fromJson.diagnoses(), fromJson.cracking(),
                fromJson.tensionOnset(), fromJson.sittingHoursPerDay(), fromJson.symptomDurationWeeks());
        assertEquals(expected, mapped.facts());
        Assessment expectedAnswer = advisor.assess(fromJson);
        assertEquals(expectedAnswer, advisor.assess(mapped.facts()));
    }
}
