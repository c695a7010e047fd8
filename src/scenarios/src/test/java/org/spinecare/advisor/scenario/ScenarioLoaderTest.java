package org.spinecare.advisor.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecare.kb.Advice;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingState;
import org.spinecare.kb.TriageLevel;

/** A scenario file is read strictly: every mistake is an error naming the file and the JSON path. */
class ScenarioLoaderTest {
    private static final ScenarioLoader LOADER = new ScenarioLoader(Set.of("RF-001", "TR-001"));
    private static final String SOURCE = "When to Seek Professional Help for Back Cracking";

    @TempDir
    Path dir;

    private static String scenario(String name, String given, String expect) {
        return "{\"name\": \"" + name + "\", \"source\": \"" + SOURCE + "\", \"given\": " + given
                + ", \"expect\": " + expect + "}";
    }

    private Path write(String relative, String json) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, json);
    }

    private ScenarioFileException malformed(String expect) throws IOException {
        Path file = write("bad.json", scenario("x", "{}", expect));
        ScenarioFileException e = assertThrows(ScenarioFileException.class, () -> LOADER.loadFile(file));
        assertEquals(file, e.file());
        return e;
    }

    @Test
    void an_expectation_written_as_null_is_refused_rather_than_left_unchecked() throws IOException {
        ScenarioFileException e = malformed("{\"triage\": null, \"rulesFired\": [\"RF-001\"]}");

        assertEquals("$.expect.triage", e.path());
        assertTrue(e.detail().contains("must not be null"), e.detail());
    }

    @Test
    void a_single_scenario_file_is_read_with_its_patient_and_expectations() throws IOException {
        // Given a file holding one scenario
        Path file = write("one.json", scenario("Saddle numbness needs emergency care",
                "{\"findings\": {\"SADDLE_SENSATION_LOSS\": \"PRESENT\"}}",
                "{\"triage\": \"EMERGENCY\", \"redFlags\": [\"SADDLE_SENSATION_LOSS\"], "
                        + "\"contraindicated\": [\"CRACK_SEATED_CHAIR\"], \"rulesFired\": [\"RF-001\"]}"));

        // When it is loaded
        List<Scenario> scenarios = LOADER.loadFile(file);

        // Then the patient and each expectation are there, and the location is the file alone
        Scenario s = scenarios.get(0);
        assertEquals(FindingState.PRESENT, s.given().stateOf(Finding.SADDLE_SENSATION_LOSS));
        assertEquals(TriageLevel.EMERGENCY, s.expect().triage());
        assertEquals(List.of(Finding.SADDLE_SENSATION_LOSS), s.expect().redFlags());
        assertEquals(List.of(Advice.CRACK_SEATED_CHAIR), s.expect().contraindicated());
        assertEquals(List.of("RF-001"), s.expect().rulesFired());
        assertEquals(null, s.expect().unscreenedRedFlags());
        assertEquals(file.toString(), s.location());
    }

    @Test
    void a_file_holding_a_list_gives_each_scenario_its_position() throws IOException {
        Path file = write("list.json", "[" + scenario("a", "{}", "{\"triage\": \"ROUTINE\"}") + ","
                + scenario("b", "{}", "{\"triageAtLeast\": \"ROUTINE\"}") + "]");

        List<Scenario> scenarios = LOADER.loadFile(file);

        assertEquals(2, scenarios.size());
        assertEquals(file + " [1]", scenarios.get(1).location());
    }

    @Test
    void an_unknown_key_in_the_expectation_names_the_key() throws IOException {
        ScenarioFileException e = malformed("{\"triag\": \"ROUTINE\"}");
        assertEquals("$.expect.triag", e.path());
        assertTrue(e.detail().contains("triageAtLeast"), e.detail());
    }

    @Test
    void an_unknown_key_at_the_top_of_a_scenario_is_an_error() throws IOException {
        Path file = write("bad.json", "{\"name\": \"x\", \"source\": \"" + SOURCE + "\", \"given\": {}, "
                + "\"expect\": {\"triage\": \"ROUTINE\"}, \"expected\": {}}");
        assertEquals("$.expected", assertThrows(ScenarioFileException.class, () -> LOADER.loadFile(file)).path());
    }

    @Test
    void a_misspelt_advice_code_is_an_error_not_a_silent_pass() throws IOException {
        ScenarioFileException e = malformed("{\"notRecommended\": [\"HEAT_THERAPHY\"]}");
        assertEquals("$.expect.notRecommended[0]", e.path());
        assertTrue(e.detail().contains("HEAT_THERAPY"), "lists the valid codes: " + e.detail());
    }

    @Test
    void a_finding_that_is_not_a_red_flag_is_rejected_in_the_red_flags() throws IOException {
        assertEquals("$.expect.redFlags[1]",
                malformed("{\"redFlags\": [\"FEVER\", \"SCIATICA\"]}").path());
    }

    @Test
    void a_rule_id_the_knowledge_base_does_not_have_is_an_error() throws IOException {
        assertEquals("$.expect.rulesNotFired[0]", malformed("{\"rulesNotFired\": [\"RF-999\"]}").path());
    }

    @Test
    void an_expectation_that_checks_nothing_is_an_error() throws IOException {
        assertEquals("$.expect", malformed("{}").path());
        assertEquals("$.expect.recommended", malformed("{\"recommended\": []}").path());
    }

    @Test
    void a_code_expected_both_ways_is_an_error() throws IOException {
        assertEquals("$.expect.notRecommended",
                malformed("{\"recommended\": [\"YOGA\"], \"notRecommended\": [\"YOGA\"]}").path());
        assertEquals("$.expect.triageAtLeast",
                malformed("{\"triage\": \"ROUTINE\", \"triageAtLeast\": \"URGENT\"}").path());
    }

    @Test
    void a_stenosis_expectation_needs_a_known_status() throws IOException {
        assertEquals("$.expect.stenosis.status", malformed("{\"stenosis\": {\"status\": \"LIKELY\"}}").path());
        assertEquals("$.expect.stenosis.indicator",
                malformed("{\"stenosis\": {\"status\": \"POSSIBLE\", \"indicator\": []}}").path());
    }

    @Test
    void invalid_patient_facts_are_rejected_by_the_contract_reader_with_the_scenario_path() throws IOException {
        // Given the second scenario of a list with a misspelt finding code
        Path file = write("list.json", "[" + scenario("a", "{}", "{\"triage\": \"ROUTINE\"}") + ","
                + scenario("b", "{\"findings\": {\"FEVR\": \"PRESENT\"}}", "{\"triage\": \"ROUTINE\"}") + "]");

        // When it is loaded, then the error carries the contract's code and the path inside the scenario file
        ScenarioFileException e = assertThrows(ScenarioFileException.class, () -> LOADER.loadFile(file));
        assertEquals("$[1].given.findings.FEVR", e.path());
        assertTrue(e.detail().endsWith("[UNKNOWN_CODE]"), e.detail());
    }

    @Test
    void an_out_of_range_number_in_the_patient_is_rejected() throws IOException {
        Path file = write("bad.json", scenario("x", "{\"painScore\": 11}", "{\"triage\": \"ROUTINE\"}"));
        assertEquals("$.given.painScore",
                assertThrows(ScenarioFileException.class, () -> LOADER.loadFile(file)).path());
    }

    @Test
    void a_source_that_is_not_an_article_heading_is_an_error() throws IOException {
        Path file = write("bad.json", "{\"name\": \"x\", \"source\": \"Red flags\", \"given\": {}, "
                + "\"expect\": {\"triage\": \"ROUTINE\"}}");
        assertEquals("$.source", assertThrows(ScenarioFileException.class, () -> LOADER.loadFile(file)).path());
    }

    @Test
    void a_duplicate_key_and_broken_json_are_errors_with_a_path() throws IOException {
        Path dup = write("dup.json", "{\"name\": \"x\", \"name\": \"y\"}");
        assertEquals("$.name", assertThrows(ScenarioFileException.class, () -> LOADER.loadFile(dup)).path());
        Path broken = write("broken.json", "{\"name\": ");
        assertTrue(assertThrows(ScenarioFileException.class, () -> LOADER.loadFile(broken)).detail()
                .startsWith("not valid JSON"));
    }

    @Test
    void a_folder_is_read_in_path_order_and_its_examples_folder_is_skipped() throws IOException {
        // Given scenarios in two topic folders and a plain patient file under examples/
        write("b-topic/one.json", scenario("second", "{}", "{\"triage\": \"ROUTINE\"}"));
        write("a-topic/one.json", scenario("first", "{}", "{\"triage\": \"ROUTINE\"}"));
        write("examples/patient.json", "{\"ageYears\": 40}");
        write("a-topic/notes.md", "not a scenario");

        // When the folder is loaded
        List<Scenario> scenarios = LOADER.load(List.of(dir));

        // Then both scenarios come back in path order and the patient file is not read as a scenario
        assertEquals(List.of("first", "second"), scenarios.stream().map(Scenario::name).toList());
    }

    @Test
    void a_file_named_directly_is_read_even_under_examples() throws IOException {
        // Read as a scenario, so the patient file is refused for what a scenario lacks.
        Path patient = write("examples/patient.json", "{\"ageYears\": 40}");
        assertEquals("$.name", assertThrows(ScenarioFileException.class,
                () -> LOADER.load(List.of(patient))).path());
    }

    @Test
    void two_scenarios_with_the_same_name_are_an_error() throws IOException {
        write("a.json", scenario("same", "{}", "{\"triage\": \"ROUTINE\"}"));
        Path second = write("b.json", scenario("same", "{}", "{\"triage\": \"ROUTINE\"}"));
        ScenarioFileException e = assertThrows(ScenarioFileException.class, () -> LOADER.load(List.of(dir)));
        assertEquals(second, e.file());
        assertEquals("$.name", e.path());
    }

    @Test
    void a_missing_path_or_an_empty_folder_is_an_error() throws IOException {
        assertThrows(ScenarioFileException.class, () -> LOADER.load(List.of(dir.resolve("nowhere"))));
        Files.createDirectories(dir.resolve("empty"));
        assertThrows(ScenarioFileException.class, () -> LOADER.load(List.of(dir.resolve("empty"))));
    }
}
