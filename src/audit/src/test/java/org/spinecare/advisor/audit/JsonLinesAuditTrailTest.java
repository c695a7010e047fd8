package org.spinecare.advisor.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecare.advisor.audit.AuditVerifier.Verification;

class JsonLinesAuditTrailTest {
    @TempDir
    Path directory;

    @Test
    void reopening_a_file_continues_its_chain() throws IOException {
        // Given a file with three records
        Path file = AuditFixtures.writeTrail(directory.resolve("a.jsonl"), 3);
        // When it is opened again and two more are appended
        try (JsonLinesAuditTrail trail = JsonLinesAuditTrail.open(file, AuditFixtures.KEY)) {
            assertEquals(3, trail.size());
            assertEquals(AuditFixtures.KEY.id(), trail.lastKeyId());
            trail.record(AuditFixtures.entry("p", 3));
            trail.record(AuditFixtures.entry(null, 4));
        }
        // Then the five records form one chain, numbered by line
        List<AuditRecord> records = new ArrayList<>();
        Verification v = AuditVerifier.verify(file, records::add);
        assertEquals("OK, 5 records", v.message());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), records.stream().map(AuditRecord::seq).toList());
        assertEquals(Digests.GENESIS, records.get(0).prevHash());
        assertEquals(records.get(2).hash(), records.get(3).prevHash());
        assertNull(records.get(4).patientPseudonym());
        assertEquals(AuditFixtures.KEY.pseudonym("p"), records.get(3).patientPseudonym());
    }

    @Test
    void a_torn_final_line_is_removed_on_opening_and_reported() throws IOException {
        for (byte[] tail : List.of(halfARecord(), new byte[300], "{\"format\":1,\"se".getBytes(StandardCharsets.UTF_8))) {
            // Given three good records followed by the start of a fourth, cut by a crash
            Path file = AuditFixtures.writeTrail(directory.resolve("torn-" + tail.length + ".jsonl"), 3);
            long goodSize = Files.size(file);
            Files.write(file, tail, StandardOpenOption.APPEND);
            // Then a read-only check reports it as the fourth record, and leaves the file alone
            Verification before = AuditVerifier.verify(file);
            assertEquals(4, before.badRecord());
            assertTrue(before.problem().startsWith("torn final line"), before.message());
            assertEquals(goodSize + tail.length, Files.size(file));
            // When the file is opened for appending
            List<String> warnings = new ArrayList<>();
            try (JsonLinesAuditTrail trail = JsonLinesAuditTrail.open(file, AuditFixtures.KEY, warnings::add)) {
                // Then the torn line is gone, the opener was told, and the chain goes on
                assertEquals(1, warnings.size());
                assertTrue(warnings.get(0).contains("torn final line of " + tail.length + " bytes after record 3"),
                        warnings.get(0));
                assertEquals(goodSize, Files.size(file));
                trail.record(AuditFixtures.entry("p", 9));
            }
            assertEquals("OK, 4 records", AuditVerifier.verify(file).message());
        }
    }

    @Test
    void any_other_damage_stops_the_opening_and_leaves_the_file_as_it_was() throws IOException {
        // Given a file whose second record was altered, and one whose complete last line is not a record
        Path altered = AuditFixtures.writeTrail(directory.resolve("altered.jsonl"), 3);
        List<String> lines = Files.readAllLines(altered);
        lines.set(1, lines.get(1).replace("ROUTINE", "URGENT_"));
        Files.write(altered, lines);
        Path badLast = AuditFixtures.writeTrail(directory.resolve("bad-last.jsonl"), 3);
        Files.write(badLast, "not a record\n".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        for (Path file : List.of(altered, badLast)) {
            byte[] before = Files.readAllBytes(file);
            // When it is opened for appending
            AuditException e = assertThrows(AuditException.class,
                    () -> JsonLinesAuditTrail.open(file, AuditFixtures.KEY));
            // Then it is refused with the record's number, and nothing was repaired
            assertTrue(e.getMessage().contains("damaged at record " + (file == altered ? 2 : 4)), e.getMessage());
            assertArrayEquals(before, Files.readAllBytes(file));
        }
    }

    @Test
    void a_new_file_is_readable_by_its_owner_only() throws IOException {
        Path file = AuditFixtures.writeTrail(directory.resolve("private.jsonl"), 1);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void a_file_is_open_once_per_process_and_a_closed_trail_refuses_records() {
        Path file = directory.resolve("once.jsonl");
        JsonLinesAuditTrail trail = JsonLinesAuditTrail.open(file, AuditFixtures.KEY);
        AuditException twice = assertThrows(AuditException.class,
                () -> JsonLinesAuditTrail.open(directory.resolve(".").resolve("once.jsonl"), AuditFixtures.KEY));
        assertTrue(twice.getMessage().contains("already open"));
        trail.close();
        assertThrows(AuditException.class, () -> trail.record(AuditFixtures.entry("p", 1)));
        try (JsonLinesAuditTrail again = JsonLinesAuditTrail.open(file, AuditFixtures.KEY)) {
            again.record(AuditFixtures.entry("p", 1));
        }
        assertTrue(AuditVerifier.verify(file).ok());
    }

    @Test
    void records_appended_by_another_trail_on_the_same_file_are_chained_onto() throws IOException {
        // Given a trail that is open while another writer (another process, in production) appends
        Path file = directory.resolve("shared.jsonl");
        Path copy = directory.resolve("copy.jsonl");
        try (JsonLinesAuditTrail trail = JsonLinesAuditTrail.open(file, AuditFixtures.KEY)) {
            trail.record(AuditFixtures.entry("p", 1));
            // The other writer: records 2 and 3 written to a copy, then placed into the shared file under its nose
            Files.copy(file, copy);
            try (JsonLinesAuditTrail other = JsonLinesAuditTrail.open(copy, AuditFixtures.KEY)) {
                other.record(AuditFixtures.entry("q", 2));
                other.record(AuditFixtures.entry("r", 3));
            }
            Files.write(file, Files.readAllBytes(copy), StandardOpenOption.TRUNCATE_EXISTING);
            // When the first trail appends
            trail.record(AuditFixtures.entry("s", 4));
        }
        // Then its record is number 4 and chains onto the other writer's
        assertEquals("OK, 4 records", AuditVerifier.verify(file).message());
    }

    @Test
    void verifying_a_missing_file_is_an_error_and_an_empty_file_has_no_records() throws IOException {
        assertThrows(AuditException.class, () -> AuditVerifier.verify(directory.resolve("missing.jsonl")));
        Path empty = Files.createFile(directory.resolve("empty.jsonl"));
        assertEquals("OK, 0 records", AuditVerifier.verify(empty).message());
        assertFalse(AuditVerifier.verify(List.of("")).ok());
    }

    private static byte[] halfARecord() {
        AuditRecord record = AuditRecord.chained(AuditFixtures.entry("p", 5), 4, Digests.GENESIS, AuditFixtures.KEY);
        byte[] line = AuditCodec.line(record);
        return java.util.Arrays.copyOf(line, line.length / 2);
    }
}
