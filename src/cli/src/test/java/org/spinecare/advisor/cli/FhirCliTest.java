package org.spinecare.advisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("./spine assess --fhir, --ndjson and ./spine fhir")
class FhirCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUNDLE = "scenarios/fhir/examples/cauda-equina-bundle.json";
    private static final String RESPONSE = "scenarios/fhir/examples/cauda-equina-questionnaire-response.json";
    private static final String DATE = "2026-11-24";

    private static JsonNode jsonAnswer() throws Exception {
        CliRun run = CliRun.of("assess", "--compact", "scenarios/examples/cauda-equina.json");
        assertEquals(0, run.exit(), run.err());
        return JSON.readTree(run.out());
    }

    @Test
    void a_fhir_bundle_gets_the_answer_of_its_json_form_with_a_clean_mapping_report() throws Exception {
        CliRun run = CliRun.of("assess", "--fhir", "--evaluation-date", DATE, BUNDLE);

        assertEquals(0, run.exit(), run.err());
        JsonNode answer = JSON.readTree(run.out());
        assertEquals(jsonAnswer(), answer.get("assessment"));
        assertTrue(answer.get("mapping").get("clean").asBoolean(), run.out());
    }

    @Test
    void a_questionnaire_response_on_standard_input_gets_the_same_answer() throws Exception {
        CliRun run = CliRun.withStdin(Files.readString(Path.of(RESPONSE)), "assess", "--fhir", "--compact",
                "--evaluation-date", DATE, "-");

        assertEquals(0, run.exit(), run.err());
        assertEquals(jsonAnswer(), JSON.readTree(run.out()).get("assessment"));
    }

    @Test
    void invalid_fhir_exits_2_with_one_line_naming_the_resource_and_element() {
        CliRun run = CliRun.withStdin("{\"resourceType\":\"Condition\",\"severity\":\"bad\"}", "assess", "--fhir", "-");

        assertEquals(2, run.exit());
        assertEquals("spine: invalid input: Condition: severity: has the wrong JSON type (expected object, found "
                + "string)" + System.lineSeparator(), run.err());
        assertEquals("", run.out());
    }

    @Test
    void bulk_data_gives_one_line_per_patient_in_input_order() throws Exception {
        CliRun run = CliRun.of("assess", "--ndjson", "scenarios/fhir/examples/population.ndjson",
                "--evaluation-date", DATE);

        assertEquals(0, run.exit(), run.err());
        String[] lines = run.out().split("\n");
        assertEquals(2, lines.length);
        assertEquals("Patient/example-cauda-equina", JSON.readTree(lines[0]).get("patient").asText());
        assertEquals(jsonAnswer(), JSON.readTree(lines[0]).get("assessment"));
        assertEquals("FEVER", JSON.readTree(lines[1]).get("assessment").get("redFlags").get(0).asText());
        assertTrue(run.err().contains("spine: 2 patients: 2 assessed, 0 invalid, 0 failed"), run.err());
    }

    @Test
    void a_broken_bulk_data_line_leaves_its_patient_unassessed_and_exits_2(@TempDir Path dir) throws Exception {
        String[] lines = Files.readString(Path.of("scenarios/fhir/examples/population.ndjson")).split("\n");
        lines[1] = "{\"resourceType\":\"Observation\",";
        Path input = Files.writeString(dir.resolve("broken.ndjson"), String.join("\n", lines) + "\n");

        CliRun run = CliRun.of("assess", "--ndjson", input.toString(), "--evaluation-date", DATE);

        assertEquals(2, run.exit());
        assertTrue(run.out().startsWith("{\"patient\":\"Patient/bulk-2\""), run.out());
        assertTrue(run.err().contains("line 2: document: $: is not valid JSON"), run.err());
        assertTrue(run.err().contains("Patient/example-cauda-equina (lines 1-4): not assessed"), run.err());
        assertTrue(run.err().contains("2 patients: 1 assessed, 1 invalid, 0 failed"), run.err());
    }

    @Test
    void bulk_data_not_grouped_by_patient_is_rejected_for_that_patient(@TempDir Path dir) throws Exception {
        String[] lines = Files.readString(Path.of("scenarios/fhir/examples/population.ndjson")).split("\n");
        Path input = Files.writeString(dir.resolve("mixed.ndjson"), String.join("\n", lines[0], lines[4], lines[1])
                + "\n");

        CliRun run = CliRun.of("assess", "--ndjson", input.toString(), "--evaluation-date", DATE);

        assertEquals(2, run.exit());
        assertTrue(run.err().contains("line 3: Patient/example-cauda-equina: its lines are not together"), run.err());
    }

    @Test
    void the_published_questionnaire_and_concept_map_are_printed() throws Exception {
        CliRun questionnaire = CliRun.of("fhir", "questionnaire");
        CliRun conceptMap = CliRun.of("fhir", "concept-map");

        assertEquals(0, questionnaire.exit());
        assertEquals("https://spinecare.org/fhir/Questionnaire/spine-screening",
                JSON.readTree(questionnaire.out()).get("url").asText());
        assertEquals("ConceptMap", JSON.readTree(conceptMap.out()).get("resourceType").asText());
    }

    @Test
    void fhir_options_used_wrongly_exit_2_before_anything_is_read() {
        assertEquals(2, CliRun.of("assess", "--fhir", "--jsonl", "x.jsonl").exit());
        assertEquals(2, CliRun.of("assess", "--evaluation-date", DATE, "scenarios/examples/cauda-equina.json").exit());
        CliRun badDate = CliRun.of("assess", "--fhir", "--evaluation-date", "24/11/2026", BUNDLE);
        assertEquals(2, badDate.exit());
        assertEquals("spine: --evaluation-date must be a date like 2026-11-24" + System.lineSeparator(), badDate.err());
        assertEquals(2, CliRun.of("assess", "--ndjson", "-", "--audit", "a.jsonl").exit());
    }
}
