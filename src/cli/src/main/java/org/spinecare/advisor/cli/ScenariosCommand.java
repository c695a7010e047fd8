package org.spinecare.advisor.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.spinecare.advisor.SpineAdvisor;
import org.spinecare.advisor.scenario.Scenario;
import org.spinecare.advisor.scenario.ScenarioFileException;
import org.spinecare.advisor.scenario.ScenarioResult;
import org.spinecare.advisor.scenario.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "scenarios", description = "Run scenario files (patient facts with expected outcomes) against the "
        + "knowledge base. Exit 0 when all pass, 1 when any fails, 2 when a file is malformed.")
final class ScenariosCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "0..*", defaultValue = "scenarios",
            description = "Scenario files or folders (default: scenarios). Folders named 'examples' are skipped.")
    List<Path> paths;

    @Option(names = "--coverage", description = "Also report which rules the scenarios fire, and how often.")
    boolean coverage;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ScenarioRunner runner = new ScenarioRunner(SpineAdvisor.create());
        List<Scenario> scenarios;
        try {
            scenarios = runner.load(paths);
        } catch (ScenarioFileException e) {
            err.println("spine: malformed scenario file " + Errors.oneLine(e));
            return SpineCli.INVALID_INPUT;
        }
        List<ScenarioResult> results = runner.runAll(scenarios);
        int failed = 0;
        for (ScenarioResult result : results) {
            // The same text as a failing ScenarioTests test, escaped for the terminal.
            out.println(TerminalText.safe(result.headline()));
            if (!result.passed()) {
                failed++;
                result.report().lines()
                        .forEach(line -> out.println(ScenarioResult.REPORT_INDENT + TerminalText.safe(line)));
            }
        }
        if (coverage) {
            out.println();
            out.print(runner.coverage(results).report());
            out.println();
        }
        out.println((results.size() - failed) + " passed, " + failed + " failed");
        out.flush();
        return failed == 0 ? SpineCli.OK : SpineCli.FAILED;
    }
}
