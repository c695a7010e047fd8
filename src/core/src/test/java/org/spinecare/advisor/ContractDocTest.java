package org.spinecare.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.spinecare.kb.Advice;
import org.spinecare.kb.AdviceCategory;
import org.spinecare.kb.ContraindicationReason;
import org.spinecare.kb.CrackingFrequency;
import org.spinecare.kb.Diagnosis;
import org.spinecare.kb.Finding;
import org.spinecare.kb.StenosisStatus;
import org.spinecare.kb.TensionOnset;
import org.spinecare.kb.TriageLevel;

/**
 * Keeps docs/contract.md honest: its worked examples are what the engine answers, and it documents every code
 * and names only rules that exist. Runs from the project root (surefire's working directory).
 */
class ContractDocTest {
    private static final Path CONTRACT = Path.of("docs/contract.md");
    private static final Pattern EXAMPLE = Pattern.compile(
            "<!-- example-(input|excerpt): (\\S+) -->\\s*```json\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Path ANSWERS = Path.of("docs/examples");
    private static final ObjectMapper JSON = new ObjectMapper();

    record Example(String kind, String file, String json) {
    }

    @Test
    void each_example_input_is_the_file_it_names() throws Exception {
        List<Example> inputs = examples("input");

        assertTrue(inputs.size() >= 2, "the contract should show at least two worked examples");
        for (Example example : inputs) {
            assertEquals(JSON.readTree(Files.readString(Path.of(example.file()))), JSON.readTree(example.json()),
                    example.file() + " differs from its copy in docs/contract.md");
        }
    }

    @Test
    void each_answer_file_is_exactly_what_the_engine_answers_for_its_example() throws Exception {
        SpineAdvisor advisor = SpineAdvisor.create();
        List<Path> answers;
        try (var files = Files.list(ANSWERS)) {
            answers = files.filter(f -> f.toString().endsWith(".assessment.json")).sorted().toList();
        }

        assertTrue(answers.size() >= 3, "docs/examples should hold the answer to every example in scenarios/examples");
        for (Path answer : answers) {
            Path input = Path.of("scenarios/examples", answer.getFileName().toString()
                    .replace(".assessment.json", ".json"));
            JsonNode actual = JSON.readTree(SpineJson.writeAssessment(
                    advisor.assess(SpineJson.readFacts(Files.readAllBytes(input)))));
            assertEquals(actual, JSON.readTree(answer.toFile()), answer + " is outdated; regenerate it with"
                    + " ./spine assess " + input + " > " + answer);
        }
    }

    @Test
    void each_excerpt_in_the_contract_is_part_of_the_answer_file_it_names() throws Exception {
        List<Example> excerpts = examples("excerpt");

        assertTrue(excerpts.size() >= 2, "the contract should show at least two worked examples");
        for (Example excerpt : excerpts) {
            JsonNode whole = JSON.readTree(Path.of(excerpt.file()).toFile());
            List<String> differences = new ArrayList<>();
            JsonExcerpt.compare("$", JSON.readTree(excerpt.json()), whole, differences);
            assertEquals(List.of(), differences, "docs/contract.md's excerpt of " + excerpt.file()
                    + " is not part of it");
        }
    }

    @Test
    void an_excerpt_with_a_changed_value_a_missing_field_or_extra_entries_is_not_part_of_the_answer()
            throws Exception {
        JsonNode whole = JSON.readTree("{\"triage\":\"ROUTINE\",\"codes\":[\"A\",\"B\"]}");
        List<String> differences = new ArrayList<>();

        JsonExcerpt.compare("$", JSON.readTree("{\"triage\":\"ROUTINE\",\"codes\":[\"A\"]}"), whole, differences);
        assertEquals(List.of(), differences);
        JsonExcerpt.compare("$", JSON.readTree("{\"triage\":\"SELF_CARE\"}"), whole, differences);
        JsonExcerpt.compare("$", JSON.readTree("{\"level\":\"ROUTINE\"}"), whole, differences);
        JsonExcerpt.compare("$", JSON.readTree("{\"codes\":[\"A\",\"B\",\"C\"]}"), whole, differences);
        JsonExcerpt.compare("$", JSON.readTree("{\"codes\":[\"B\"]}"), whole, differences);
        assertEquals(4, differences.size(), differences.toString());
    }

    @Test
    void every_public_code_is_documented() throws Exception {
        String contract = Files.readString(CONTRACT);
        List<Enum<?>> codes = new ArrayList<>();
        for (Class<? extends Enum<?>> type : List.of(Finding.class, Diagnosis.class, CrackingFrequency.class,
                TensionOnset.class, TriageLevel.class, StenosisStatus.class, Advice.class, AdviceCategory.class,
                ContraindicationReason.class)) {
            codes.addAll(List.of(type.getEnumConstants()));
        }

        List<String> missing = codes.stream().map(Enum::name)
                .filter(code -> !contract.contains("`" + code + "`"))
                .toList();
        assertEquals(List.of(), missing, "codes missing from docs/contract.md");
        for (InvalidFactsException.Code errorCode : InvalidFactsException.Code.values()) {
            assertTrue(contract.contains("`" + errorCode.name() + "`"), errorCode + " missing from docs/contract.md");
        }
    }

    @Test
    void every_rule_the_contract_names_exists() throws Exception {
        Set<String> ruleIds = SpineAdvisor.create().rules().stream().map(RuleInfo::id).collect(Collectors.toSet());
        Matcher ids = Pattern.compile("\\b[A-Z]{2}-\\d{3}\\b").matcher(Files.readString(CONTRACT));

        List<String> unknown = new ArrayList<>();
        while (ids.find()) {
            if (!ruleIds.contains(ids.group())) {
                unknown.add(ids.group());
            }
        }
        assertEquals(List.of(), unknown, "docs/contract.md names rules the knowledge base does not have");
    }

    private static List<Example> examples(String kind) throws Exception {
        Matcher m = EXAMPLE.matcher(Files.readString(CONTRACT));
        List<Example> examples = new ArrayList<>();
        while (m.find()) {
            if (m.group(1).equals(kind)) {
                examples.add(new Example(kind, m.group(2), m.group(3)));
            }
        }
        return examples;
    }
}
