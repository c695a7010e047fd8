package org.spinecare.advisor.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.advisor.SpineJson;

/** The examples docs/fhir.md shows are the cauda equina example patient, and map to its facts exactly. */
@DisplayName("The FHIR examples of docs/fhir.md map to the JSON example patient they stand for")
class DocumentedExamplesTest {
    /** The date docs/fhir.md passes as --evaluation-date. */
    private static final LocalDate DOCUMENTED_DATE = LocalDate.of(2026, 11, 24);

    @ParameterizedTest
    @ValueSource(strings = {"cauda-equina-bundle.json", "cauda-equina-questionnaire-response.json"})
    void the_example_maps_to_the_json_example_with_a_clean_report(String example) throws IOException {
        PatientFacts fromJson = SpineJson.readFacts(Files.readAllBytes(Path.of("scenarios/examples/cauda-equina.json")));

        MappedFacts mapped = FhirFacts.fromJson(Files.readString(Path.of("scenarios/fhir/examples", example)),
                DOCUMENTED_DATE);

        assertTrue(mapped.report().isClean(), mapped.report().toString());
        assertEquals(fromJson.findings(), mapped.facts().findings());
        assertEquals(List.of(fromJson.ageYears(), fromJson.painScore(), fromJson.sittingHoursPerDay()),
                List.of(mapped.facts().ageYears(), mapped.facts().painScore(), mapped.facts().sittingHoursPerDay()));
        assertEquals(fromJson.cracking(), mapped.facts().cracking());
        assertEquals(fromJson.diagnoses(), mapped.facts().diagnoses());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cauda-equina-bundle.json", "cauda-equina-questionnaire-response.json"})
    void every_example_is_listed_in_the_documentation(String example) throws IOException {
        assertTrue(Files.readString(Path.of("docs/fhir.md")).contains("scenarios/fhir/examples/" + example), example);
    }
}
