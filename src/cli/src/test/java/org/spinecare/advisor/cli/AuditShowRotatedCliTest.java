package org.spinecare.advisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code audit show} over a rotated trail: checked whole first, then every record under its segment's name. */
class AuditShowRotatedCliTest {
    private static final String EXAMPLE = "scenarios/examples/cauda-equina.json";

    @TempDir
    Path dir;

    /** Three assessments by {@code assess --audit --audit-rotate-bytes 1}: one segment each; their request ids. */
    private List<String> rotatedTrail() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            CliRun run = CliRun.of("assess", "--audit", dir.resolve("trail.jsonl").toString(),
                    "--audit-rotate-bytes", "1", EXAMPLE);
            assertEquals(0, run.exit(), run.err());
            ids.add(run.err().replaceAll("(?s).*audit record of request (\\S+) appended.*", "$1"));
        }
        assertTrue(Files.exists(dir.resolve("trail-000002.jsonl")));
        return ids;
    }

    @Test
    void given_a_rotated_trail_when_its_folder_or_first_file_is_shown_then_every_record_is_under_its_segment() {
        List<String> ids = rotatedTrail();
        // When the folder is shown, and the first file
        CliRun folder = CliRun.of("audit", "show", dir.toString());
        CliRun file = CliRun.of("audit", "show", dir.resolve("trail.jsonl").toString());
        // Then each record follows a header line naming its segment, in trail order
        assertEquals(0, folder.exit(), folder.err());
        assertEquals(folder.out(), file.out());
        String out = folder.out();
        int at = -1;
        for (int i = 0; i < 3; i++) {
            String segment = i == 0 ? "trail.jsonl" : "trail-00000" + i + ".jsonl";
            int header = out.indexOf("== " + segment + "\n");
            int record = out.indexOf("record " + (i + 1) + "  ");
            assertTrue(at < header && header < record && out.indexOf(ids.get(i)) > record, out);
            at = record;
        }
    }

    @Test
    void given_a_rotated_trail_when_a_request_of_a_later_segment_is_asked_for_then_only_it_is_shown() {
        List<String> ids = rotatedTrail();
        // When the third request is asked for
        CliRun one = CliRun.of("audit", "show", dir.resolve("trail.jsonl").toString(), "--request", ids.get(2));
        // Then it is shown under the third segment's name, and nothing else
        assertEquals(0, one.exit(), one.err());
        assertTrue(one.out().startsWith("== trail-000002.jsonl\n\nrecord 3  "), one.out());
        assertTrue(one.out().contains(ids.get(2)), one.out());
        assertFalse(one.out().contains("record 1 ") || one.out().contains("record 2 "), one.out());
    }

    @Test
    void given_an_archived_first_segment_when_shown_then_it_needs_from_segment_and_shows_the_rest() throws IOException {
        rotatedTrail();
        // Given the first segment and its head archived elsewhere
        Files.delete(dir.resolve("trail.jsonl"));
        Files.delete(dir.resolve("trail.jsonl.head"));
        // When the trail is shown without and with --from-segment 1
        CliRun refused = CliRun.of("audit", "show", dir.toString());
        CliRun from = CliRun.of("audit", "show", "--from-segment", "1", dir.toString());
        // Then the first is refused pointing at the option, and the second shows records 2 and 3 in their segments
        assertEquals(1, refused.exit());
        assertTrue(refused.err().contains("--from-segment 1"), refused.err());
        assertEquals("", refused.out());
        assertEquals(0, from.exit(), from.err());
        assertTrue(from.out().startsWith("== trail-000001.jsonl\n\nrecord 2  "), from.out());
        assertTrue(from.out().contains("== trail-000002.jsonl\n\nrecord 3  "), from.out());
        assertFalse(from.out().contains("record 1  "), from.out());
    }

    @Test
    void given_a_tampered_middle_segment_when_shown_then_it_exits_1_naming_that_file_and_record() throws IOException {
        rotatedTrail();
        // Given the middle segment's record with another triage (not re-sealed)
        Path middle = dir.resolve("trail-000001.jsonl");
        Files.writeString(middle, Files.readString(middle).replace("\"triage\":\"EMERGENCY\"",
                "\"triage\":\"ROUTINE\""));
        // When the trail is shown
        CliRun show = CliRun.of("audit", "show", dir.toString());
        // Then it stops with exit 1 naming the segment and record, having shown only the records before it
        assertEquals(1, show.exit());
        assertTrue(show.err().startsWith("spine: trail-000001.jsonl record 1: "), show.err());
        assertTrue(show.out().contains("record 1  "), show.out());
        assertFalse(show.out().contains("trail-000001.jsonl") || show.out().contains("record 2  "), show.out());
    }
}
