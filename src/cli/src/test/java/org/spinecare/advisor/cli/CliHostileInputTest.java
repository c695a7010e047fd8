package org.spinecare.advisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spinecare.advisor.MalformedCases;

/** Every malformed input, given to {@code spine assess} as a file and on stdin: exit 2, one line, no output. */
class CliHostileInputTest {
    @TempDir
    static Path dir;

    static Stream<MalformedCases.Case> cases() {
        return MalformedCases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void a_malformed_file_exits_2_with_one_line_on_stderr_naming_code_and_path(MalformedCases.Case c)
            throws Exception {
        // Given the malformed input in a file
        Path file = dir.resolve(c.name() + ".json");
        Files.write(file, c.json());
        // When it is assessed; Then exit 2, nothing on stdout, one line on stderr with the code and the path
        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> CliRun.of(() -> SpineCli.run("assess", file.toString())));
        assertRejected(c, run);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void malformed_standard_input_exits_2_with_one_line_on_stderr_naming_code_and_path(MalformedCases.Case c) {
        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> CliRun.of(c.json(), () -> SpineCli.run("assess", "-")));
        assertRejected(c, run);
    }

    private static void assertRejected(MalformedCases.Case c, CliRun run) {
        assertEquals(SpineCli.INVALID_INPUT, run.exit(), c.name() + " stderr: " + run.err());
        assertEquals("", run.out(), c.name());
        run.assertOneLineOnStderr("spine: invalid input: " + c.path() + ": ");
        assertTrue(run.err().strip().endsWith("[" + c.code() + "]"), run.err());
    }
}
