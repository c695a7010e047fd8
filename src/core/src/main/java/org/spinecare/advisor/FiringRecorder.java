package org.spinecare.advisor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.spinecare.kb.FindingFact;

/**
 * Records, for one session only, which rules fired in order and which rule inserted each fact. One instance per
 * assessment: listeners on a shared session would mix up concurrent patients.
 */
final class FiringRecorder extends DefaultAgendaEventListener implements RuleRuntimeEventListener {

    /** A fact a rule inserted, in insertion order. */
    record Insertion(Object fact, String ruleId) {
    }

    private static final String FACT_MODEL = FindingFact.class.getPackageName();

    private final Map<String, RuleInfo> catalog;
    private final ReleaseModel model;
    private final List<FiredRule> fired = new ArrayList<>();
    private final List<Insertion> insertions = new ArrayList<>();
    private final Set<Object> deleted = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Object, String> descriptions = new IdentityHashMap<>();

    FiringRecorder(Map<String, RuleInfo> catalogByName) {
        this(catalogByName, ReleaseModel.CLASS_PATH);
    }

    /** For a release loaded from a jar, {@code model} carries its facts into the library's classes. */
    FiringRecorder(Map<String, RuleInfo> catalogByName, ReleaseModel model) {
        this.catalog = catalogByName;
        this.model = model;
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        RuleInfo rule = ruleNamed(event.getMatch().getRule().getName());
        List<?> objects = event.getMatch().getObjects();
        String[] matched = new String[objects.size()];
        int count = 0;
        for (Object fact : objects) {
            // The engine matches a marker fact of its own for rules that begin with "not" or "exists"; only the
            // fact model's facts belong in the trail.
            if (fact.getClass().getPackageName().equals(FACT_MODEL)) {
                matched[count++] = describe(fact);
            }
        }
        fired.add(new FiredRule(rule.id(), rule.name(), rule.source(), rule.basis(),
                Arrays.asList(matched).subList(0, count)));
    }

    /** Most rules match the same few facts (the measures, back pain, triage): each is described once per call. */
    private String describe(Object fact) {
        String description = descriptions.get(fact);
        if (description == null) {
            description = FactCodes.describe(model.toLibrary(fact));
            descriptions.put(fact, description);
        }
        return description;
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        if (event.getRule() != null) {
            insertions.add(new Insertion(event.getObject(), ruleNamed(event.getRule().getName()).id()));
        }
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        // Facts are immutable records; rules never modify them.
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        deleted.add(event.getOldObject());
    }

    List<FiredRule> fired() {
        return fired;
    }

    /** Facts inserted by rules and still in working memory, in insertion order. */
    List<Insertion> liveInsertions() {
        // Deletions are matched by identity on the release's own objects, so facts are carried over only here.
        return insertions.stream().filter(i -> !deleted.contains(i.fact()))
                .map(i -> model.isClassPath() ? i : new Insertion(model.toLibrary(i.fact()), i.ruleId())).toList();
    }

    private RuleInfo ruleNamed(String name) {
        RuleInfo rule = catalog.get(name);
        if (rule == null) {
            throw new AssessmentException("rule '" + name + "' is not in the knowledge base catalog");
        }
        return rule;
    }
}
