package org.spinecare.advisor.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.advisor.SpineAdvisor;
import org.spinecare.advisor.SpineJson;
import org.spinecare.kb.CrackingFrequency;
import org.spinecare.kb.Diagnosis;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingState;
import org.spinecare.kb.TensionOnset;
import org.spinecare.kb.TriageLevel;

class PatientGeneratorTest {
    private static final int COUNT = 2_000;

    @Test
    void the_same_seed_gives_the_same_patients_and_another_seed_other_ones() {
        // Given two generators with one seed and one with another / When each makes patients
        List<String> first = BatchAssessorTest.generated(200, 11);
        List<String> again = BatchAssessorTest.generated(200, 11);
        List<String> other = BatchAssessorTest.generated(200, 12);
        // Then the first two agree line for line and the third does not
        assertEquals(first, again);
        assertNotEquals(first, other);
    }

    @Test
    void every_line_is_valid_input_that_reads_back_as_the_generated_facts() {
        // Given a generator / When each patient is written and read back by the strict reader
        PatientGenerator generator = new PatientGenerator(3);
        for (int i = 0; i < COUNT; i++) {
            PatientFacts facts = generator.next();
            String json = PatientGenerator.toJson(facts);
            // Then the reader accepts it and finds exactly the same facts
            assertEquals(facts, SpineJson.readFacts(json), json);
            assertTrue(json.indexOf('\n') < 0);
        }
    }

    @Test
    void the_patients_cover_the_whole_input_code_space_and_every_triage_level() {
        // Given generated patients
        List<PatientFacts> patients = new ArrayList<>();
        PatientGenerator generator = new PatientGenerator(1);
        for (int i = 0; i < COUNT; i++) {
            patients.add(generator.next());
        }
        // When their values are collected
        Set<String> seen = new HashSet<>();
        for (PatientFacts p : patients) {
            for (Finding finding : Finding.reportable()) {
                seen.add(finding + "=" + p.stateOf(finding));
            }
            p.diagnoses().forEach(d -> seen.add("diagnosis=" + d));
            seen.add("cracking=" + (p.cracking() == null ? "none"
                    : p.cracking().frequency() + "/" + p.cracking().forceful()));
            seen.add("onset=" + p.tensionOnset());
            seen.add("age=" + p.ageYears());
            seen.add("pain=" + p.painScore());
            seen.add("sitting=" + p.sittingHoursPerDay());
            seen.add("weeks=" + p.symptomDurationWeeks());
            seen.add("ref=" + (p.patientRef() != null));
        }
        // Then every state of every finding, every code, every missing part and every limit is there
        for (Finding finding : Finding.reportable()) {
            for (FindingState state : FindingState.values()) {
                assertTrue(seen.contains(finding + "=" + state), finding + "=" + state);
            }
        }
        for (Diagnosis diagnosis : Diagnosis.values()) {
            assertTrue(seen.contains("diagnosis=" + diagnosis), diagnosis.name());
        }
        assertTrue(seen.contains("cracking=none"));
        List<Object> frequencies = new ArrayList<>(List.of(CrackingFrequency.values()));
        frequencies.add(null);
        for (Object frequency : frequencies) {
            for (Boolean forceful : new Boolean[] {true, false, null}) {
                assertTrue(seen.contains("cracking=" + frequency + "/" + forceful), frequency + "/" + forceful);
            }
        }
        for (TensionOnset onset : TensionOnset.values()) {
            assertTrue(seen.contains("onset=" + onset));
        }
        for (String limit : List.of("onset=null", "age=0", "age=130", "age=null", "pain=0", "pain=10", "pain=null",
                "sitting=0", "sitting=24", "sitting=null", "weeks=0", "weeks=null", "ref=false", "ref=true")) {
            assertTrue(seen.contains(limit), limit);
        }
        // And the real rules give every triage level among them
        SpineAdvisor advisor = SpineAdvisor.create();
        Set<TriageLevel> triage = EnumSet.noneOf(TriageLevel.class);
        patients.forEach(p -> triage.add(advisor.assess(p).triage()));
        assertEquals(EnumSet.allOf(TriageLevel.class), triage);
    }

    @Test
    void the_fhir_modules_generated_patients_are_this_generators_for_seed_21() throws java.io.IOException {
        // Given the fixture the FHIR input-shape property reads (that module cannot depend on this one)
        java.nio.file.Path fixture = java.nio.file.Path.of(
                "src/fhir/src/test/resources/org/spinecare/advisor/fhir/generated-patients-seed-21.jsonl.gz");

        // When it is read
        List<String> lines;
        try (var in = new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(fixture))) {
            lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        }

        // Then it is ./spine generate --count 3000 --seed 21, line for line
        assertEquals(BatchAssessorTest.generated(3000, 21), lines);
    }
}
