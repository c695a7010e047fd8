package org.spinecare.advisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("./spine assess --fhir, --ndjson and ./spine fhir")
class FhirCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUNDLE = "scenarios/fhir/examples/cauda-equina-bundle.json";
    private static final String RESPONSE = "scenarios/fhir/examples/cauda-equina-questionnaire-response.json";
    private static final String DATE = "2026-11-24";
    private static final String POPULATION = "scenarios/fhir/examples/population.ndjson";

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
        CliRun run = CliRun.of("assess", "--ndjson", POPULATION,
                "--evaluation-date", DATE);

        assertEquals(0, run.exit(), run.err());
        String[] lines = run.out().split("\n");
        assertEquals(2, lines.length);
        assertEquals("Patient/example-cauda-equina", JSON.readTree(lines[0]).get("patient").asText());
        assertEquals(jsonAnswer(), JSON.readTree(lines[0]).get("assessment"));
        assertEquals("FEVER", JSON.readTree(lines[1]).get("assessment").get("redFlags").get(0).asText());
        assertTrue(run.err().contains("spine: 2 patients: 2 assessed, 0 invalid, 0 failed"), run.err());
    }

    /** A first page of an Observation search: fever absent, with a next link to a page not sent. */
    private static final String PAGED = "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":2,"
            + "\"link\":[{\"relation\":\"self\",\"url\":\"https://ehr.example/fhir/Observation?patient=p1\"},"
            + "{\"relation\":\"next\",\"url\":\"https://ehr.example/fhir/Observation?patient=p1&page=2\"}],"
            + "\"entry\":[{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"o1\",\"status\":\"final\","
            + "\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"386661006\"}]},"
            + "\"subject\":{\"reference\":\"Patient/p1\"},\"valueBoolean\":false},\"search\":{\"mode\":\"match\"}}]}";

    @Test
    void given_a_paged_search_bundle_when_assessed_then_the_unread_page_is_a_gap_and_fever_is_unscreened() throws Exception {
        // When the first page alone is assessed
        CliRun run = CliRun.withStdin(PAGED, "assess", "--fhir", "--compact", "--evaluation-date", DATE, "-");

        // Then fever is unscreened, not absent, and the mapping report names the gap and is not clean
        assertEquals(0, run.exit(), run.err());
        JsonNode answer = JSON.readTree(run.out());
        assertTrue(answer.get("assessment").get("unscreenedRedFlags").toString().contains("FEVER"), run.out());
        assertEquals("[{\"source\":\"Bundle#1\",\"resourceType\":\"Observation\",\"reason\":\"PAGE_NOT_FOLLOWED\"}]",
                answer.get("mapping").get("gaps").toString());
        assertFalse(answer.get("mapping").get("clean").asBoolean());
    }

    @Test
    void given_the_same_page_without_its_next_link_and_total_when_assessed_then_fever_is_absent() throws Exception {
        String complete = PAGED.replace(",{\"relation\":\"next\",\"url\":\"https://ehr.example/fhir/Observation?"
                + "patient=p1&page=2\"}", "").replace("\"total\":2", "\"total\":1");

        CliRun run = CliRun.withStdin(complete, "assess", "--fhir", "--compact", "--evaluation-date", DATE, "-");

        assertEquals(0, run.exit(), run.err());
        JsonNode answer = JSON.readTree(run.out());
        assertFalse(answer.get("assessment").get("unscreenedRedFlags").toString().contains("FEVER"), run.out());
        assertEquals("[]", answer.get("mapping").get("gaps").toString());
    }

    @Test
    void given_an_operation_outcome_in_place_of_the_data_when_assessed_then_everything_is_unscreened_with_its_gap()
            throws Exception {
        String outcome = "{\"resourceType\":\"OperationOutcome\",\"id\":\"search-failed\",\"issue\":[{\"severity\":"
                + "\"error\",\"code\":\"timeout\"}]}";

        CliRun run = CliRun.withStdin(outcome, "assess", "--fhir", "--compact", "--evaluation-date", DATE, "-");

        assertEquals(0, run.exit(), run.err());
        JsonNode answer = JSON.readTree(run.out());
        assertEquals("[{\"source\":\"OperationOutcome/search-failed\",\"resourceType\":\"*\",\"reason\":"
                + "\"SEARCH_FAILED\"}]", answer.get("mapping").get("gaps").toString());
        assertNotEquals("SELF_CARE", answer.get("assessment").get("triage").asText());
        assertTrue(answer.get("assessment").get("unscreenedRedFlags").size() > 10, run.out());
    }

    @Test
    void given_a_failed_search_beside_a_bundles_results_when_assessed_then_its_type_is_a_gap() throws Exception {
        String failed = PAGED.replace(",{\"relation\":\"next\",\"url\":\"https://ehr.example/fhir/Observation?"
                + "patient=p1&page=2\"}", "").replace("\"total\":2", "\"total\":1")
                .replace("}}]}", "}},{\"resource\":{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":"
                        + "\"fatal\",\"code\":\"exception\"}]},\"search\":{\"mode\":\"outcome\"}}]}");

        CliRun run = CliRun.withStdin(failed, "assess", "--fhir", "--compact", "--evaluation-date", DATE, "-");

        assertEquals(0, run.exit(), run.err());
        JsonNode answer = JSON.readTree(run.out());
        assertEquals("SEARCH_FAILED", answer.get("mapping").get("gaps").get(0).get("reason").asText());
        assertTrue(answer.get("assessment").get("unscreenedRedFlags").toString().contains("FEVER"), run.out());
    }

    private static String[] population() throws Exception {
        return Files.readString(Path.of(POPULATION)).split("\n");
    }

    private static Path write(Path dir, String... lines) throws Exception {
        return Files.writeString(dir.resolve("input.ndjson"), String.join("\n", lines) + "\n");
    }

    @Test
    void given_an_unreadable_first_line_of_a_patient_when_assessed_then_that_patient_not_the_one_before_is_unscreened(
            @TempDir Path dir) throws Exception {
        // Given bulk-2's screening response (fever PRESENT), unreadable for a duplicate key, right after the first
        // patient's lines and before bulk-2's Patient line
        String[] lines = population();
        String broken = lines[5].replace("\"status\":\"completed\",", "\"status\":\"completed\",\"status\":\"completed\",");
        Path input = write(dir, lines[0], lines[1], lines[2], lines[3], broken, lines[4]);

        // When the file is assessed
        CliRun run = CliRun.of("assess", "--ndjson", input.toString(), "--evaluation-date", DATE);

        // Then the first patient gets its own answer, bulk-2 is answered with the line's gap and its red flags
        // unscreened (never self-care), the line is reported by number, and the run exits 2
        assertEquals(2, run.exit(), run.err());
        List<String> out = run.outLines();
        assertEquals(2, out.size(), run.out());
        assertEquals(jsonAnswer(), JSON.readTree(out.get(0)).get("assessment"));
        JsonNode second = JSON.readTree(out.get(1));
        assertEquals("Patient/bulk-2", second.get("patient").asText());
        assertEquals("[{\"source\":\"line 5\",\"resourceType\":\"*\",\"reason\":\"UNREADABLE_LINE\"}]",
                second.get("mapping").get("gaps").toString());
        assertNotEquals("SELF_CARE", second.get("assessment").get("triage").asText());
        assertTrue(second.get("assessment").get("unscreenedRedFlags").toString().contains("FEVER"), out.get(1));
        assertTrue(run.err().contains("line 5: document: $: is not valid JSON (line 1, column "), run.err());
        assertTrue(run.err().contains("Patient/bulk-2 is assessed with this line unscreened"), run.err());
        assertTrue(run.err().contains("2 patients: 2 assessed, 0 invalid, 0 failed; 1 unreadable lines, 0 lines "
                + "naming no patient"), run.err());
    }

    @Test
    void given_a_truncated_line_that_still_names_its_patient_when_assessed_then_that_patient_is_unscreened(
            @TempDir Path dir) throws Exception {
        // Given the first patient's fever Observation cut off after its subject, as the first line of the file
        String[] lines = population();
        String cut = lines[1].substring(0, lines[1].indexOf("\"valueCodeableConcept\""));
        Path input = write(dir, cut, lines[0], lines[2], lines[3], lines[4], lines[5]);

        // When assessed
        CliRun run = CliRun.of("assess", "--ndjson", input.toString(), "--evaluation-date", DATE);

        // Then the cut line is the first patient's gap, both patients are answered, and the run exits 2, not 0
        assertEquals(2, run.exit(), run.err());
        JsonNode first = JSON.readTree(run.outLines().get(0));
        assertEquals("Patient/example-cauda-equina", first.get("patient").asText());
        assertEquals("line 1", first.get("mapping").get("gaps").get(0).get("source").asText());
        assertEquals("EMERGENCY", first.get("assessment").get("triage").asText());
    }

    @Test
    void given_an_unreadable_line_naming_no_patient_when_assessed_then_it_is_reported_and_the_run_exits_2(
            @TempDir Path dir) throws Exception {
        String[] lines = population();
        Path input = write(dir, lines[0], lines[1], lines[2], lines[3], "{\"resourceType\":\"Observation\",",
                lines[4], lines[5]);

        CliRun run = CliRun.of("assess", "--ndjson", input.toString(), "--evaluation-date", DATE);

        assertEquals(2, run.exit());
        assertEquals(2, run.outLines().size(), run.out());
        assertTrue(run.err().contains("line 5: document: $: is not valid JSON"), run.err());
        assertTrue(run.err().contains("it names no patient, so no answer of this run can be vouched for"), run.err());
        assertTrue(run.err().contains("2 patients: 2 assessed, 0 invalid, 0 failed; 1 unreadable lines, 1 lines "
                + "naming no patient"), run.err());
    }

    @Test
    void given_a_patient_whose_lines_are_split_when_assessed_then_it_is_not_answered_at_all(@TempDir Path dir)
            throws Exception {
        // Given the first patient's lines on both sides of bulk-2's
        String[] lines = population();
        Path input = write(dir, lines[0], lines[1], lines[4], lines[5], lines[2], lines[3]);

        // When assessed from standard input
        CliRun run = CliRun.withStdin(Files.readString(input), "assess", "--ndjson", "-", "--evaluation-date", DATE);

        // Then only bulk-2 is answered; the split patient is refused naming its runs of lines, and the run exits 2
        assertEquals(2, run.exit());
        assertEquals(1, run.outLines().size(), run.out());
        assertEquals("Patient/bulk-2", JSON.readTree(run.outLines().get(0)).get("patient").asText());
        assertTrue(run.err().contains("Patient/example-cauda-equina (lines 1-2, 5-6): not assessed: its lines are "
                + "not together"), run.err());
        assertTrue(run.err().contains("2 patients: 1 assessed, 1 invalid, 0 failed"), run.err());
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
