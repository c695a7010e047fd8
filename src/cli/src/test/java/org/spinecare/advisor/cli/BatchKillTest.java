package org.spinecare.advisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecare.advisor.InvalidFactsException;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.advisor.SpineAdvisor;
import org.spinecare.advisor.SpineJson;
import org.spinecare.advisor.audit.CanonicalInput;
import org.spinecare.advisor.batch.PatientGenerator;

/**
 * Issue 16, point 2: a batch killed at random moments never leaves an output line that a reader following
 * docs/contract.md would pin on the wrong patient. The reader's rule: take only lines that end with a line feed;
 * each names its input line ({@code line}) and that line's {@code inputSha256}. A real child JVM is killed with
 * SIGKILL ({@code destroyForcibly}) over a generated list with invalid lines mixed in, so that output and error
 * files are out of step, as they were when a kill made "the k-th output is the k-th line without an error" wrong.
 * The default run kills 10 batches (8 while writing, 2 at a random moment), each a JVM that loads the rules;
 * {@code -Dspine.exhaustive=true} kills 20, as the default did before issue 24.
 */
class BatchKillTest {
    private static final int KILLS = Boolean.getBoolean("spine.exhaustive") ? 20 : 10;
    private static final int PATIENTS = 6_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void every_surviving_output_line_names_its_own_input_line_after_random_kills() throws Exception {
        // Given a patient list with an invalid line about every 40 lines
        SplittableRandom random = new SplittableRandom(20261124);
        PatientGenerator generator = new PatientGenerator(16);
        List<String> input = new ArrayList<>();
        for (int i = 0; i < PATIENTS; i++) {
            input.add(random.nextInt(40) == 0 ? "{\"ageYears\":" + (200 + i) + "}" : generator.nextJson());
        }
        Path in = Files.write(dir.resolve("in.jsonl"), input, StandardCharsets.UTF_8);
        Expected expected = new Expected(input);
        // And a complete run as the control: it answers every valid line
        Path controlOut = dir.resolve("control.jsonl");
        Process control = start(List.of(), in, controlOut, dir.resolve("control.err"));
        assertTrue(control.waitFor(120, TimeUnit.SECONDS));
        assertEquals(2, control.exitValue(), "a complete run with invalid lines exits 2");
        assertEquals(PATIENTS - expected.invalidCount(), check(controlOut, expected, false).complete,
                "the complete run answers every valid line");

        // When batches are killed, two at a time (a child spends most of its life loading the rules, on one core)
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Killed>> kills = new ArrayList<>();
        for (int kill = 0; kill < KILLS; kill++) {
            int number = kill;
            kills.add(pool.submit(() -> killOnce(number, in, expected)));
        }
        int cutLines = 0;
        int killedWhileWriting = 0;
        long survivingLines = 0;
        try {
            for (Future<Killed> kill : kills) {
                Killed killed = kill.get(120, TimeUnit.SECONDS);
                survivingLines += killed.checked.complete;
                cutLines += killed.checked.cutLast ? 1 : 0;
                killedWhileWriting += killed.whileWriting ? 1 : 0;
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("BatchKillTest: %d kills, %d while writing output, %d left a cut last line (ignored), "
                + "%d complete lines checked%n", KILLS, killedWhileWriting, cutLines, survivingLines);
        assertTrue(killedWhileWriting >= KILLS / 2, "most kills must land while the output is written: "
                + killedWhileWriting);
    }

    private record Killed(Checked checked, boolean whileWriting) {
    }

    /** Starts a batch, kills it (mostly while it writes, every fifth time at a random moment), checks what is left. */
    private Killed killOnce(int kill, Path in, Expected expected) throws Exception {
        SplittableRandom random = new SplittableRandom(1_000 + kill);
        Path out = dir.resolve("out-" + kill + ".jsonl");
        Path errors = dir.resolve("errors-" + kill + ".txt");
        Process child = start(List.of(), in, out, errors);
        boolean wasRunning = false;
        try {
            if (kill % 5 == 4) {
                Thread.sleep(random.nextInt(50, 2000));
            } else {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (child.isAlive() && size(out) == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(2);
                }
                Thread.sleep(random.nextInt(0, 250));
            }
            wasRunning = child.isAlive();
        } finally {
            child.destroyForcibly();
        }
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        // Then every complete line pins the right input line, and at most the last line is cut
        Checked checked = check(out, expected, true);
        checkErrors(errors, expected);
        return new Killed(checked, wasRunning && checked.complete > 0);
    }

    private Process start(List<String> jvmOptions, Path in, Path out, Path errors) throws IOException {
        List<String> command = new ArrayList<>(ChildCli.command("assess", "--jsonl", in.toString(), "--out",
                out.toString(), "--errors", errors.toString(), "--threads", "2"));
        command.addAll(1, jvmOptions);
        return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private record Checked(int complete, boolean cutLast) {
    }

    /** Reads an output file as docs/contract.md tells a reader to, and checks every line it would trust. */
    private static Checked check(Path out, Expected expected, boolean mayBeCut) throws IOException {
        if (!Files.exists(out)) {
            return new Checked(0, false);
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        boolean cut = end < text.length() - 1;
        assertTrue(mayBeCut || !cut, "a finished run ends with a whole line");
        String trusted = text.substring(0, end + 1);
        long previous = 0;
        int complete = 0;
        for (String line : trusted.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            JsonNode node = JSON.readTree(line);
            long number = node.get("line").asLong();
            assertTrue(number > previous && number <= expected.size(), "lines in input order: " + number);
            previous = number;
            assertEquals(expected.hash(number), node.get("inputSha256").asText(),
                    "line " + number + " is pinned on another patient's facts");
            assertEquals(expected.assessment(number), JSON.writeValueAsString(node.get("assessment")),
                    "line " + number + " carries another patient's assessment");
            complete++;
        }
        return new Checked(complete, cut);
    }

    /** Complete error lines name an input line that was invalid. */
    private static void checkErrors(Path errors, Expected expected) throws IOException {
        if (!Files.exists(errors)) {
            return;
        }
        String text = Files.readString(errors, StandardCharsets.UTF_8);
        String trusted = text.substring(0, text.lastIndexOf('\n') + 1);
        for (String line : trusted.lines().toList()) {
            assertTrue(line.startsWith("line "), line);
            long number = Long.parseLong(line.substring(5, line.indexOf(':')));
            assertTrue(expected.invalid(number), "an error for a valid line: " + line);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException notYet) {
            return 0;
        }
    }

    /** What each input line should give, computed in this JVM only for lines that need checking. */
    private static final class Expected {
        private final SpineAdvisor advisor = SpineAdvisor.create();
        private final List<String> input;
        private final Map<Long, String[]> answers = new ConcurrentHashMap<>();

        Expected(List<String> input) {
            this.input = input;
        }

        int size() {
            return input.size();
        }

        boolean invalid(long number) {
            try {
                SpineJson.readFacts(input.get((int) number - 1));
                return false;
            } catch (InvalidFactsException e) {
                return true;
            }
        }

        long invalidCount() {
            long count = 0;
            for (long n = 1; n <= input.size(); n++) {
                count += invalid(n) ? 1 : 0;
            }
            return count;
        }

        String hash(long number) {
            return answer(number)[0];
        }

        String assessment(long number) throws IOException {
            return JSON.writeValueAsString(JSON.readTree(answer(number)[1]));
        }

        private String[] answer(long number) {
            return answers.computeIfAbsent(number, n -> {
                PatientFacts facts = SpineJson.readFacts(input.get((int) (long) n - 1));
                return new String[] {CanonicalInput.sha256(facts), SpineJson.writeAssessment(advisor.assess(facts))};
            });
        }
    }
}
