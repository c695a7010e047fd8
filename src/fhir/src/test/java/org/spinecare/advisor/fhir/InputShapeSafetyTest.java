package org.spinecare.advisor.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spinecare.advisor.Assessment;
import org.spinecare.advisor.Contraindication;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.advisor.Recommendation;
import org.spinecare.advisor.SpineAdvisor;
import org.spinecare.advisor.SpineJson;
import org.spinecare.kb.Advice;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingState;

/**
 * The input path's safety rule as a metamorphic property (issue 21): whatever FHIR shape the same facts arrive in
 * ({@link FhirShapes}), the real engine's answer is never less urgent than the answer to those facts as JSON, loses
 * no PRESENT red flag, leaves what it could not read unscreened, and recommends nothing the JSON answer
 * contraindicates. A shape that left pages unread or carried a failed search is judged against the facts it did
 * hold; every other shape must give exactly the JSON answer. Every scenario patient and 3,000 patients of
 * {@code ./spine generate --count 3000 --seed 21} (the fixture {@value #GENERATED}) are each sent in several shapes,
 * seeded, so a failure names the patient and the seed that rebuild it.
 */
@DisplayName("The same facts in any FHIR shape are never answered less urgently than as JSON")
class InputShapeSafetyTest {
    /** Made by {@code ./spine generate --count 3000 --seed 21 | gzip -9 -n}; a cli test keeps it equal to that. */
    static final String GENERATED = "generated-patients-seed-21.jsonl.gz";
    private static final int SHAPES_PER_SCENARIO_PATIENT = 6;
    private static final int SHAPES_PER_GENERATED_PATIENT = 1;
    private static final int MAX_REPORTED = 10;
    private static SpineAdvisor advisor;

    @BeforeAll
    static void startAdvisor() {
        advisor = SpineAdvisor.create();
    }

    @AfterAll
    static void closeAdvisor() {
        advisor.close();
    }

    static List<Named<PatientFacts>> scenarioPatients() throws IOException {
        return ScenarioEquivalenceTest.scenarioPatients().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarioPatients")
    void given_a_scenario_patient_in_any_fhir_shape_then_the_answer_is_never_less_safe(PatientFacts facts) {
        List<String> violations = new ArrayList<>();
        Assessment fromJson = advisor.assess(facts);
        for (int seed = 0; seed < SHAPES_PER_SCENARIO_PATIENT; seed++) {
            // Seeded from the facts' text (enum hash codes differ between runs), so a failure replays.
            check(facts, fromJson, facts.toString().hashCode() * 31L + seed, violations);
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void given_three_thousand_generated_patients_in_any_fhir_shape_then_no_answer_is_less_safe() throws IOException {
        List<PatientFacts> patients = generated();
        assertEquals(3000, patients.size());
        List<String> violations = new ArrayList<>();
        int gapped = 0;
        for (int i = 0; i < patients.size(); i++) {
            Assessment fromJson = advisor.assess(patients.get(i));
            for (int seed = 0; seed < SHAPES_PER_GENERATED_PATIENT; seed++) {
                gapped += check(patients.get(i), fromJson, i * 1000L + seed, violations) ? 1 : 0;
            }
        }
        assertEquals(List.of(), violations.stream().limit(MAX_REPORTED).toList(), violations.size() + " violations");
        // The shapes must reach the hazard: many unread pages and failed searches, not only tidy bundles.
        assertTrue(gapped > patients.size() * SHAPES_PER_GENERATED_PATIENT / 4, gapped + " gapped shapes");
    }

    /** Checks one shape; true when it declared gaps. */
    private static boolean check(PatientFacts facts, Assessment fromJson, long seed, List<String> violations) {
        FhirShapes.Shape shape = FhirShapes.shape(facts, seed);
        Assessment fromFhir = advisor.assess(shape.map().facts());
        Assessment reference = shape.gapped() ? advisor.assess(shape.reference()) : fromJson;
        String problem = shape.gapped() ? bounded(fromFhir, reference, fromJson, facts)
                : fromFhir.equals(fromJson) ? null : "not the JSON answer: " + fromFhir.triage() + " for "
                + fromJson.triage() + ", red flags " + fromFhir.redFlags() + " for " + fromJson.redFlags();
        if (problem != null && violations.size() < MAX_REPORTED) {
            violations.add("seed " + seed + " (" + shape.description() + "): " + problem + "; facts "
                    + facts);
        } else if (problem != null) {
            violations.add(problem);
        }
        return shape.gapped();
    }

    /** What a gapped shape's answer must hold against the facts it held ({@code reference}) and the JSON answer. */
    static String bounded(Assessment fromFhir, Assessment reference, Assessment fromJson, PatientFacts facts) {
        if (reference.triage().moreUrgentThan(fromFhir.triage())) {
            return "triage " + fromFhir.triage() + " is less urgent than " + reference.triage();
        }
        if (!fromFhir.redFlags().containsAll(reference.redFlags())) {
            return "red flags " + fromFhir.redFlags() + " lost some of " + reference.redFlags();
        }
        Set<Finding> screenedOrPresent = EnumSet.noneOf(Finding.class);
        screenedOrPresent.addAll(fromFhir.redFlags());
        screenedOrPresent.addAll(fromFhir.unscreenedRedFlags());
        if (!screenedOrPresent.containsAll(reference.unscreenedRedFlags())) {
            return "unscreened red flags " + reference.unscreenedRedFlags() + " reported absent: "
                    + fromFhir.unscreenedRedFlags();
        }
        for (Finding flag : fromJson.redFlags()) {
            if (facts.stateOf(flag) == FindingState.PRESENT && !screenedOrPresent.contains(flag)) {
                return "the present red flag " + flag + " was reported absent";
            }
        }
        Set<Advice> recommended = fromFhir.recommendations().stream().map(Recommendation::code)
                .collect(Collectors.toSet());
        for (Assessment bound : List.of(reference, fromJson)) {
            for (Contraindication c : bound.contraindications()) {
                if (recommended.contains(c.code())) {
                    return c.code() + " recommended though contraindicated";
                }
            }
        }
        return null;
    }

    private static List<PatientFacts> generated() throws IOException {
        List<PatientFacts> patients = new ArrayList<>();
        try (InputStream in = InputShapeSafetyTest.class.getResourceAsStream(GENERATED)) {
            assertTrue(in != null, GENERATED + " is missing");
            BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(in),
                    StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                patients.add(SpineJson.readFacts(line));
            }
        }
        return patients;
    }
}
