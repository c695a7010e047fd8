package org.spinecare.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Guards against the silent failure where the kjar builds with no rules and every assessment fires nothing. */
class KnowledgeBaseLoadingTest {
    private static final KnowledgeBase KB = KnowledgeBase.load();

    @Test
    void the_shipped_sources_declare_the_whole_rule_set() {
        // The start-up self-check compares the loaded rules with the sources (FailSafeTest); this guards the other
        // side, a build that ships sources declaring next to nothing, where "0 loaded = 0 declared" would pass.
        int declared = RuleSources.read(getClass().getClassLoader()).fileByRuleName().size();

        assertTrue(declared >= 79, "the DRL sources should declare the whole rule set, found " + declared);
        assertEquals(declared, KB.catalog().size());
    }

    @Test
    void every_rule_id_is_two_letters_and_three_digits() {
        // Ids are cited in docs, scenarios and audit records; the self-check guarantees they exist and are unique.
        for (RuleInfo rule : KB.catalog()) {
            assertTrue(rule.id().matches("[A-Z]{2}-\\d{3}"), "id format: " + rule.id());
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
