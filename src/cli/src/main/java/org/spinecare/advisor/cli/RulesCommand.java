package org.spinecare.advisor.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.spinecare.advisor.RuleCatalog;
import org.spinecare.advisor.RuleInfo;
import org.spinecare.advisor.SpineAdvisor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "rules", description = "List every rule: id, basis, source and name.")
final class RulesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--markdown", description = "Write the rule catalog as Markdown (the content of docs/rules.md).")
    boolean markdown;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SpineAdvisor advisor = SpineAdvisor.create();
        if (markdown) {
            out.print(RuleCatalog.markdown(advisor.rules(), advisor.knowledgeBase()));
        } else {
            for (RuleInfo rule : advisor.rules()) {
                out.println(rule.id() + "\t" + rule.basis() + "\t" + rule.source() + "\t" + rule.name());
            }
        }
        out.flush();
        return SpineCli.OK;
    }
}
