package org.spinecare.advisor.cli;

import java.util.List;
import org.spinecare.advisor.KnowledgeBaseException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./spine} command line. Exit codes: 0 success, 1 failure, 2 invalid input or usage. */
@Command(name = "spine", mixinStandardHelpOptions = true,
        versionProvider = SpineCli.Version.class,
        description = "Lower-back decision support: triage, self-care techniques and the rules behind them.")
public final class SpineCli {
    /** Every command, in the order {@code spine --help} lists them. */
    static final List<Class<?>> COMMANDS = List.of(AssessCommand.class, RulesCommand.class, TextsCommand.class,
            ScenariosCommand.class, AuditCommand.class, GenerateCommand.class, FhirCommand.class, ServeCommand.class,
            ImpactCommand.class);

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int INVALID_INPUT = 2;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line; returns the exit code instead of exiting, for tests. */
    public static int run(String... args) {
        return run(CommandLine.defaultFactory(), args);
    }

    /** Runs with the given factory for commands, so that tests can hand a command a faulty advisor. */
    static int run(CommandLine.IFactory factory, String... args) {
        CommandLine commandLine = commandLine(factory, args);
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
            cl.getErr().println(e instanceof KnowledgeBaseException kb ? knowledgeBaseFailure(kb)
                    : "spine: " + Errors.oneLine(e));
            return FAILED;
        });
        int code = commandLine.execute(args);
        commandLine.getOut().flush();
        // A PrintStream only sets a flag when a write fails: a listing lost to a full disk must not exit 0.
        if (code == OK && (commandLine.getOut().checkError() || System.out.checkError())) {
            commandLine.getErr().println("spine: cannot write to standard output (closed, full, or a closed pipe)");
            commandLine.getErr().flush();
            return FAILED;
        }
        return code;
    }

    /**
     * The command line with only the command that {@code args} names, or with all of them when it names none (help,
     * version, a typo: picocli then lists or suggests every command, as before). Building a command's model reflects
     * over it and loads what it uses (the service's classes for serve): a third of a single assessment's start-up
     * when all were built (docs/performance.md).
     */
    static CommandLine commandLine(CommandLine.IFactory factory, String... args) {
        CommandLine commandLine = new CommandLine(new SpineCli(), factory);
        String named = args.length > 0 ? args[0] : null;
        List<Class<?>> needed = COMMANDS.stream()
                .filter(command -> command.getAnnotation(Command.class).name().equals(named)).toList();
        for (Class<?> command : needed.isEmpty() ? COMMANDS : needed) {
            commandLine.addSubcommand(new CommandLine(command, factory));
        }
        return commandLine;
    }

    /** The one line for a knowledge base that failed its start-up self-check: no command can give an answer. */
    static String knowledgeBaseFailure(KnowledgeBaseException e) {
        return "spine: no assessment: the knowledge base failed its start-up self-check: " + Errors.oneLine(e);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"spine " + org.spinecare.advisor.SpineAdvisor.LIBRARY_VERSION};
        }
    }
}
