package org.spinecare.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spinecare.kb.Advice;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingFact;
import org.spinecare.kb.FindingGroup;
import org.spinecare.kb.FindingState;
import org.spinecare.kb.PatientMeasures;
import org.spinecare.kb.TriageLevel;

/** A finding that is left out is UNKNOWN from the JSON to the rules to the answer; it is never read as ABSENT. */
class UnknownIsNeverAbsentTest {
    private static final SpineAdvisor ADVISOR = SpineAdvisor.create();
    private static final List<Finding> RED_FLAGS = Finding.inGroup(FindingGroup.RED_FLAG);

    @Test
    void findings_left_out_reach_the_rules_as_unknown_and_numbers_left_out_as_null() {
        // Given JSON that reports nothing; When it is read and turned into facts
        PatientFacts facts = SpineJson.readFacts("{}");
        List<Object> inserted = SpineAdvisor.factsOf(facts);
        // Then every finding is inserted as UNKNOWN, and no measure is defaulted
        List<FindingFact> findings = inserted.stream().filter(FindingFact.class::isInstance)
                .map(FindingFact.class::cast).toList();
        assertEquals(Finding.values().length, findings.size());
        findings.forEach(f -> assertEquals(FindingState.UNKNOWN, f.state(), f.toString()));
        PatientMeasures measures = inserted.stream().filter(PatientMeasures.class::isInstance)
                .map(PatientMeasures.class::cast).findFirst().orElseThrow();
        assertNull(measures.painScore());
        assertNull(measures.sittingHoursPerDay());
        assertNull(measures.tensionOnset());
        assertNull(measures.ageYears());
    }

    @Test
    void red_flags_left_out_give_a_different_answer_from_red_flags_reported_absent() {
        // Given the same patient with back tension and the urge to pop, red flags omitted or reported absent
        String symptoms = "\"BACK_TENSION\": \"PRESENT\", \"URGE_TO_POP\": \"PRESENT\"";
        Assessment omitted = ADVISOR.assess(SpineJson.readFacts("{\"findings\": {" + symptoms + "}}"));
        Assessment absent = ADVISOR.assess(SpineJson.readFacts("{\"findings\": {" + symptoms
                + ", \"FEVER\": \"ABSENT\", \"UNEXPLAINED_WEIGHT_LOSS\": \"ABSENT\", \"BOWEL_BLADDER_CHANGE\": \"ABSENT\","
                + " \"LEG_SENSATION_LOSS\": \"ABSENT\", \"SADDLE_SENSATION_LOSS\": \"ABSENT\"}}"));
        // Then omitted red flags are listed as unscreened and hold back self-care
        assertEquals(RED_FLAGS, omitted.unscreenedRedFlags());
        assertEquals(TriageLevel.ROUTINE, omitted.triage());
        assertTrue(omitted.recommendations().stream().noneMatch(r -> r.code().isSelfCareTechnique()),
                "no self-care technique before a complete red-flag screen: " + omitted.recommendations());
        assertTrue(omitted.contraindicates(Advice.CRACK_SEATED_CHAIR));
        // And absent red flags allow self-care
        assertEquals(List.of(), absent.unscreenedRedFlags());
        assertEquals(TriageLevel.SELF_CARE, absent.triage());
        assertTrue(absent.recommends(Advice.STRETCH_PELVIC_TILT));
        assertTrue(absent.recommends(Advice.HEAT_THERAPY));
    }

    static List<Finding> redFlags() {
        return RED_FLAGS;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("redFlags")
    void each_red_flag_left_out_alone_is_unscreened_while_reported_absent_it_is_not(Finding left) {
        // Given every other red flag reported absent
        PatientFacts screened = PatientFacts.empty();
        for (Finding flag : RED_FLAGS) {
            screened = screened.withFinding(flag, FindingState.ABSENT);
        }
        // When this one is left out instead
        Assessment unknown = ADVISOR.assess(screened.withFinding(left, FindingState.UNKNOWN));
        Assessment absent = ADVISOR.assess(screened);
        // Then it alone is unscreened, and triage stays above self-care
        assertEquals(List.of(left), unknown.unscreenedRedFlags());
        assertEquals(TriageLevel.ROUTINE, unknown.triage());
        assertTrue(unknown.fired("RF-003") && unknown.fired("RF-004"));
        assertEquals(TriageLevel.SELF_CARE, absent.triage());
        assertFalse(absent.fired("RF-003"));
    }

    @Test
    void the_json_cannot_say_unknown_explicitly_so_there_is_only_one_way_to_say_not_assessed() {
        InvalidFactsException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidFactsException.class,
                () -> SpineJson.readFacts("{\"findings\": {\"FEVER\": \"UNKNOWN\"}}"));
        assertEquals(InvalidFactsException.UNKNOWN_CODE, e.code());
        assertEquals(FindingState.UNKNOWN, PatientFacts.empty().stateOf(Finding.FEVER));
    }
}
