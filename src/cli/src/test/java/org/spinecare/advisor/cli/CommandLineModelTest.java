package org.spinecare.advisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Start-up builds only the command that was asked for; anything else still sees every command. */
class CommandLineModelTest {
    private static final List<String> EVERY_COMMAND =
            List.of("assess", "rules", "texts", "scenarios", "audit", "generate", "fhir", "serve", "impact");

    @Test
    void a_named_command_is_the_only_one_built() {
        CommandLine commandLine = SpineCli.commandLine(CommandLine.defaultFactory(), "assess", "x.json");

        assertEquals(List.of("assess"), List.copyOf(commandLine.getSubcommands().keySet()));
    }

    @Test
    void help_version_no_arguments_and_a_typo_build_every_command_in_help_order() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"--version"}, new String[0],
                new String[] {"asess", "x.json"})) {
            CommandLine commandLine = SpineCli.commandLine(CommandLine.defaultFactory(), args);

            assertEquals(EVERY_COMMAND, List.copyOf(commandLine.getSubcommands().keySet()), String.join(" ", args));
        }
    }

    @Test
    void a_typo_is_still_answered_with_the_usage_error_naming_it() {
        CliRun run = CliRun.of("asess", "scenarios/examples/cauda-equina.json");

        assertEquals(SpineCli.INVALID_INPUT, run.exit());
        assertEquals(true, run.err().contains("asess"), run.err());
    }
}
