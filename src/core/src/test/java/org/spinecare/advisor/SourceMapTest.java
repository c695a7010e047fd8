package org.spinecare.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Traceability: every rule cites a known article section or guideline section, and the source map places it. */
class SourceMapTest {
    private static final SpineAdvisor ADVISOR = SpineAdvisor.create();

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
