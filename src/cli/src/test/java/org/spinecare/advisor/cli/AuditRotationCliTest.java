package org.spinecare.advisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rotation on the command line: {@code assess --audit-rotate-bytes} and {@code audit verify} over the segments. */
class AuditRotationCliTest {
    private static final String EXAMPLE = "scenarios/examples/cauda-equina.json";

    @TempDir
    Path dir;

    private Path rotatedTrail(int records) {
        Path audit = dir.resolve("trail.jsonl");
        for (int i = 0; i < records; i++) {
            CliRun run = CliRun.of("assess", "--audit", audit.toString(), "--audit-rotate-bytes", "1", EXAMPLE);
            assertEquals(0, run.exit(), run.err());
        }
        return audit;
    }

    @Test
    void given_assessments_rotated_by_size_when_the_file_or_its_folder_is_verified_then_the_whole_sequence_is_ok() {
        Path audit = rotatedTrail(3);
        assertTrue(Files.exists(dir.resolve("trail-000002.jsonl")));
        CliRun file = CliRun.of("audit", "verify", audit.toString());
        assertEquals(0, file.exit(), file.out() + file.err());
        assertEquals("OK, 3 records in 3 files", file.out().strip());
        CliRun folder = CliRun.of("audit", "verify", dir.toString());
        assertEquals(0, folder.exit(), folder.out() + folder.err());
        assertEquals(file.out(), folder.out());
    }

    @Test
    void given_a_missing_middle_segment_when_verified_then_the_file_and_record_are_named() throws IOException {
        Path audit = rotatedTrail(3);
        Files.delete(dir.resolve("trail-000001.jsonl"));
        CliRun verify = CliRun.of("audit", "verify", audit.toString());
        assertEquals(1, verify.exit());
        assertTrue(verify.out().startsWith("trail-000002.jsonl record 1: segment trail-000001.jsonl is missing"),
                verify.out());
    }

    @Test
    void given_an_archived_first_segment_when_verified_then_it_fails_unless_from_segment_says_where_it_starts()
            throws IOException {
        Path audit = rotatedTrail(3);
        Files.delete(audit);
        Files.delete(dir.resolve("trail.jsonl.head"));
        CliRun refused = CliRun.of("audit", "verify", audit.toString());
        assertEquals(1, refused.exit());
        assertTrue(refused.err().contains("--from-segment 1"), refused.err());
        CliRun from = CliRun.of("audit", "verify", "--from-segment", "1", audit.toString());
        assertEquals(0, from.exit(), from.out() + from.err());
        assertTrue(from.out().startsWith("OK, 2 records in 2 files; the sequence starts at segment "
                + "trail-000001.jsonl with record 2"), from.out());
    }

    @Test
    void given_a_rotation_size_below_one_when_assessing_then_the_option_is_named() {
        CliRun run = CliRun.of("assess", "--audit", dir.resolve("t.jsonl").toString(), "--audit-rotate-bytes", "0",
                EXAMPLE);
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("--audit-rotate-bytes must be at least 1"), run.err());
    }
}
