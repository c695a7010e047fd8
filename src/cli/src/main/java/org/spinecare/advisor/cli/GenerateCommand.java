package org.spinecare.advisor.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.spinecare.advisor.batch.PatientGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "generate", description = "Write synthetic patients as JSON Lines (input for assess --jsonl), "
        + "the same ones for the same seed.")
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--count", paramLabel = "N", description = "How many patients (default: ${DEFAULT-VALUE}).",
            defaultValue = "1000")
    long count;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).",
            defaultValue = "1")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    String out;

    @Override
    public Integer call() {
        if (count < 0) {
            spec.commandLine().getErr().println("spine: --count must not be negative");
            return SpineCli.INVALID_INPUT;
        }
        PatientGenerator generator = new PatientGenerator(seed);
        // Both streams throw on a failed write (a full disk, a closed output): a short list is never exit 0.
        try (Writer writer = new BufferedWriter(new OutputStreamWriter(out == null ? StandardStreams.stdout()
                : Files.newOutputStream(Path.of(out)), StandardCharsets.UTF_8), 1 << 16)) {
            for (long i = 0; i < count; i++) {
                writer.write(generator.nextJson());
                writer.write('\n');
            }
        } catch (IOException e) {
            spec.commandLine().getErr().println("spine: cannot write " + (out == null ? "standard output"
                    : TerminalText.safe(out)) + ": " + Errors.oneLine(e));
            return SpineCli.FAILED;
        }
        return SpineCli.OK;
    }
}
