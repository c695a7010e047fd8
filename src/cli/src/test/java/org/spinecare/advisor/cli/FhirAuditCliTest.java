package org.spinecare.advisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecare.advisor.InputMapping;
import org.spinecare.advisor.audit.AuditRecord;
import org.spinecare.advisor.audit.AuditVerifier;

@DisplayName("./spine assess --fhir --audit keeps the mapping report in the audit record, as codes and counts")
class FhirAuditCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUNDLE = "scenarios/fhir/examples/cauda-equina-bundle.json";
    private static final String LOCAL_SYSTEM = "http://hospital.example/local-codes";
    private static final String LOCAL_CODE = "BACKACHE-LOCAL-42";

    @TempDir
    Path dir;

    /** The example bundle (fever reported absent) plus an unknown local code, a preliminary and a fever-present. */
    private Path bundleWithProblems() throws Exception {
        ObjectNode bundle = (ObjectNode) JSON.readTree(Files.readString(Path.of(BUNDLE)));
        ArrayNode entries = (ArrayNode) bundle.get("entry");
        entries.addObject().set("resource", JSON.readTree("{\"resourceType\":\"Observation\",\"id\":\"local\","
                + "\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"" + LOCAL_SYSTEM + "\",\"code\":\""
                + LOCAL_CODE + "\",\"display\":\"Local backache\"}]},\"valueBoolean\":true}"));
        entries.addObject().set("resource", JSON.readTree("{\"resourceType\":\"Observation\",\"id\":\"early\","
                + "\"status\":\"preliminary\",\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\","
                + "\"code\":\"23056005\"}]},\"valueBoolean\":true}"));
        entries.addObject().set("resource", JSON.readTree("{\"resourceType\":\"Observation\",\"id\":\"fever2\","
                + "\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\","
                + "\"code\":\"386661006\"}]},\"valueBoolean\":true}"));
        return Files.writeString(dir.resolve("bundle.json"), JSON.writeValueAsString(bundle));
    }

    @Test
    void the_record_counts_the_unknown_code_names_reasons_and_conflicts_and_quotes_no_input() throws Exception {
        // Given a bundle with an unknown code, a not-final observation and a conflict on fever
        Path bundle = bundleWithProblems();
        Path audit = dir.resolve("audit.jsonl");

        // When it is assessed with --audit
        CliRun run = CliRun.of("assess", "--fhir", "--compact", "--evaluation-date", "2026-11-24", "--audit",
                audit.toString(), bundle.toString());

        // Then the record's summary has the right counts and codes, and its line holds no text of the input
        assertEquals(0, run.exit(), run.err());
        List<String> lines = Files.readAllLines(audit);
        assertEquals(1, lines.size());
        String line = lines.get(0);
        for (String input : List.of(LOCAL_SYSTEM, LOCAL_CODE, "hospital.example", "Local backache", "snomed",
                "Observation/")) {
            assertFalse(line.contains(input), input + " in " + line);
        }
        JsonNode mapping = JSON.readTree(line).get("inputMapping");
        assertEquals(InputMapping.FHIR_R4, mapping.get("format").asText());
        assertEquals(1, mapping.get("unknownCodes").asInt());
        assertTrue(mapping.get("unusable").toString().contains("\"NOT_FINAL\""), mapping.toString());
        assertEquals("[\"FEVER\"]", mapping.get("conflicts").toString());
        // And it is the same summary the answer's mapping report shows
        JsonNode report = JSON.readTree(run.out()).get("mapping");
        assertEquals(report.get("unknownCodes").size(), mapping.get("unknownCodes").asInt());
        assertEquals(report.get("unusableResources").size(), mapping.get("unusable").size());

        // And the file verifies, and audit show prints the summary
        List<AuditRecord> records = new java.util.ArrayList<>();
        assertTrue(AuditVerifier.verify(audit, records::add).ok());
        assertEquals(1, records.get(0).inputMapping().unknownCodes());
        CliRun shown = CliRun.of("audit", "show", audit.toString());
        assertEquals(0, shown.exit(), shown.err());
        assertTrue(shown.out().contains("input mapping    FHIR_R4  unknown codes 1  unusable "), shown.out());
        assertTrue(shown.out().contains("conflicts FEVER"), shown.out());
    }

    @Test
    void given_a_page_of_a_search_when_assessed_with_audit_then_the_record_names_the_gap_and_audit_show_prints_it()
            throws Exception {
        // Given the example bundle as page 1 of a search whose next page was not sent
        ObjectNode bundle = (ObjectNode) JSON.readTree(Files.readString(Path.of(BUNDLE)));
        bundle.put("type", "searchset");
        bundle.putArray("link").addObject().put("relation", "next").put("url", "https://ehr.example/fhir?page=2");
        Path page = Files.writeString(dir.resolve("page.json"), JSON.writeValueAsString(bundle));
        Path audit = dir.resolve("audit.jsonl");

        // When it is assessed with --audit
        CliRun run = CliRun.of("assess", "--fhir", "--compact", "--evaluation-date", "2026-11-24", "--audit",
                audit.toString(), page.toString());

        // Then the record holds the gap as a code, verifies, and audit show prints it
        assertEquals(0, run.exit(), run.err());
        JsonNode mapping = JSON.readTree(Files.readAllLines(audit).get(0)).get("inputMapping");
        assertEquals("[\"PAGE_NOT_FOLLOWED/*\"]", mapping.get("gaps").toString());
        assertTrue(AuditVerifier.verify(audit).ok());
        CliRun shown = CliRun.of("audit", "show", audit.toString());
        assertTrue(shown.out().contains("gaps PAGE_NOT_FOLLOWED/*"), shown.out());
    }

    @Test
    void plain_json_input_gets_no_input_mapping_in_its_record() throws Exception {
        Path audit = dir.resolve("audit.jsonl");

        CliRun run = CliRun.of("assess", "--audit", audit.toString(), "scenarios/examples/cauda-equina.json");

        assertEquals(0, run.exit(), run.err());
        assertFalse(Files.readString(audit).contains("inputMapping"));
    }
}
