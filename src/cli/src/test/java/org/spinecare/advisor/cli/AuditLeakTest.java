package org.spinecare.advisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecare.advisor.AssessmentException;
import org.spinecare.advisor.InvalidFactsException;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.advisor.SpineAdvisor;
import org.spinecare.advisor.SpineJson;
import org.spinecare.advisor.audit.AuditException;
import org.spinecare.advisor.audit.AuditKey;
import org.spinecare.advisor.audit.JsonLinesAuditTrail;

/** A planted, distinctive patient reference must not appear in any file, output or error message. */
class AuditLeakTest {
    private static final String PLANTED = "ZQX-PLANTED-MRN-731904";
    private static final String FACTS = """
            {"patientRef": "%s", "ageYears": 47, "painScore": 8,
             "findings": {"SADDLE_SENSATION_LOSS": "PRESENT", "FEVER": "ABSENT", "SCIATICA": "PRESENT"},
             "cracking": {"frequency": "DAILY", "forceful": true}}""".formatted(PLANTED);

    @TempDir
    Path dir;

    @Test
    void the_patient_reference_is_in_no_audit_file_key_file_or_command_output() throws IOException {
        // Given facts carrying the planted reference
        Path facts = Files.writeString(dir.resolve("facts.json"), FACTS);
        Path audit = dir.resolve("audit.jsonl");
        List<CliRun> runs = new ArrayList<>();
        // When they are assessed and audited, the audit read back, and then the file damaged and used again
        runs.add(CliRun.of("assess", "--audit", audit.toString(), facts.toString()));
        runs.add(CliRun.of("assess", "--compact", "--audit", audit.toString(), facts.toString()));
        runs.add(CliRun.of("audit", "verify", audit.toString()));
        runs.add(CliRun.of("audit", "show", audit.toString()));
        assertEquals(List.of(0, 0, 0, 0), runs.stream().map(CliRun::exit).toList(), runs.toString());
        List<String> lines = Files.readAllLines(audit);
        assertTrue(lines.get(0).matches(".*\"patientPseudonym\":\"[0-9a-f]{64}\".*"), "the reference was used");
        Files.write(audit, List.of(lines.get(1), lines.get(0)));
        runs.add(CliRun.of("audit", "verify", audit.toString()));
        runs.add(CliRun.of("audit", "show", audit.toString()));
        runs.add(CliRun.of("assess", "--audit", audit.toString(), facts.toString()));
        assertEquals(List.of(1, 1, 1), runs.subList(4, 7).stream().map(CliRun::exit).toList());
        // And with input the parser rejects while the reference is in it
        Path invalid = Files.writeString(dir.resolve("invalid.json"), FACTS.replace("\"painScore\": 8",
                "\"painScore\": 80"));
        Path unknownField = Files.writeString(dir.resolve("unknown.json"), FACTS.replace("\"ageYears\"",
                "\"ref2\": \"" + PLANTED + "\", \"ageYears\""));
        Path tooLong = Files.writeString(dir.resolve("long.json"), FACTS.replace(PLANTED, PLANTED.repeat(20)));
        for (Path bad : List.of(invalid, unknownField, tooLong)) {
            runs.add(CliRun.of("assess", "--audit", audit.toString(), bad.toString()));
        }
        // Then nothing printed, and no file written, holds the reference
        for (CliRun run : runs) {
            assertNoLeak(run.out(), "stdout");
            assertNoLeak(run.err(), "stderr");
        }
        assertNoLeak(Files.readString(audit), "audit file");
        assertNoLeak(Files.readString(dir.resolve("audit.jsonl.key")), "key file");
    }

    @Test
    void the_patient_reference_is_in_no_exception_message_of_the_library() throws IOException {
        PatientFacts facts = SpineJson.readFacts(FACTS);
        // A trail that fails after being closed
        JsonLinesAuditTrail closed = JsonLinesAuditTrail.open(dir.resolve("closed.jsonl"), AuditKey.generate());
        closed.close();
        SpineAdvisor advisor = SpineAdvisor.builder().auditTrail(closed).build();
        AssessmentException refused = assertThrows(AssessmentException.class, () -> advisor.assess(facts));
        assertNoLeakInChain(refused);
        // A damaged file
        Path damaged = Files.writeString(dir.resolve("damaged.jsonl"), "{}\n");
        assertNoLeakInChain(assertThrows(AuditException.class,
                () -> JsonLinesAuditTrail.open(damaged, AuditKey.generate())));
        // Invalid facts around the reference
        assertNoLeakInChain(assertThrows(InvalidFactsException.class,
                () -> SpineJson.readFacts(FACTS.replace(PLANTED, PLANTED.repeat(20)))));
        assertNoLeakInChain(assertThrows(InvalidFactsException.class,
                () -> SpineJson.readFacts(FACTS.replace("\"ageYears\": 47", "\"ageYears\": -1"))));
    }

    private static void assertNoLeakInChain(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertNoLeak(String.valueOf(t.getMessage()), t.getClass().getSimpleName());
            assertNoLeak(t.toString(), t.getClass().getSimpleName());
        }
    }

    private static void assertNoLeak(String text, String where) {
        String hex = HexFormat.of().formatHex(PLANTED.getBytes(StandardCharsets.UTF_8));
        assertFalse(text.contains(PLANTED) || text.contains("PLANTED-MRN") || text.toLowerCase().contains(hex),
                "the patient reference leaked into " + where + ": " + text);
    }
}
