package org.spinecare.advisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./spine assess --handout OUT.html FACTS}, run in-process as the README shows it. */
class HandoutCliTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("Given --handout, the answer is still on stdout and the handout is written owner-only, with the "
            + "recommended techniques' steps and figures and no patient reference")
    void handoutBesideTheAnswer() throws Exception {
        Path out = dir.resolve("handout.html");

        CliRun run = CliRun.of("assess", "--handout", out.toString(), "scenarios/examples/self-care-urge-to-pop.json");

        assertEquals(SpineCli.OK, run.exit(), run.err());
        assertEquals("SELF_CARE", new ObjectMapper().readTree(run.out()).get("triage").textValue());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        String html = Files.readString(out);
        assertTrue(html.contains("<h3>Pelvic tilt</h3>") && html.contains("<svg "), html);
        assertTrue(html.contains("Do 3 to 10 sets"), html);
        assertFalse(html.contains("example-self-care"), "the facts' patientRef is not printed");
    }

    @Test
    @DisplayName("Given --handout-name, the name is printed on the handout")
    void displayName() throws Exception {
        Path out = dir.resolve("named.html");

        CliRun run = CliRun.of("assess", "--handout", out.toString(), "--handout-name", "Ann Lee",
                "scenarios/examples/cauda-equina.json");

        assertEquals(SpineCli.OK, run.exit(), run.err());
        String html = Files.readString(out);
        assertTrue(html.contains("For Ann Lee") && html.contains("First: Emergency care now"), html);
    }

    @Test
    @DisplayName("Given --handout naming the facts file itself, nothing is read or written and the exit is 2")
    void handoutOverTheInputIsRefused() throws Exception {
        Path facts = dir.resolve("facts.json");
        Files.copy(Path.of("scenarios/examples/cauda-equina.json"), facts);

        CliRun run = CliRun.of("assess", "--handout", facts.toString(), facts.toString());

        assertEquals(SpineCli.INVALID_INPUT, run.exit(), run.err());
        assertTrue(run.err().contains("--handout"), run.err());
    }
}
