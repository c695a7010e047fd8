package org.spinecare.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spinecare.kb.Advice;
import org.spinecare.kb.Audience;

/**
 * docs/texts.md is the review copy of every text: it must be exactly what the knowledge base shows, and the
 * conditions it gives (which rules show or withhold each text) must be the ones the engine actually follows.
 */
class TextCatalogTest {
    private static final SpineAdvisor ADVISOR = SpineAdvisor.create();

    @Test
    void the_committed_text_catalog_is_exactly_what_the_knowledge_base_shows() throws Exception {
        // If this fails, regenerate it: ./spine texts > docs/texts.md
        assertEquals(Files.readString(Path.of("docs/texts.md")), TextCatalog.markdown(ADVISOR),
                "docs/texts.md is out of date; run ./spine texts > docs/texts.md");
    }

    @Test
    void every_text_is_shown_by_at_least_one_rule() {
        Map<RuleInfo, TextCatalog.Effects> effects = TextCatalog.effects(ADVISOR);
        for (Advice advice : Advice.values()) {
            assertTrue(effects.values().stream().anyMatch(e -> e.shows().contains(advice)),
                    advice + " has no rule that shows it: dead text, or the catalog misreads a rule");
        }
    }

    @Test
    void the_rules_the_catalog_names_are_the_rules_that_show_and_withhold_each_text_in_real_answers() {
        // Given the catalog's reading of the rules, and a thousand varied patients assessed by the real engine
        Map<String, TextCatalog.Effects> byId = new java.util.HashMap<>();
        TextCatalog.effects(ADVISOR).forEach((rule, e) -> byId.put(rule.id(), e));
        SplittableRandom random = new SplittableRandom(7);
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (int i = 0; i < 1000; i++) {
            Assessment a = ADVISOR.assess(FactsGenerator.random(random));
            // Then every rule an answer credits with a text is one the catalog says shows it, and likewise for
            // every contraindication
            List<Recommendation> shown = new ArrayList<>(a.recommendations());
            shown.addAll(a.clinicianActions());
            for (Recommendation r : shown) {
                for (String id : r.ruleIds()) {
                    checked++;
                    if (!byId.get(id).shows().contains(r.code())) {
                        wrong.add(id + " showed " + r.code() + " but the catalog does not say so");
                    }
                }
            }
            for (Contraindication c : a.contraindications()) {
                for (String id : c.ruleIds()) {
                    checked++;
                    if (!byId.get(id).forbids().contains(c.code())) {
                        wrong.add(id + " withheld " + c.code() + " but the catalog does not say so");
                    }
                }
            }
        }
        assertEquals(List.of(), wrong.stream().distinct().toList());
        assertTrue(checked > 5000, "too few texts checked: " + checked);
    }

    @Test
    void the_catalog_separates_what_the_patient_reads_from_what_the_clinician_must_do() throws Exception {
        String catalog = TextCatalog.markdown(ADVISOR);
        int clinicianSection = catalog.indexOf("## Asked of the clinician");
        assertTrue(clinicianSection > 0);
        for (Advice advice : Advice.values()) {
            int at = catalog.indexOf("### `" + advice + "`");
            assertFalse(at < 0, advice + " missing");
            assertEquals(advice.audience() == Audience.CLINICIAN, at > clinicianSection, advice.toString());
        }
    }
}
