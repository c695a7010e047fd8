package org.spinecare.advisor.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecare.advisor.audit.AuditVerifier.Verification;

/** Every kind of change to a written audit file is found, and pinned to the record where it happened. */
class AuditTamperTest {
    private static final int RECORDS = 12;
    private static byte[] original;
    private static List<String> lines;

    @BeforeAll
    static void writeAGenuineFile(@TempDir Path directory) throws IOException {
        Path file = AuditFixtures.writeTrail(directory.resolve("audit.jsonl"), RECORDS);
        original = Files.readAllBytes(file);
        lines = Files.readAllLines(file);
        assertEquals("OK, " + RECORDS + " records", AuditVerifier.verify(file).message());
    }

    @Test
    void changing_any_byte_of_a_small_trail_is_detected_at_the_record_that_holds_it() {
        // Given every position of the first three records (a trail of its own: a chain from the genesis value)
        TreeSet<Integer> positions = new TreeSet<>();
        for (int i = 0; i < startOf(3); i++) {
            positions.add(i);
        }
        byte[] small = java.util.Arrays.copyOf(original, startOf(3));
        int changes = 0;
        for (int position : positions) {
            for (int replacement : new int[] {(original[position] + 1) & 0xff, '\n', ' ', '0'}) {
                if (replacement == (original[position] & 0xff)) {
                    continue;
                }
                // When one byte is changed
                byte[] changed = small.clone();
                changed[position] = (byte) replacement;
                // Then the verifier rejects the file at the record holding that byte
                Verification v = verify(changed);
                assertFalse(v.ok(), "byte " + position + " changed to " + replacement + " went unnoticed");
                assertEquals(lineOf(position), v.badRecord(), "byte " + position + ": " + v.message());
                changes++;
            }
        }
        System.out.println("AuditTamperTest: " + changes + " single-byte changes at " + positions.size()
                + " positions of a " + original.length + "-byte file, all detected");
    }

    @Test
    void inserting_whitespace_that_parses_to_the_same_record_is_detected() {
        for (int record : new int[] {0, 6, RECORDS - 1}) {
            int at = startOf(record) + lines.get(record).indexOf(",") + 1;
            ByteArrayOutputStream changed = new ByteArrayOutputStream();
            changed.write(original, 0, at);
            changed.write(' ');
            changed.write(original, at, original.length - at);
            Verification v = verify(changed.toByteArray());
            assertEquals(record + 1, v.badRecord(), v.message());
            assertTrue(v.problem().contains("canonical"), v.message());
        }
    }

    @Test
    void deleting_any_record_but_the_last_is_detected_at_its_place() {
        for (int deleted = 0; deleted < RECORDS - 1; deleted++) {
            List<String> changed = new ArrayList<>(lines);
            changed.remove(deleted);
            Verification v = verify(changed);
            assertEquals(deleted + 1, v.badRecord(), "deleting line " + (deleted + 1) + ": " + v.message());
            assertTrue(v.problem().contains("sequence number"), v.message());
        }
    }

    @Test
    void swapping_two_records_is_detected_at_the_first_of_them() {
        for (int first = 0; first < RECORDS; first += 3) {
            for (int second = first + 1; second < RECORDS; second += 4) {
                List<String> changed = new ArrayList<>(lines);
                changed.set(first, lines.get(second));
                changed.set(second, lines.get(first));
                assertEquals(first + 1, verify(changed).badRecord(), "swapping " + first + " and " + second);
            }
        }
    }

    @Test
    void replaying_a_record_is_detected() {
        List<String> changed = new ArrayList<>(lines);
        changed.add(5, lines.get(4));
        assertEquals(6, verify(changed).badRecord());
    }

    @Test
    void an_appended_record_that_is_sealed_but_not_chained_is_detected() {
        // Given a forged record with the right number and its own valid hash, but not linked to the last record
        for (String forgedPrev : new String[] {Digests.GENESIS, "f".repeat(64), hashOf(RECORDS - 2)}) {
            AuditRecord forged = AuditRecord.chained(AuditFixtures.entry("forged", 99), RECORDS + 1, forgedPrev,
                    AuditFixtures.KEY);
            List<String> changed = new ArrayList<>(lines);
            changed.add(sealed(forged));
            // Then the chain breaks exactly there
            Verification v = verify(changed);
            assertEquals(RECORDS + 1, v.badRecord(), v.message());
            assertTrue(v.problem().contains("does not chain to record " + RECORDS), v.message());
        }
    }

    @Test
    void a_rewritten_and_resealed_record_breaks_the_link_to_the_next_one() {
        // Given record 5 replaced by a different one that is internally consistent (number, prevHash, own hash)
        AuditRecord rewritten = AuditRecord.chained(AuditFixtures.entry("someone-else", 7), 5, hashOf(3),
                AuditFixtures.KEY);
        List<String> changed = new ArrayList<>(lines);
        changed.set(4, sealed(rewritten));
        // Then record 5 passes on its own but record 6 no longer chains to it
        Verification v = verify(changed);
        assertEquals(6, v.badRecord(), v.message());
    }

    @Test
    void an_unchanged_file_verifies() {
        Verification v = verify(original);
        assertTrue(v.ok());
        assertEquals(RECORDS, v.records());
        assertEquals(hashOf(RECORDS - 1), v.lastHash());
    }

    private static String hashOf(int index) {
        return AuditCodec.parse(RecordMac.strip(lines.get(index).getBytes(StandardCharsets.UTF_8))).hash();
    }

    /** The line the trail would write for a record: sealed with the key, as only its holder can. */
    private static String sealed(AuditRecord record) {
        return new String(RecordMac.seal(AuditCodec.line(record), record.hash(), AuditFixtures.KEY),
                StandardCharsets.UTF_8);
    }

    private static int startOf(int index) {
        int start = 0;
        for (int i = 0; i < index; i++) {
            start += lines.get(i).getBytes(StandardCharsets.UTF_8).length + 1;
        }
        return start;
    }

    /** The 1-based line holding the byte at {@code position}; a line's break belongs to it. */
    private static long lineOf(int position) {
        long line = 1;
        for (int i = 0; i < position; i++) {
            if (original[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static Verification verify(List<String> changedLines) {
        return verify((String.join("\n", changedLines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static Verification verify(byte[] bytes) {
        try {
            return AuditVerifier.scan(new ByteArrayInputStream(bytes), 0,
                    ChainCheck.fromStart(List.of(AuditFixtures.KEY), true), r -> { }).verification();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
