package org.spinecare.advisor.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.spinecare.advisor.Patients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecare.advisor.SpineAdvisor;

/** Matching against the real engine: a wrong expectation fails with plain sentences and the fired rules. */
class ScenarioRunnerTest {
    private static final ScenarioRunner RUNNER = new ScenarioRunner(SpineAdvisor.create());
    private static final String CAUDA_EQUINA = "{\"ageYears\": 40, \"findings\": {"
            + Patients.completeScreenJson().replace("\"SADDLE_SENSATION_LOSS\": \"ABSENT\"",
                    "\"SADDLE_SENSATION_LOSS\": \"PRESENT\"") + ", \"BACK_TENSION\": \"PRESENT\"}}";

    @TempDir
    Path dir;

    private ScenarioResult run(String given, String expect) throws IOException {
        Path file = Files.writeString(dir.resolve("s.json"), "{\"name\": \"n\", \"source\": "
                + "\"When to Seek Professional Help for Back Cracking\", \"given\": " + given + ", \"expect\": "
                + expect + "}");
        return RUNNER.run(RUNNER.load(List.of(file)).get(0));
    }

    @Test
    void a_scenario_that_matches_the_assessment_passes() throws IOException {
        ScenarioResult result = run(CAUDA_EQUINA, "{\"triage\": \"EMERGENCY\", "
                + "\"redFlags\": [\"SADDLE_SENSATION_LOSS\"], \"unscreenedRedFlags\": [], "
                + "\"stenosis\": {\"status\": \"NOT_INDICATED\", \"indicators\": []}, "
                + "\"contraindicated\": [\"CRACK_SEATED_CHAIR\"], \"notRecommended\": [\"HEAT_THERAPY\"], "
                + "\"rulesFired\": [\"RF-001\"], \"rulesNotFired\": [\"RF-003\"]}");
        assertTrue(result.passed(), result.report());
        assertTrue(result.firedRules().stream().anyMatch(r -> r.id().equals("RF-001")));
    }

    @Test
    void each_wrong_expectation_says_what_was_expected_and_what_came_back() throws IOException {
        // Given an emergency patient whose scenario wrongly expects self-care advice
        ScenarioResult result = run(CAUDA_EQUINA, "{\"triage\": \"ROUTINE\", \"redFlags\": [\"FEVER\"], "
                + "\"stenosis\": {\"status\": \"POSSIBLE\"}, \"recommended\": [\"HEAT_THERAPY\"], "
                + "\"notContraindicated\": [\"CRACK_SEATED_CHAIR\"], \"rulesFired\": [\"HC-002\"], "
                + "\"rulesNotFired\": [\"RF-001\"]}");

        // Then it fails with one sentence per mismatch, naming both sides
        assertEquals(List.of(
                "Triage: expected ROUTINE, got EMERGENCY.",
                "Red flags: expected exactly FEVER, got SADDLE_SENSATION_LOSS; missing FEVER; "
                        + "not expected SADDLE_SENSATION_LOSS.",
                "Stenosis: expected POSSIBLE, got NOT_INDICATED.",
                "Recommended: expected HEAT_THERAPY, but it was not recommended; it was contraindicated instead "
                        + "([RED_FLAG, REDUCED_SKIN_SENSATION], by [CI-010, CI-006]). Recommended were: "
                        + "SEEK_EMERGENCY_CARE.",
                "Not contraindicated: expected CRACK_SEATED_CHAIR not to be contraindicated, but it was "
                        + "([ESCALATED_TRIAGE, RED_FLAG, BACK_PAIN_NOT_ASSESSED], by [CI-001, CI-010, CI-005]).",
                "Rules fired: expected HC-002 (Back tension that is ongoing or of unknown onset is treated with "
                        + "heat) to fire, but it did not.",
                "Rules not fired: expected RF-001 (A change in bowel or bladder function or saddle numbness needs "
                        + "emergency care) not to fire, but it did."), result.mismatches());
        // And the report lists every rule that fired, with its name
        assertTrue(result.report().contains("Rules that fired, in order:\n  CT-001  Back pain counts"),
                result.report());
        assertTrue(result.report().contains("\n  RF-001  A change in bowel"), result.report());
    }

    @Test
    void an_at_least_triage_accepts_more_urgent_and_rejects_less_urgent() throws IOException {
        assertTrue(run(CAUDA_EQUINA, "{\"triageAtLeast\": \"URGENT\"}").passed());
        assertEquals(List.of("Triage: expected URGENT or more urgent, got SELF_CARE."),
                run("{\"ageYears\": 40, \"findings\": {" + Patients.completeScreenJson() + "}}",
                        "{\"triageAtLeast\": \"URGENT\"}").mismatches());
    }

    @Test
    void coverage_counts_each_rule_once_per_scenario_and_every_firing() throws IOException {
        // Given one scenario where the unscreened-red-flag rule fires once per unreported red flag
        ScenarioResult result = run("{}", "{\"triage\": \"ROUTINE\"}");

        // When coverage is computed
        RuleCoverage coverage = RUNNER.coverage(List.of(result));

        // Then RF-003 counts one scenario and five firings, and rules that did not fire are listed
        assertEquals(1, coverage.scenarios().get("RF-003"));
        assertEquals(5, coverage.firings().get("RF-003"));
        assertTrue(coverage.unfired().stream().anyMatch(r -> r.id().equals("RF-001")));
        assertTrue(coverage.report().startsWith("Rule coverage: " + coverage.firedCount() + " of "
                + coverage.rules().size() + " rules"), coverage.report());
    }
}
