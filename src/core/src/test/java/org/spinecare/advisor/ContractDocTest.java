package org.spinecare.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
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
            "<!-- example-(input|output): (\\S+) -->\\s*```json\\n(.*?)\\n```", Pattern.DOTALL);
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
    void each_example_output_is_what_the_engine_answers_apart_from_the_rules_digest() throws Exception {
        // The digest changes with every rule edit; the clinical content must be updated by hand when it changes.
        SpineAdvisor advisor = SpineAdvisor.create();
        List<Example> outputs = examples("output");

        assertTrue(outputs.size() >= 2, "the contract should show at least two worked examples");
        for (Example example : outputs) {
            PatientFacts facts = SpineJson.readFacts(Files.readAllBytes(Path.of(example.file())));
            JsonNode actual = JSON.readTree(SpineJson.writeAssessment(advisor.assess(facts)));
            JsonNode documented = JSON.readTree(example.json());
            assertTrue(documented.get("knowledgeBase").get("rulesSha256").textValue().matches("[0-9a-f]{64}"));
            ((ObjectNode) actual.get("knowledgeBase")).remove("rulesSha256");
            ((ObjectNode) documented.get("knowledgeBase")).remove("rulesSha256");
            assertEquals(documented, actual, "docs/contract.md shows an outdated answer for " + example.file()
                    + "; paste the output of ./spine assess " + example.file());
        }
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
        for (String errorCode : errorCodes()) {
            assertTrue(contract.contains("`" + errorCode + "`"), errorCode + " missing from docs/contract.md");
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

    private static List<String> errorCodes() throws IllegalAccessException {
        List<String> codes = new ArrayList<>();
        for (Field field : InvalidFactsException.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                codes.add((String) field.get(null));
            }
        }
        return codes;
    }
}
