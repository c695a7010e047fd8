package org.spinecare.advisor.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.spinecare.advisor.PatientFacts;

/**
 * The document is read once: HAPI parses the tree of the strict read instead of the text. Whatever HAPI makes of
 * the text by itself (the resource, its ids from Bundle fullUrls, decimals to the digit, or its error) it must make
 * of the tree, for every document the strict read lets through.
 */
@DisplayName("HAPI reading the strict read's tree gives what it gives reading the text")
class TreeParserTest {
    private static final String SNOMED_FEVER = "{\"system\":\"http://snomed.info/sct\",\"code\":\"386661006\"}";

    /** The resource as HAPI encodes it, every id with its base and version, or the error; never a stack trace. */
    private static String outcome(java.util.function.Supplier<Resource> parse) {
        Resource resource;
        try {
            resource = parse.get();
        } catch (RuntimeException e) {
            return "rejected: " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        StringBuilder ids = new StringBuilder(resource.getIdElement().getValue() + "");
        if (resource instanceof Bundle bundle) {
            bundle.getEntry().forEach(entry -> ids.append(' ').append(entry.hasResource()
                    ? entry.getResource().getIdElement().getValue() : "-"));
        }
        return "read: " + ids + " " + Fhir.CONTEXT.newJsonParser().encodeResourceToString(resource);
    }

    /** False when the strict read rejects the document: HAPI never sees it, from text or tree. */
    private static boolean sameAsFromText(String json, List<String> differences) {
        JsonNode tree;
        try {
            tree = FhirJson.read(json);
        } catch (FhirInputException e) {
            return false;
        }
        if (!(tree instanceof ObjectNode object)) {
            return false;
        }
        String fromText = outcome(() -> (Resource) Fhir.strictParser().parseResource(json));
        String fromTree = outcome(() -> TreeParser.parse(object));
        if (!fromText.equals(fromTree)) {
            differences.add(json + "\n  text: " + fromText + "\n  tree: " + fromTree);
        }
        return true;
    }

    @Test
    void given_the_examples_and_every_scenario_patient_as_fhir_then_the_tree_reads_as_the_text() throws IOException {
        List<String> documents = new ArrayList<>();
        Path examples = Path.of("scenarios", "fhir", "examples");
        documents.add(Files.readString(examples.resolve("cauda-equina-bundle.json")));
        documents.add(Files.readString(examples.resolve("cauda-equina-questionnaire-response.json")));
        documents.addAll(Files.readAllLines(examples.resolve("population.ndjson")).stream()
                .filter(line -> !line.isBlank()).toList());
        for (Named<PatientFacts> patient : ScenarioEquivalenceTest.scenarioPatients().toList()) {
            PatientFacts facts = patient.getPayload();
            documents.add(FhirFixtures.json(FactsToFhir.bundle(facts, FhirFixtures.EVALUATION_DATE)));
            documents.add(FhirFixtures.json(FactsToFhir.questionnaireResponse(facts)));
            for (long seed = 0; seed < 3; seed++) {
                documents.add(FhirShapes.shape(facts, facts.toString().hashCode() * 31L + seed).document());
            }
        }
        List<String> differences = new ArrayList<>();
        long read = documents.stream().filter(json -> sameAsFromText(json, differences)).count();

        assertEquals(List.of(), differences);
        assertEquals(documents.size(), read, "every one of these documents passes the strict read");
    }

    @Test
    void given_numbers_ids_and_odd_shapes_then_the_tree_reads_as_the_text_or_fails_as_it_does() {
        List<String> documents = List.of(
                // Decimals to the digit, exponents, integers beyond int, a negative zero.
                observation("\"valueQuantity\":{\"value\":1.50,\"unit\":\"h\"}"),
                observation("\"valueQuantity\":{\"value\":1e2}"),
                observation("\"valueQuantity\":{\"value\":-0.0}"),
                observation("\"valueQuantity\":{\"value\":0.000000000000000000000000001}"),
                observation("\"valueQuantity\":{\"value\":12345678901234567890.123456789}"),
                observation("\"valueInteger\":2147483648"),
                observation("\"valueInteger\":-7"),
                observation("\"valueInteger\":1.0"),
                observation("\"valueInteger\":\"3\""),
                observation("\"valueBoolean\":\"true\""),
                observation("\"valueString\":\"caf\\u00e9 \\\"quoted\\\" \\ud83d\\ude00 tab\\t\""),
                observation("\"valueString\":null"),
                observation("\"valueString\":\"\""),
                observation("\"component\":[null]"),
                observation("\"component\":[]"),
                observation("\"component\":{}"),
                observation("\"note\":[{\"text\":\"a\"},{}]"),
                observation("\"_status\":{\"extension\":[{\"url\":\"http://x\",\"valueString\":\"s\"}]}"),
                observation("\"extension\":[{\"url\":\"http://x\",\"valueDecimal\":2.50}]"),
                observation("\"extension\":[{\"url\":\"http://x\",\"valueString\":\"v\",\"extension\":[]}]"),
                observation("\"meta\":{\"versionId\":\"3\",\"lastUpdated\":\"2026-01-01T00:00:00Z\"}"),
                observation("\"effectiveDateTime\":\"2026-02-30\""),
                observation("\"fhir_comments\":[\"a comment\"]"),
                observation("\"contained\":[{\"resourceType\":\"Patient\"}]"),
                observation("\"subject\":{\"reference\":\"#nowhere\"}"),
                // Bundle entries: ids from fullUrls, as HAPI sets them after reading.
                bundle("\"fullUrl\":\"urn:uuid:7c1f6a2e-0b7e-4c55-9a8e-1d2f3a4b5c6d\"", "\"id\":\"o1\""),
                bundle("\"fullUrl\":\"urn:uuid:o1\"", "\"id\":\"o1\""),
                bundle("\"fullUrl\":\"http://example.org/fhir/Observation/o1\"", "\"id\":\"o1\""),
                bundle("\"fullUrl\":\"http://example.org/fhir/Observation/o2\"", "\"id\":\"o1\""),
                bundle("\"fullUrl\":\"http://example.org/fhir/Observation/o1\"",
                        "\"id\":\"o1\",\"meta\":{\"versionId\":\"4\"}"),
                bundle("\"fullUrl\":\"http://example.org/fhir/Observation/o1/_history/2\"", "\"id\":\"o1\""),
                bundle("\"fullUrl\":\"\"", "\"id\":\"o1\""),
                bundle("\"fullUrl\":\"Observation/o1\"", ""),
                bundle("\"fullUrl\":\"urn:oid:1.2.3\"", "\"id\":\"3\""),
                "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"total\":1.5}",
                "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[{\"resource\":"
                        + "{\"resourceType\":\"Patient\",\"id\":\"p1\"}},{\"resource\":"
                        + "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"coding\":["
                        + SNOMED_FEVER + "]},\"subject\":{\"reference\":\"Patient/p1\"}}}]}",
                "{\"resourceType\":\"Patient\",\"birthDate\":\"yesterday\"}",
                "{\"resourceType\":\"Patient\",\"bad\\u001b[2Jname\":1}",
                "{\"resourceType\":\"Patient\",\"resourceType\":\"Patient\"}",
                "{\"resourceType\":\"Patient\",\"name\":[{\"given\":[\"A\",null,\"B\"],\"_given\":[null,"
                        + "{\"extension\":[{\"url\":\"http://x\",\"valueCode\":\"c\"}]},null]}]}",
                "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"not-found\"}]}",
                "{\"resourceType\":\"QuestionnaireResponse\",\"status\":\"completed\",\"item\":[{\"linkId\":\"x\","
                        + "\"answer\":[{\"valueDecimal\":3.10,\"item\":[{\"linkId\":\"y\"}]}]}]}");
        List<String> differences = new ArrayList<>();
        long read = documents.stream().filter(json -> sameAsFromText(json, differences)).count();

        assertEquals(List.of(), differences);
        // The comparison must reach HAPI for nearly all of them: only the duplicate key stops at the strict read.
        assertEquals(documents.size() - 1, read);
    }

    @Test
    void given_a_decimal_with_trailing_zeros_then_the_mapped_resource_keeps_its_digits() {
        Resource resource = FhirJson.parse(observation("\"valueQuantity\":{\"value\":1.50}"));

        assertEquals("1.50", ((Observation) resource).getValueQuantity().getValueElement().getValueAsString());
    }

    @Test
    void given_a_number_too_large_for_a_decimal_then_it_is_rejected_in_one_line_not_thrown_through() {
        for (String number : List.of("1e9999999999", "-1.5e-9999999999")) {
            FhirInputException e = assertThrows(FhirInputException.class, () -> FhirFacts.fromJson(
                    observation("\"valueQuantity\":{\"value\":" + number + "}"), FhirFixtures.EVALUATION_DATE));

            assertEquals("document: $: holds a number too large or too small to be read", e.getMessage());
        }
    }

    private static String observation(String elements) {
        return "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"coding\":[" + SNOMED_FEVER + "]},"
                + elements + "}";
    }

    private static String bundle(String fullUrl, String idElements) {
        String resource = "{\"resourceType\":\"Observation\"" + (idElements.isEmpty() ? "" : "," + idElements)
                + ",\"status\":\"final\",\"code\":{\"coding\":[" + SNOMED_FEVER + "]}}";
        return "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{" + fullUrl + ",\"resource\":"
                + resource + "}]}";
    }
}
