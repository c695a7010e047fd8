package org.spinecare.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every hostile or malformed input is rejected with its stable code and JSON path, quickly and in bounded memory. */
class MalformedInputTest {
    /** Generous: the largest accepted document is 64 KiB, and Jackson's buffers are a few KiB. */
    private static final long MAX_ALLOCATED_BYTES = 16L * 1024 * 1024;

    static Stream<MalformedCases.Case> cases() {
        return MalformedCases.all().stream();
    }

    @Test
    void the_committed_corpus_holds_at_least_forty_distinct_malformed_files() {
        List<MalformedCases.Case> files = MalformedCases.files();
        Set<String> names = new HashSet<>();
        files.forEach(c -> assertTrue(names.add(c.name()), "listed twice: " + c.name()));
        assertTrue(files.size() >= 40, "only " + files.size() + " malformed files");
        try (Stream<java.nio.file.Path> listed = java.nio.file.Files.list(MalformedCases.DIRECTORY)) {
            long onDisk = listed.filter(p -> p.toString().endsWith(".json")).count();
            assertEquals(files.size(), onDisk, "every file in malformed/ must have a line in expected.tsv");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void malformed_input_is_rejected_with_its_stable_code_and_path(MalformedCases.Case c) {
        // Given a hostile input; When it is read; Then a typed error names the code and path, fast and cheaply.
        InvalidFactsException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            long before = allocatedBytes();
            InvalidFactsException thrown = assertThrows(InvalidFactsException.class, () -> SpineJson.readFacts(c.json()));
            long allocated = allocatedBytes() - before;
            assertTrue(allocated < MAX_ALLOCATED_BYTES, c.name() + " made the reader allocate " + allocated + " bytes");
            return thrown;
        });
        assertEquals(c.code(), e.code(), c.name() + ": " + e.getMessage());
        assertEquals(c.path(), e.path(), c.name() + ": " + e.getMessage());
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), "one line: " + e.getMessage());
        assertTrue(e.getMessage().chars().noneMatch(ch -> Character.isISOControl(ch)),
                "no control characters may reach the terminal: " + e.getMessage());
        assertTrue(e.getMessage().length() < 2_000, "the message stays short: " + e.getMessage().length());
    }

    @Test
    void the_same_facts_written_validly_are_accepted_so_the_corpus_tests_the_defect_and_not_the_fields() {
        // Given valid versions of what several malformed files try to say; Then they are read without error.
        PatientFacts facts = SpineJson.readFacts("{\"patientRef\": \"p-1\", \"ageYears\": 58, \"painScore\": 4,"
                + " \"findings\": {\"FEVER\": \"ABSENT\", \"LOWER_BACK_PAIN\": \"PRESENT\"},"
                + " \"diagnoses\": [\"SPINAL_STENOSIS\"], \"cracking\": {\"frequency\": \"DAILY\", \"forceful\": true},"
                + " \"tensionOnset\": \"ACUTE\", \"sittingHoursPerDay\": 9}  \n");
        assertEquals(58, facts.ageYears());
        assertEquals(org.spinecare.kb.FindingState.ABSENT, facts.stateOf(org.spinecare.kb.Finding.FEVER));
        assertEquals("p-1", SpineJson.readFacts("{\"patientRef\": \"p-1\"}").patientRef());
        assertEquals("caf\u00e9 \ud83d\ude00", SpineJson.readFacts("{\"patientRef\": \"caf\u00e9 \\ud83d\\ude00\"}")
                .patientRef(), "printable text outside ASCII, surrogate pairs included, stays accepted");
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
