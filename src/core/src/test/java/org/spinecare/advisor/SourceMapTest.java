package org.spinecare.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.spinecare.kb.Sections;

/** Traceability: every rule cites a known article section or guideline section, and the source map places it. */
class SourceMapTest {
    private static final SpineAdvisor ADVISOR = SpineAdvisor.create();

    @Test
    void every_rule_cites_a_section_of_the_article_or_a_named_guideline_section() throws Exception {
        Set<String> sections = new HashSet<>();
        for (Field field : Sections.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                sections.add((String) field.get(null));
            }
        }
        List<String> unknown = new ArrayList<>();
        for (RuleInfo rule : ADVISOR.rules()) {
            if (!sections.contains(rule.source())) {
                unknown.add(rule.id() + ": " + rule.source());
            }
            boolean guideline = rule.source().startsWith("NICE") || rule.source().startsWith("WHO");
            assertEquals(guideline, rule.basis() == Basis.GUIDELINE,
                    rule.id() + " cites " + rule.source() + " with basis " + rule.basis());
        }
        assertEquals(List.of(), unknown);
    }

    @Test
    void the_source_map_places_every_rule_and_has_a_section_for_every_guideline_cited() throws Exception {
        String map = Files.readString(Path.of("docs/source-map.md"));
        List<String> unplaced = ADVISOR.rules().stream().map(RuleInfo::id).filter(id -> !map.contains(id)).toList();
        assertEquals(List.of(), unplaced, "rules docs/source-map.md does not mention");
        for (RuleInfo rule : ADVISOR.rules()) {
            if (rule.basis() == Basis.GUIDELINE) {
                String guideline = rule.source().split(":|,")[0];
                assertTrue(map.contains("## " + guideline), "no section for " + guideline + " (" + rule.id() + ")");
            }
        }
    }
}
