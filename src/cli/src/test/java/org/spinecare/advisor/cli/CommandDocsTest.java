package org.spinecare.advisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The README and the architecture page name every subcommand the command line has, and no other. */
class CommandDocsTest {
    private static final List<String> SUBCOMMANDS =
            List.copyOf(new CommandLine(new SpineCli()).getSubcommands().keySet());

    @Test
    void the_architecture_page_names_every_subcommand() throws Exception {
        String page = Files.readString(Path.of("docs/architecture.md"));

        assertEquals(List.of(), SUBCOMMANDS.stream().filter(name -> !page.contains("`" + name + "`")).toList(),
                "subcommands docs/architecture.md does not name");
    }

    @Test
    void the_readme_shows_how_to_run_every_subcommand() throws Exception {
        String readme = Files.readString(Path.of("README.md"));

        assertEquals(List.of(), SUBCOMMANDS.stream().filter(name -> !readme.contains("./spine " + name)).toList(),
                "subcommands the README does not show");
    }
}
