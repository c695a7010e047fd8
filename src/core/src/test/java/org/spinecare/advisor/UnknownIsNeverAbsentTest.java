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
    /** The red flags the input reports; the other two are derived from measures by the rules. */
    private static final List<Finding> REPORTED_RED_FLAGS = RED_FLAGS.stream().filter(f -> !f.isDerived()).toList();

    @Test
    void findings_left_out_reach_the_rules_as_unknown_and_numbers_left_out_as_null() {
        // Given JSON that reports nothing; When it is read and turned into facts
        PatientFacts facts = SpineJson.readFacts("{}");
        List<Object> inserted = SpineAdvisor.factsOf(facts);
        // Then every reportable finding is inserted as UNKNOWN, and no measure is defaulted
        List<FindingFact> findings = inserted.stream().filter(FindingFact.class::isInstance)
                .map(FindingFact.class::cast).toList();
        assertEquals(Finding.reportable().size(), findings.size());
        findings.forEach(f -> assertEquals(FindingState.UNKNOWN, f.state(), f.toString()));
        PatientMeasures measures = inserted.stream().filter(PatientMeasures.class::isInstance)
                .map(PatientMeasures.class::cast).findFirst().orElseThrow();
        assertNull(measures.painScore());
        assertNull(measures.sittingHoursPerDay());
        assertNull(measures.tensionOnset());
        assertNull(measures.ageYears());
        assertNull(measures.symptomDurationWeeks());
    }

    @Test
    void the_signs_derived_from_measures_are_unscreened_when_the_measures_are_left_out() {
        // Given a complete screen but no age and no duration, with "not improving" reported present
        PatientFacts facts = Patients.screened().age(null).present(Finding.NOT_IMPROVING).facts();
        // When assessed
        Assessment a = ADVISOR.assess(facts);
        // Then both derived red flags are unscreened, not absent, and self-care is withheld
        assertEquals(List.of(Finding.NO_IMPROVEMENT_AFTER_4_WEEKS, Finding.ONSET_AGE_UNDER_20_OR_OVER_50),
                a.unscreenedRedFlags());
        assertEquals(TriageLevel.ROUTINE, a.triage());
    }

    @Test
    void back_pain_neither_reported_nor_rated_withholds_self_cracking_as_back_pain_does() {
        // Given a screened patient with the urge to pop and no word on back pain
        Assessment unknown = ADVISOR.assess(Patients.screened().present(Finding.URGE_TO_POP).facts());
        // When the same patient reports a pain score of 0
        Assessment none = ADVISOR.assess(Patients.screened().present(Finding.URGE_TO_POP).pain(0).facts());
        // Then only the patient who said there is no pain is shown the cracking techniques
        assertTrue(unknown.contraindications().stream().anyMatch(c -> c.code() == Advice.CRACK_SEATED_CHAIR
                && c.reasons().contains(org.spinecare.kb.ContraindicationReason.BACK_PAIN_NOT_ASSESSED)));
        assertTrue(unknown.recommends(Advice.PAUSE_SELF_CRACKING));
        assertTrue(none.recommends(Advice.CRACK_SEATED_CHAIR));
    }

    @Test
    void red_flags_left_out_give_a_different_answer_from_red_flags_reported_absent() {
        // Given the same patient with back tension and the urge to pop, red flags omitted or reported absent
        String symptoms = "\"BACK_TENSION\": \"PRESENT\", \"URGE_TO_POP\": \"PRESENT\"";
        Assessment omitted = ADVISOR.assess(SpineJson.readFacts("{\"findings\": {" + symptoms + "}}"));
        StringBuilder screen = new StringBuilder();
        Patients.SCREEN.forEach(f -> screen.append(", \"").append(f).append("\": \"ABSENT\""));
        Assessment absent = ADVISOR.assess(SpineJson.readFacts("{\"ageYears\": 30, \"findings\": {" + symptoms
                + screen + "}}"));
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
        return REPORTED_RED_FLAGS;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("redFlags")
    void each_red_flag_left_out_alone_is_unscreened_while_reported_absent_it_is_not(Finding left) {
        // Given every other red flag reported absent (and an age, which settles the onset-age flag)
        PatientFacts screened = Patients.screened().facts();
        // When this one is left out instead
        Assessment unknown = ADVISOR.assess(screened.withFinding(left, FindingState.UNKNOWN));
        Assessment absent = ADVISOR.assess(screened);
        // Then it alone is unscreened, and triage stays above self-care
        assertEquals(List.of(left), unknown.unscreenedRedFlags());
        assertEquals(TriageLevel.ROUTINE, unknown.triage());
        String listing = left.isArticleRedFlag() ? "RF-003" : "GL-007";
        assertTrue(unknown.fired(listing) && unknown.fired("RF-004"));
        assertEquals(TriageLevel.SELF_CARE, absent.triage());
        assertFalse(absent.fired(listing));
    }

    @Test
    void the_json_cannot_say_unknown_explicitly_so_there_is_only_one_way_to_say_not_assessed() {
        InvalidFactsException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidFactsException.class,
                () -> SpineJson.readFacts("{\"findings\": {\"FEVER\": \"UNKNOWN\"}}"));
        assertEquals(InvalidFactsException.Code.UNKNOWN_CODE, e.code());
        assertEquals(FindingState.UNKNOWN, PatientFacts.empty().stateOf(Finding.FEVER));
    }
}
