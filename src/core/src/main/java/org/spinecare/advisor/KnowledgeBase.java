package org.spinecare.advisor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.spinecare.kb.Sections;

/**
 * The loaded, self-checked knowledge base: built once and shared by every assessment. Loading fails with a
 * {@link KnowledgeBaseException} rather than run rules that were not built, reviewed and shipped together.
 */
final class KnowledgeBase {
    static final String KBASE_NAME = "spineKBase";
    /**
     * Agenda groups in the order they run; every rule belongs to exactly one. A group is a phase (screening,
     * conclusions, advice, finishing: triage must be final before advice is chosen) and the DRL file of one
     * concern. Within a group rules fire in file order; giving each file its own group makes the firing order
     * independent of the order in which the build happened to read the files, so the trail is reproducible.
     */
    static final List<String> PHASES = List.of(
            "screening:criteria", "screening:guideline-red-flags", "screening:red-flags", "screening:professional-help",
            "screening:age", "screening:diagnoses", "screening:stenosis",
            "conclusions:stenosis", "conclusions:triage",
            "advice:contraindications", "advice:manipulation", "advice:stenosis", "advice:stretches",
            "advice:cracking", "advice:heat-and-cold", "advice:lifestyle",
            "finishing:safety", "finishing:cracking", "finishing:guideline", "finishing:answer",
            "finishing:stretches", "finishing:heat-and-cold");

    private static final List<String> PHASES_IN_FOCUS_ORDER = reversed(PHASES);

    private final KieBase kieBase;
    private final KnowledgeBaseInfo info;
    private final Map<String, RuleInfo> ruleByName;
    private final List<RuleInfo> catalog;
    private final ReleaseModel model;

    KnowledgeBase(KieBase kieBase, KnowledgeBaseInfo info, Map<String, RuleInfo> ruleByName) {
        this(kieBase, info, ruleByName, ReleaseModel.CLASS_PATH);
    }

    KnowledgeBase(KieBase kieBase, KnowledgeBaseInfo info, Map<String, RuleInfo> ruleByName, ReleaseModel model) {
        this.model = model;
        this.kieBase = kieBase;
        this.info = info;
        this.ruleByName = Map.copyOf(ruleByName);
        this.catalog = ruleByName.values().stream().sorted(Comparator.comparing(RuleInfo::id)).toList();
    }

    /** Loads the knowledge base shipped in the kjar on the class path and runs the start-up self-check. */
    static KnowledgeBase load() {
        return load(KnowledgeBase.class.getClassLoader());
    }

    /** Loads from the given class loader; tests pass one that serves tampered or missing resources. */
    static KnowledgeBase load(ClassLoader loader) {
        RuleSources sources = verifiedSources(loader);
        KieBase kieBase = ExecutableModel.build(loader, sources.releaseId(), "knowledge base " + KBASE_NAME);
        Map<String, RuleInfo> rules = checkRules(kieBase, sources.fileByRuleName(), sources.groupByRuleName());
        return new KnowledgeBase(kieBase, new KnowledgeBaseInfo(sources.releaseId(), sources.declaredSha256()), rules);
    }

    /**
     * Loads a release from the bytes of its kjar, beside the one on the class path, with the same self-check. Its
     * classes, executable model included, come from those bytes only ({@link ReleaseClassLoader}).
     */
    static KnowledgeBase loadJar(byte[] jar, String origin) {
        ReleaseClassLoader loader = new ReleaseClassLoader(jar, origin, KnowledgeBase.class.getClassLoader());
        RuleSources sources = verifiedSources(loader);
        ReleaseModel model = ReleaseModel.of(loader);
        KieBase kieBase = ExecutableModel.build(loader, sources.releaseId(),
                "knowledge base " + KBASE_NAME + " of " + origin);
        Map<String, RuleInfo> rules = checkRules(kieBase, sources.fileByRuleName(), sources.groupByRuleName());
        return new KnowledgeBase(kieBase, new KnowledgeBaseInfo(sources.releaseId(), sources.declaredSha256()), rules,
                model);
    }

    private static RuleSources verifiedSources(ClassLoader loader) {
        RuleSources sources = RuleSources.read(loader);
        if (!sources.actualSha256().equals(sources.declaredSha256())) {
            throw new KnowledgeBaseException("rule sources do not match the digest recorded at build time ("
                    + sources.actualSha256() + " != " + sources.declaredSha256() + ")");
        }
        KieModuleDeclaration.read(loader).requireAsBuilt(KBASE_NAME);
        return sources;
    }

    /** How facts reach this release's rules and come back. */
    ReleaseModel model() {
        return model;
    }

    KieBase kieBase() {
        return kieBase;
    }

    KnowledgeBaseInfo info() {
        return info;
    }

    Map<String, RuleInfo> ruleByName() {
        return ruleByName;
    }

    /** Every rule, ordered by id. */
    List<RuleInfo> catalog() {
        return catalog;
    }

    /**
     * Checks that the loaded rules are exactly those declared in the sources, each with complete metadata and in
     * one of the {@link #PHASES} (its group as the source declares it, {@code groupByRuleName}).
     */
    static Map<String, RuleInfo> checkRules(KieBase kieBase, Map<String, String> fileByRuleName,
                                            Map<String, String> groupByRuleName) {
        List<Rule> loaded = new ArrayList<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            loaded.addAll(pkg.getRules());
        }
        if (loaded.isEmpty() || loaded.size() != fileByRuleName.size()) {
            throw new KnowledgeBaseException("the knowledge base holds " + loaded.size() + " rules but the sources "
                    + "declare " + fileByRuleName.size());
        }
        Map<String, RuleInfo> byName = new LinkedHashMap<>();
        Set<String> ids = new HashSet<>();
        for (Rule rule : loaded) {
            String file = fileByRuleName.get(rule.getName());
            if (file == null) {
                throw new KnowledgeBaseException("loaded rule '" + rule.getName() + "' is not in the sources");
            }
            RuleInfo info = describe(rule, file);
            if (!ids.add(info.id())) {
                throw new KnowledgeBaseException("rule id " + info.id() + " is used twice");
            }
            String group = groupByRuleName.get(rule.getName());
            if (group == null || !PHASES.contains(group)) {
                throw new KnowledgeBaseException("rule " + info.id() + " is in agenda group '" + group
                        + "', not one of " + PHASES);
            }
            byName.put(rule.getName(), info);
        }
        return byName;
    }

    private static RuleInfo describe(Rule rule, String file) {
        Map<String, Object> meta = rule.getMetaData();
        String id = text(meta, "id", rule);
        String source = text(meta, "source", rule);
        Basis basis;
        try {
            basis = Basis.valueOf(text(meta, "basis", rule));
        } catch (IllegalArgumentException e) {
            throw new KnowledgeBaseException("rule '" + rule.getName() + "' has @basis other than STATED, INFERRED "
                    + "or GUIDELINE");
        }
        String why = meta.get("why") == null ? "" : meta.get("why").toString();
        if (basis != Basis.STATED && why.isBlank()) {
            throw new KnowledgeBaseException(basis.name().toLowerCase(java.util.Locale.ROOT) + " rule " + id
                    + " does not say why (@why)");
        }
        requireCitableSource(id, source, basis);
        return new RuleInfo(id, rule.getName(), source, basis, why, file);
    }

    /**
     * A rule's @source must name a heading of the article, or for a GUIDELINE rule a guidance section, exactly as
     * {@link Sections} spells it: a misspelt source would make a rule untraceable and would pass any review.
     */
    private static void requireCitableSource(String id, String source, Basis basis) {
        Set<String> citable = basis == Basis.GUIDELINE ? Sections.GUIDELINES : Sections.ARTICLE;
        if (!citable.contains(source)) {
            throw new KnowledgeBaseException("rule " + id + " cites '" + source + "', which is not "
                    + (basis == Basis.GUIDELINE ? "a known guidance section" : "a heading of the article")
                    + " (org.spinecare.kb.Sections)");
        }
    }

    private static String text(Map<String, Object> meta, String key, Rule rule) {
        Object value = meta.get(key);
        // The kjar's executable model gives the literal's value; a DRL compiled at run time keeps its quotes.
        String text = value == null ? "" : value.toString();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
        }
        if (text.isBlank()) {
            throw new KnowledgeBaseException("rule '" + rule.getName() + "' has no @" + key);
        }
        return text;
    }

    private static List<String> reversed(List<String> phases) {
        List<String> reversed = new ArrayList<>(phases);
        java.util.Collections.reverse(reversed);
        return List.copyOf(reversed);
    }

    /** The phases last to first: focus is a stack, so the first phase must be focused last. */
    static Collection<String> phasesInFocusOrder() {
        return PHASES_IN_FOCUS_ORDER;
    }
}
