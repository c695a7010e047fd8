package org.spinecare.advisor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.spinecare.advisor.fhir.FhirResources;

/** Every FHIR document the project publishes or shows holds to the rules of {@link FhirDocumentRules}. */
class FhirDocumentsTest {
    private static final Pattern JSON_BLOCK = Pattern.compile("```json\n(.*?)```", Pattern.DOTALL);

    @Test
    @DisplayName("Given the published Questionnaire, CodeSystem and ConceptMap, each has a narrative and the "
            + "Questionnaire's integer items the service's ranges")
    void publishedResources() {
        List<String> problems = new ArrayList<>();
        Map.of("Questionnaire", FhirResources.questionnaireJson(), "CodeSystem", FhirResources.codeSystemJson(),
                "ConceptMap", FhirResources.conceptMapJson()).forEach((name, json) ->
                problems.addAll(FhirDocumentRules.publishedProblems(name, FhirDocumentRules.read(json))));

        assertEquals(List.of(), problems);
    }

    @Test
    @DisplayName("Given every FHIR document in docs/ and scenarios/ (JSON files, NDJSON lines, the prefetch of the "
            + "documented hook call, and JSON blocks in the Markdown), each holds to the structural rules")
    void documentsInDocsAndScenarios() throws IOException {
        List<String> problems = new ArrayList<>();
        int documents = 0;
        for (Path file : files()) {
            for (JsonNode document : documents(file)) {
                problems.addAll(FhirDocumentRules.problems(file.toString(), document));
                documents++;
            }
        }

        assertEquals(List.of(), problems);
        assertFalse(documents < 5, "found only " + documents + " FHIR documents");
    }

    @Test
    @DisplayName("Given the docs that name the published release, they name the current one")
    void docsNameTheCurrentRelease() throws IOException {
        String release = FhirResources.questionnaire().getVersion();
        String version = "(\\d+\\.\\d+\\.\\d+)";

        List<String> named = Stream.concat(
                Pattern.compile("spine-kjar:" + version).matcher(Files.readString(Path.of("docs/cds-hooks.md")))
                        .results().map(m -> m.group(1)),
                Pattern.compile("`" + version + "` today").matcher(Files.readString(Path.of("docs/fhir.md")))
                        .results().map(m -> m.group(1))).toList();

        assertEquals(2, named.size(), "the two places that name the release: " + named);
        assertEquals(List.of(release, release), named);
    }

    private static List<Path> files() throws IOException {
        try (Stream<Path> docs = Files.walk(Path.of("docs"));
             Stream<Path> scenarios = Files.walk(Path.of("scenarios"))) {
            return Stream.concat(docs, scenarios).filter(Files::isRegularFile).filter(f -> f.toString()
                    .matches(".*\\.(json|ndjson|md)$")).sorted().toList();
        }
    }

    /** The FHIR resources a file holds: itself, its lines, a hook call's prefetch values, or its JSON blocks. */
    static List<JsonNode> documents(Path file) throws IOException {
        String text = Files.readString(file);
        List<String> candidates = new ArrayList<>();
        if (file.toString().endsWith(".ndjson")) {
            text.lines().filter(l -> !l.isBlank()).forEach(candidates::add);
        } else if (file.toString().endsWith(".md")) {
            Matcher block = JSON_BLOCK.matcher(text);
            while (block.find()) {
                candidates.add(block.group(1));
            }
        } else {
            candidates.add(text);
        }
        List<JsonNode> documents = new ArrayList<>();
        for (String candidate : candidates) {
            JsonNode node;
            try {
                node = Prefetch.JSON.readTree(candidate);
            } catch (IOException e) {
                continue; // a Markdown block of another kind of JSON, or with an ellipsis
            }
            if (node != null && node.has("resourceType")) {
                documents.add(node);
            } else if (node != null && node.has("hook") && node.path("prefetch").isObject()) {
                node.path("prefetch").forEach(documents::add);
            }
        }
        return documents;
    }
}
