package org.spinecare.advisor.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.spinecare.advisor.AuditEntry;
import org.spinecare.advisor.InputMapping;

class InputMappingRecordTest {
    private static final InputMapping MAPPING = new InputMapping(InputMapping.FHIR_R4, 1,
            List.of("NOT_FINAL", "NOT_FINAL"), List.of("SADDLE_SENSATION_LOSS"));
    private static final String MEMBER = ",\"inputMapping\":{\"format\":\"FHIR_R4\",\"unknownCodes\":1,"
            + "\"unusable\":[\"NOT_FINAL\",\"NOT_FINAL\"],\"conflicts\":[\"SADDLE_SENSATION_LOSS\"]}";

    private static AuditEntry fixed() {
        return new AuditEntry(UUID.fromString("00000000-0000-4000-8000-000000000001"),
                Instant.parse("2026-11-24T06:00:00Z"), "test", AuditFixtures.facts("patient-1", 1),
                AuditFixtures.assessment(1));
    }

    @Test
    @DisplayName("a mapping summary is written inside the record, read back equal, and the chain verifies")
    void summaryIsRecordedAndReadBack() {
        // Given a trail
        InMemoryAuditTrail trail = new InMemoryAuditTrail(AuditFixtures.KEY);

        // When an entry with a mapping summary is recorded
        trail.record(fixed().withInputMapping(MAPPING));

        // Then the line holds it before the outcome, it parses back equal, and the chain verifies
        String line = trail.lines().get(0);
        assertTrue(line.contains(MEMBER + ",\"outcome\":"), line);
        assertEquals(MAPPING, trail.records().get(0).inputMapping());
        byte[] bytes = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(MAPPING, AuditCodec.parse(RecordMac.strip(bytes)).inputMapping());
        AuditVerifier.Verification verification = AuditVerifier.verify(trail.lines());
        assertTrue(verification.ok(), verification.message());
    }

    @Test
    @DisplayName("changing the mapping summary breaks the hash, and so the verification")
    void summaryIsInsideTheHash() {
        // Given a verified record with a mapping summary
        InMemoryAuditTrail trail = new InMemoryAuditTrail(AuditFixtures.KEY);
        trail.record(fixed().withInputMapping(MAPPING));
        String line = trail.lines().get(0);

        // When its count, a reason or a conflict is altered, or the summary removed
        List<String> forgeries = List.of(line.replace("\"unknownCodes\":1", "\"unknownCodes\":0"),
                line.replace("[\"NOT_FINAL\",\"NOT_FINAL\"]", "[\"NOT_FINAL\"]"),
                line.replace("\"SADDLE_SENSATION_LOSS\"]", "\"FEVER\"]"), line.replace(MEMBER, ""));

        // Then each forgery fails verification
        for (String forged : forgeries) {
            assertFalse(forged.equals(line));
            assertFalse(AuditVerifier.verify(List.of(forged)).ok(), forged);
        }
    }

    @Test
    @DisplayName("a record without a mapping summary keeps its old canonical line: the member is simply absent")
    void recordWithoutSummaryKeepsItsForm() {
        // Given the same entry recorded with and without a mapping summary
        InMemoryAuditTrail plain = new InMemoryAuditTrail(AuditFixtures.KEY);
        plain.record(fixed());
        InMemoryAuditTrail mapped = new InMemoryAuditTrail(AuditFixtures.KEY);
        mapped.record(fixed().withInputMapping(MAPPING));

        // When their lines are compared without their hashes
        String without = plain.lines().get(0);
        String with = mapped.lines().get(0);

        // Then the only difference is the inputMapping member, and the plain record has none
        assertFalse(without.contains("inputMapping"));
        assertNull(plain.records().get(0).inputMapping());
        assertEquals(unsealed(without), unsealed(with).replace(MEMBER, ""));
    }

    @Test
    @DisplayName("the verifier refuses a summary code it does not know, and the trail refuses to write one")
    void unknownSummaryCodesAreRefused() {
        // Given summaries naming a reason, a conflict or a format this library does not know
        List<InputMapping> unknown = List.of(
                new InputMapping(InputMapping.FHIR_R4, 0, List.of("NOT_A_REASON"), List.of()),
                new InputMapping(InputMapping.FHIR_R4, 0, List.of(), List.of("NOT_A_FINDING")),
                new InputMapping("HL7_V2", 0, List.of(), List.of()));
        for (InputMapping mapping : unknown) {
            // When they are checked, or recorded
            String problem = RecordContent.problemIn(mapping);

            // Then both refuse them
            assertNotNull(problem, mapping.toString());
            InMemoryAuditTrail trail = new InMemoryAuditTrail(AuditFixtures.KEY);
            assertThrows(IllegalArgumentException.class, () -> trail.record(fixed().withInputMapping(mapping)));
            assertTrue(trail.lines().isEmpty());
        }
        assertNull(RecordContent.problemIn(MAPPING));
        assertNull(RecordContent.problemIn(new InputMapping(InputMapping.FHIR_R4, 0, List.of(),
                List.of("AGE_YEARS", "SPINAL_STENOSIS"))));
    }

    @Test
    @DisplayName("a summary cannot carry input text: URIs, clinical codes and display texts are refused")
    void summaryHoldsCodesOnly() {
        for (String text : List.of("http://snomed.info/sct", "279039007", "M54.5", "Low back pain", "")) {
            assertThrows(IllegalArgumentException.class,
                    () -> new InputMapping(InputMapping.FHIR_R4, 0, List.of(text), List.of()), text);
            assertThrows(IllegalArgumentException.class,
                    () -> new InputMapping(InputMapping.FHIR_R4, 0, List.of(), List.of(text)), text);
        }
        assertThrows(IllegalArgumentException.class,
                () -> new InputMapping(InputMapping.FHIR_R4, -1, List.of(), List.of()));
    }

    @Test
    @DisplayName("gaps are written after the conflicts, read back equal, inside the hash; unknown gap codes refused")
    void gapsAreRecordedInsideTheHash() {
        // Given a summary with two gaps
        InputMapping gapped = new InputMapping(InputMapping.FHIR_R4, 0, List.of(), List.of(),
                List.of("PAGE_NOT_FOLLOWED/Observation", "UNREADABLE_LINE/*"));
        InMemoryAuditTrail trail = new InMemoryAuditTrail(AuditFixtures.KEY);

        // When it is recorded
        trail.record(fixed().withInputMapping(gapped));

        // Then the line holds them, they read back equal, the chain verifies, and altering one breaks it
        String line = trail.lines().get(0);
        assertTrue(line.contains("\"conflicts\":[],\"gaps\":[\"PAGE_NOT_FOLLOWED/Observation\","
                + "\"UNREADABLE_LINE/*\"]}"), line);
        assertEquals(gapped, trail.records().get(0).inputMapping());
        assertTrue(AuditVerifier.verify(trail.lines()).ok());
        assertFalse(AuditVerifier.verify(List.of(line.replace("UNREADABLE_LINE/*", "UNREADABLE_LINE/Patient")))
                .ok());
        for (String code : List.of("NOT_A_GAP/*", "PAGE_NOT_FOLLOWED/Encounter")) {
            assertNotNull(RecordContent.problemIn(new InputMapping(InputMapping.FHIR_R4, 0, List.of(), List.of(),
                    List.of(code))), code);
        }
        for (String text : List.of("PAGE_NOT_FOLLOWED", "PAGE_NOT_FOLLOWED/Observation?patient=1", "line 7/*")) {
            assertThrows(IllegalArgumentException.class, () -> new InputMapping(InputMapping.FHIR_R4, 0, List.of(),
                    List.of(), List.of(text)), text);
        }
    }

    private static String unsealed(String line) {
        return line.substring(0, line.indexOf(",\"hash\":"));
    }
}
