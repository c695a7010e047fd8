package org.spinecare.advisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --audit-head-copy}: every head also in a second file, which {@code audit verify --head} reads. */
class AuditHeadCopyCliTest {
    private static final String EXAMPLE = "scenarios/examples/cauda-equina.json";

    @TempDir
    Path dir;

    private CliRun assess(Path audit, Path copy) {
        CliRun run = CliRun.of("assess", "--audit", audit.toString(), "--audit-head-copy", copy.toString(), EXAMPLE);
        assertEquals(0, run.exit(), run.err());
        return run;
    }

    @Test
    void given_a_trail_cut_at_its_end_with_an_older_head_beside_it_when_verified_against_the_copy_then_the_cut_shows()
            throws IOException {
        // Given three assessments with a head copy elsewhere, and the head beside the file after the second kept
        Path audit = dir.resolve("audit.jsonl");
        Path copy = Files.createDirectory(dir.resolve("elsewhere")).resolve("heads.log");
        Path olderHead = dir.resolve("older.head");
        assess(audit, copy);
        assess(audit, copy);
        Files.copy(dir.resolve("audit.jsonl.head"), olderHead);
        assess(audit, copy);
        // When the trail is cut after record 2 and its beside-head replaced by the older one
        List<String> lines = Files.readAllLines(audit);
        Files.writeString(audit, lines.get(0) + "\n" + lines.get(1) + "\n");
        Files.copy(olderHead, dir.resolve("audit.jsonl.head"), StandardCopyOption.REPLACE_EXISTING);
        CliRun beside = CliRun.of("audit", "verify", audit.toString());
        CliRun againstCopy = CliRun.of("audit", "verify", audit.toString(), "--head", copy.toString());
        // Then the head beside it is fooled, the copy is not: it names the first missing record
        assertEquals(0, beside.exit(), beside.out());
        assertEquals(1, againstCopy.exit(), againstCopy.out() + againstCopy.err());
        assertTrue(againstCopy.out().startsWith("record 3: missing: the file ends after record 2 but its signed "
                + "head of "), againstCopy.out());
        assertTrue(againstCopy.out().contains("covers 3 records"), againstCopy.out());
        // And the copy holds one head line per commit, owner-only
        assertEquals(3, Files.readAllLines(copy).size());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)));
    }

    @Test
    void given_a_rotated_trail_whose_newest_segment_was_deleted_when_verified_against_the_copy_then_the_cut_shows()
            throws IOException {
        // Given three assessments, one segment each, with a head copy
        Path audit = dir.resolve("trail.jsonl");
        Path copy = dir.resolve("heads.log");
        for (int i = 0; i < 3; i++) {
            CliRun run = CliRun.of("assess", "--audit", audit.toString(), "--audit-rotate-bytes", "1",
                    "--audit-head-copy", copy.toString(), EXAMPLE);
            assertEquals(0, run.exit(), run.err());
        }
        // When the newest segment and its head are deleted
        Files.delete(dir.resolve("trail-000002.jsonl"));
        Files.delete(dir.resolve("trail-000002.jsonl.head"));
        CliRun segments = CliRun.of("audit", "verify", dir.toString());
        CliRun againstCopy = CliRun.of("audit", "verify", dir.toString(), "--head", copy.toString());
        CliRun shown = CliRun.of("audit", "show", dir.toString(), "--head", copy.toString());
        // Then the segments alone look whole, but against the copy the missing record is named
        assertEquals(0, segments.exit(), segments.out());
        assertEquals(1, againstCopy.exit(), againstCopy.out() + againstCopy.err());
        assertTrue(againstCopy.out().startsWith("trail-000001.jsonl record 2: missing: the trail ends after record 2 "
                + "but the signed head of "), againstCopy.out());
        assertEquals(1, shown.exit());
        assertTrue(shown.err().startsWith("spine: trail-000001.jsonl record 2: missing: "), shown.err());
    }

    @Test
    void given_an_intact_trail_when_verified_against_its_head_copy_then_it_is_ok_under_the_newest_head() {
        Path audit = dir.resolve("audit.jsonl");
        Path copy = dir.resolve("heads.log");
        assess(audit, copy);
        assess(audit, copy);
        CliRun verify = CliRun.of("audit", "verify", audit.toString(), "--head", copy.toString());
        assertEquals(0, verify.exit(), verify.out() + verify.err());
        assertTrue(verify.out().startsWith("OK, 2 records, 2 under the signed head of "), verify.out());
    }

    @Test
    void given_a_head_copy_file_others_may_write_when_assessing_then_it_is_refused_and_nothing_is_recorded()
            throws IOException {
        Path audit = dir.resolve("audit.jsonl");
        Path copy = Files.createFile(dir.resolve("heads.log"));
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-rw-rw-"));
        CliRun run = CliRun.of("assess", "--audit", audit.toString(), "--audit-head-copy", copy.toString(), EXAMPLE);
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("the head copy file " + copy + " has permissions rw-rw-rw-"), run.err());
        assertFalse(Files.exists(audit) && Files.size(audit) > 0, "a record was written");
        assertEquals("", run.out());
    }

    @Test
    void given_a_head_copy_without_an_audit_file_when_assessing_then_the_options_are_named() {
        CliRun run = CliRun.of("assess", "--audit-head-copy", dir.resolve("h").toString(), EXAMPLE);
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("--audit-head-copy need --audit FILE"), run.err());
    }

    @Test
    void given_the_audit_file_as_its_own_head_copy_when_assessing_then_it_is_refused_before_anything_is_written() {
        Path audit = dir.resolve("audit.jsonl");
        CliRun run = CliRun.of("assess", "--audit", audit.toString(), "--audit-head-copy", audit.toString(), EXAMPLE);
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("--audit-head-copy"), run.err());
        assertFalse(Files.exists(audit));
    }
}
