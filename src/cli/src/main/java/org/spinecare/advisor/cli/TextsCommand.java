package org.spinecare.advisor.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.spinecare.advisor.SpineAdvisor;
import org.spinecare.advisor.TextCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "texts", description = "Print every text the advisor can show, with the rules that show and "
        + "withhold it, as Markdown (the content of docs/texts.md).")
final class TextsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(TextCatalog.markdown(SpineAdvisor.create()));
        out.flush();
        return SpineCli.OK;
    }
}
