package org.spinecare.advisor;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.io.ResourceType;
import org.kie.internal.utils.KieHelper;

/**
 * Faulty knowledge bases for fault-injection tests: rules compiled at test time from DRL text into an executable
 * model, then wrapped exactly as the shipped knowledge base is. Public so that the command-line tests can use it.
 */
public final class FaultInjection {
    /** Complete metadata as the self-check wants it. Runtime-compiled DRL keeps quotes around quoted values, so
     *  the values the check parses (id, basis) are written as bare words. */
    static final String META = "@id(%s) @source(\"How to Crack Your Lower Back?\") @basis(STATED)";
    private static final Pattern RULE_NAME = Pattern.compile("(?m)^\\s*rule\\s+\"([^\"]+)\"");

    static final String SELF_CARE_TRIAGE = rule("Self-care when nothing escalates", "TT01", "conclusions:triage",
            "not Triage()", "insert(new Triage(TriageLevel.SELF_CARE));");
    static final String NO_STENOSIS = rule("Stenosis is not indicated", "TT02", "conclusions:triage",
            "not StenosisAssessment()", "insert(new StenosisAssessment(StenosisStatus.NOT_INDICATED));");
    static final String THROWS_ON_FEVER = rule("A faulty rule throws when fever is present", "TT03", "screening:red-flags",
            "FindingFact(finding == Finding.FEVER, state == FindingState.PRESENT)",
            "throw new IllegalStateException(\"injected fault in a rule consequence\");");
    static final String LOOPS_ON_WEAKNESS = rule("A faulty rule re-inserts weakness forever", "TT04", "screening:red-flags",
            "$f : FindingFact(finding == Finding.WEAKNESS, state == FindingState.PRESENT)",
            "delete($f); insert(new FindingFact($f.finding(), $f.state()));");

    private FaultInjection() {
    }

    /** A rule with complete metadata. */
    static String rule(String name, String id, String group, String when, String then) {
        return ruleWithMetadata(name, String.format(META, id), group, when, then);
    }

    static String ruleWithMetadata(String name, String metadata, String group, String when, String then) {
        return "rule \"" + name + "\"\n    " + metadata + "\n"
                + (group == null ? "" : "    agenda-group \"" + group + "\"\n")
                + "when\n    " + when + "\nthen\n    " + then + "\nend\n";
    }

    /** Compiles rules into a KieBase with the executable model, as kie-maven-plugin does for the kjar. */
    static KieBase compile(String... rules) {
        StringBuilder drl = new StringBuilder("package org.spinecare.faulty;\nimport org.spinecare.kb.*;\n\n");
        for (String rule : rules) {
            drl.append(rule).append('\n');
        }
        return new KieHelper().addContent(drl.toString(), ResourceType.DRL).build(ExecutableModelProject.class);
    }

    /** The rule names the rules declare, as RuleSources reads them from the shipped DRL files. */
    static Map<String, String> declared(String... rules) {
        Map<String, String> fileByRule = new LinkedHashMap<>();
        for (String rule : rules) {
            Matcher m = RULE_NAME.matcher(rule);
            while (m.find()) {
                fileByRule.put(m.group(1), "faulty.drl");
            }
        }
        return fileByRule;
    }

    /** The agenda group each rule declares, as RuleSources reads them from the shipped DRL files. */
    static Map<String, String> groups(String... rules) {
        return RuleSources.agendaGroups(String.join("\n", rules));
    }

    /** A knowledge base of these rules that has passed the same self-check as the shipped one. */
    static KnowledgeBase knowledgeBase(String... rules) {
        KieBase kieBase = compile(rules);
        return new KnowledgeBase(kieBase, new KnowledgeBaseInfo("org.spinecare:faulty:0", "0".repeat(64)),
                KnowledgeBase.checkRules(kieBase, declared(rules), groups(rules)));
    }

    static SpineAdvisor advisor(String... rules) {
        return SpineAdvisor.builder().knowledgeBase(knowledgeBase(rules)).build();
    }

    /** An advisor whose knowledge base has a rule that throws when FEVER is PRESENT. */
    public static SpineAdvisor advisorWhoseRuleThrowsOnFever() {
        return advisor(SELF_CARE_TRIAGE, NO_STENOSIS, THROWS_ON_FEVER);
    }

    /** Makes an advisor on the shipped kjar with one rule source changed after the build. */
    public static Supplier<SpineAdvisor> advisorOnATamperedKjar() {
        return () -> SpineAdvisor.builder().knowledgeBase(KnowledgeBase.load(tamperedRuleSource())).build();
    }

    /** A class loader that serves the red-flag rules with one more line than the kjar was built with. */
    static ClassLoader tamperedRuleSource() {
        return replacing("org/spinecare/kb/red-flags.drl",
                original -> original + "// a change made after the digest was recorded\n");
    }

    /** A class loader that serves {@code name} rewritten by {@code change}, or hides it when change gives null. */
    static ClassLoader replacing(String name, UnaryOperator<String> change) {
        ClassLoader parent = FaultInjection.class.getClassLoader();
        return new ClassLoader(parent) {
            @Override
            public InputStream getResourceAsStream(String resource) {
                if (!resource.equals(name)) {
                    return super.getResourceAsStream(resource);
                }
                try (InputStream in = super.getResourceAsStream(resource)) {
                    String original = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    String changed = change.apply(original);
                    return changed == null ? null : new ByteArrayInputStream(changed.getBytes(StandardCharsets.UTF_8));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
    }
}
