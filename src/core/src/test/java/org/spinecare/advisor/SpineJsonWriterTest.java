package org.spinecare.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The assessment JSON uses the contract's field names, in the contract's order: clinic software depends on it. */
class SpineJsonWriterTest {
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static Assessment assessment;
    private static JsonNode tree;

    @BeforeAll
    static void assessADiagnosedStenosisPatientWithBackTension() throws Exception {
        // A patient whose answer has every part filled: recommendations, contraindications, indicators, rules.
        assessment = SpineAdvisor.create().assess(SpineAdvisorTest.diagnosedStenosisWithTension());
        tree = PLAIN.readTree(SpineJson.writeAssessment(assessment));
    }

    @Test
    void the_top_level_fields_are_the_contracts_in_its_order() {
        assertEquals(List.of("triage", "redFlags", "unscreenedRedFlags", "stenosis", "recommendations",
                "clinicianActions", "contraindications", "firedRules", "knowledgeBase"), names(tree));
        assertEquals("ROUTINE", tree.get("triage").textValue());
        assertTrue(tree.get("redFlags").isArray());
        assertTrue(tree.get("unscreenedRedFlags").isArray());
    }

    @Test
    void stenosis_has_its_status_and_indicators() {
        JsonNode stenosis = tree.get("stenosis");

        assertEquals(List.of("status", "indicators"), names(stenosis));
        assertEquals("DIAGNOSED", stenosis.get("status").textValue());
        assertEquals("SCIATICA", stenosis.get("indicators").get(0).textValue());
    }

    @Test
    void a_recommendation_has_code_category_summary_instructions_source_and_rule_ids() {
        JsonNode first = tree.get("recommendations").get(0);

        assertEquals(List.of("code", "category", "summary", "instructions", "source", "ruleIds"), names(first));
        Recommendation expected = assessment.recommendations().get(0);
        assertEquals(expected.code().name(), first.get("code").textValue());
        assertEquals(expected.category().name(), first.get("category").textValue());
        assertEquals(expected.summary(), first.get("summary").textValue());
        assertEquals(expected.instructions().size(), first.get("instructions").size());
        assertEquals(expected.source(), first.get("source").textValue());
        assertEquals(expected.ruleIds().get(0), first.get("ruleIds").get(0).textValue());
    }

    @Test
    void a_contraindication_has_code_reason_reasons_source_and_rule_ids() {
        JsonNode first = tree.get("contraindications").get(0);

        assertEquals(List.of("code", "reason", "reasons", "source", "ruleIds"), names(first));
        Contraindication expected = assessment.contraindications().get(0);
        assertEquals(expected.code().name(), first.get("code").textValue());
        assertEquals(expected.reason().name(), first.get("reason").textValue());
        assertEquals(expected.reasons().size(), first.get("reasons").size());
        assertFalse(first.get("ruleIds").isEmpty());
    }

    @Test
    void a_fired_rule_has_id_name_source_basis_and_the_facts_it_matched() {
        JsonNode firedRules = tree.get("firedRules");

        assertEquals(List.of("id", "name", "source", "basis", "matched"), names(firedRules.get(0)));
        assertEquals(assessment.firedRules().size(), firedRules.size());
        for (int i = 0; i < firedRules.size(); i++) {
            assertEquals(assessment.firedRules().get(i).id(), firedRules.get(i).get("id").textValue(),
                    "firing order at " + i);
            assertTrue(List.of("STATED", "INFERRED", "GUIDELINE").contains(firedRules.get(i).get("basis").textValue()));
        }
    }

    @Test
    void the_knowledge_base_is_identified_by_release_id_and_rules_digest() {
        JsonNode kb = tree.get("knowledgeBase");

        assertEquals(List.of("releaseId", "rulesSha256"), names(kb));
        assertEquals("org.spinecare:spine-kjar:" + System.getProperty("kb.version"), kb.get("releaseId").textValue());
        assertTrue(kb.get("rulesSha256").textValue().matches("[0-9a-f]{64}"));
    }

    @Test
    void the_compact_and_pretty_forms_carry_the_same_content() throws Exception {
        String compact = SpineJson.writeAssessment(assessment);

        assertFalse(compact.contains("\n"));
        assertEquals(tree, PLAIN.readTree(SpineJson.writePretty(assessment)));
    }

    @Test
    void the_patient_reference_never_appears_in_the_assessment() {
        assertFalse(SpineJson.writeAssessment(assessment).contains("p-1"));
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
