package org.spinecare.advisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecare.advisor.Releases;
import org.spinecare.advisor.batch.PatientGenerator;

class ImpactCommandTest {

    private static Path patients(Path dir, int count) throws IOException {
        PatientGenerator generator = new PatientGenerator(3);
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < count; i++) {
            jsonl.append(generator.nextJson()).append('\n');
        }
        return Files.writeString(dir.resolve("patients.jsonl"), jsonl);
    }

    @Test
    @DisplayName("impact from 1.0.0 to the current release writes all three reports and exits 3 when an answer became less safe")
    void lessSafeAnswersGateThePipeline(@TempDir Path dir) throws IOException {
        // Given 400 generated patients and the two releases' kjars
        Path input = patients(dir, 400);

        // When the impact of 1.0.0 to the current release is run
        CliRun run = CliRun.of("impact", "--from", Releases.v1().toString(), "--to", Releases.current().toString(),
                input.toString(), "--out", dir.resolve("diffs.jsonl").toString(), "--markdown",
                dir.resolve("impact.md").toString(), "--html", dir.resolve("impact.html").toString());

        // Then the exit status follows the less-safe count the summary line reports
        String summary = run.err().strip();
        assertTrue(summary.startsWith("spine: 400 patients: "), summary);
        boolean lessSafe = !summary.contains(" 0 less safe");
        assertEquals(lessSafe ? ImpactCommand.LESS_SAFE : SpineCli.OK, run.exit(), summary);
        assertTrue(Files.readString(dir.resolve("impact.md")).contains("## Triage transitions"));
        assertTrue(Files.readString(dir.resolve("impact.html")).contains("<svg"));
        assertTrue(Files.size(dir.resolve("diffs.jsonl")) > 0);
    }

    @Test
    @DisplayName("impact of a release on itself changes nothing and exits 0")
    void sameReleaseChangesNothing(@TempDir Path dir) throws IOException {
        Path input = patients(dir, 100);
        String jar = Releases.current().toString();
        CliRun run = CliRun.of("impact", "--from", jar, "--to", jar, input.toString());
        assertEquals(SpineCli.OK, run.exit(), run.err());
        assertEquals("", run.out());
        assertTrue(run.err().contains("100 patients: 0 changed, 0 less safe, 0 failed, 0 invalid"), run.err());
    }

    @Test
    @DisplayName("a release that fails its self-check is refused in one line, exit 2")
    void refusedRelease(@TempDir Path dir) throws IOException {
        Path notAJar = Files.writeString(dir.resolve("old.jar"), "not a jar");
        CliRun run = CliRun.of("impact", "--from", notAJar.toString(), "--to", Releases.current().toString(),
                patients(dir, 1).toString());
        assertEquals(SpineCli.INVALID_INPUT, run.exit());
        assertTrue(run.err().startsWith("spine: release refused: "), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    @DisplayName("assess --release answers with that release, and refuses in one line a finding it does not model")
    void assessWithAnOlderRelease(@TempDir Path dir) throws IOException {
        // Given the 1.0.0 kjar, a request 1.0.0 models and one with a red flag added in 2.0.0
        String v1 = Releases.v1().toString();
        Path modelled = Files.writeString(dir.resolve("a.json"),
                "{\"ageYears\":40,\"findings\":{\"SADDLE_SENSATION_LOSS\":\"PRESENT\"}}");
        Path newer = Files.writeString(dir.resolve("b.json"), "{\"findings\":{\"HISTORY_OF_CANCER\":\"PRESENT\"}}");

        // When both are assessed with --release
        CliRun answered = CliRun.of("assess", "--compact", "--release", v1, modelled.toString());
        CliRun refused = CliRun.of("assess", "--release", v1, newer.toString());

        // Then the first answer names 1.0.0, and the second is refused naming the field
        assertEquals(SpineCli.OK, answered.exit(), answered.err());
        assertTrue(answered.out().contains("\"releaseId\":\"org.spinecare:spine-kjar:1.0.0\""), answered.out());
        assertTrue(answered.out().contains("\"triage\":\"EMERGENCY\""), answered.out());
        assertEquals(SpineCli.INVALID_INPUT, refused.exit());
        assertEquals("spine: invalid input: $.findings.HISTORY_OF_CANCER: is not modelled by knowledge base "
                + "org.spinecare:spine-kjar:1.0.0 [UNKNOWN_CODE]", refused.err().strip());
    }
}
