package org.spinecare.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Guards against the silent failure where the kjar builds with no rules and every assessment fires nothing. */
class KnowledgeBaseLoadingTest {
    private static final KnowledgeBase KB = KnowledgeBase.load();

    @Test
    void the_loaded_knowledge_base_holds_every_rule_the_sources_declare() {
        RuleSources sources = RuleSources.read(getClass().getClassLoader());
        int declared = sources.fileByRuleName().size();
        assertTrue(declared >= 30, "the DRL sources should declare the whole rule set, found " + declared);
        assertEquals(declared, KB.kieBase().getKiePackages().stream().mapToInt(p -> p.getRules().size()).sum());
        assertEquals(declared, KB.catalog().size());
    }

    @Test
    void the_rules_come_from_the_executable_model_built_into_the_kjar() throws Exception {
        String listing = "META-INF/kie/org.spinecare/spine-kjar/drools-model";
        try (var in = getClass().getClassLoader().getResourceAsStream(listing)) {
            assertTrue(in != null, listing + " must be in the kjar");
            String model = new String(in.readAllBytes());
            String rulesClass = model.lines().filter(l -> l.startsWith("org.spinecare.kb.Rules")).findFirst()
                    .orElseThrow();
            Class.forName(rulesClass);
        }
    }

    @Test
    void the_rule_sources_match_the_digest_recorded_when_the_kjar_was_built() {
        RuleSources sources = RuleSources.read(getClass().getClassLoader());
        assertEquals(sources.declaredSha256(), sources.actualSha256());
        assertEquals(sources.declaredSha256(), KB.info().rulesSha256());
        assertEquals("org.spinecare:spine-kjar:2.0.0", KB.info().releaseId());
    }

    @Test
    void every_rule_has_a_unique_stable_id_a_source_section_and_a_basis() {
        Set<String> ids = new HashSet<>();
        List<String> sections = List.of(org.spinecare.kb.Sections.class.getFields()).stream()
                .map(f -> {
                    try {
                        return (String) f.get(null);
                    } catch (IllegalAccessException e) {
                        throw new AssertionError(e);
                    }
                }).toList();
        for (RuleInfo rule : KB.catalog()) {
            assertTrue(ids.add(rule.id()), "duplicate id " + rule.id());
            assertTrue(rule.id().matches("[A-Z]{2}-\\d{3}"), "id format: " + rule.id());
            assertTrue(sections.contains(rule.source()), rule.id() + " cites an unknown section: " + rule.source());
            assertFalse(rule.basis() == Basis.INFERRED && rule.why().isBlank(), rule.id() + " must say why");
        }
    }

    @Test
    void every_rule_sits_in_the_agenda_group_of_its_phase_and_its_own_file() {
        // One group per file keeps the firing order independent of the order the build read the DRL files in.
        RuleSources sources = RuleSources.read(getClass().getClassLoader());
        KB.kieBase().getKiePackages().forEach(pkg -> pkg.getRules().forEach(rule -> {
            String file = sources.fileByRuleName().get(rule.getName());
            String stem = file.substring(file.lastIndexOf('/') + 1).replace(".drl", "");
            String group = ((org.drools.base.definitions.rule.impl.RuleImpl) rule).getAgendaGroup();
            assertTrue(group.endsWith(":" + stem) && KnowledgeBase.PHASES.contains(group),
                    rule.getName() + " is in agenda group " + group + " but lives in " + file);
            // The self-check reads the group from the source (the public API has none): it must be the engine's.
            assertEquals(group, sources.groupByRuleName().get(rule.getName()), rule.getName());
        }));
    }
}
