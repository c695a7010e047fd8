package org.spinecare.advisor;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The hot path, one patient per operation, cycling through generated patients so that every triage level and
 * rule path is in the mix.
 *
 * <ul>
 *   <li>{@code assess}: facts object to assessment object, fired rules collected (the library call);</li>
 *   <li>{@code engineFloor}: the same session life cycle (pooled session, per-call listeners, the same facts,
 *       agenda focus, fire, read working memory, dispose) against an empty knowledge base: what the engine costs
 *       before any rule is evaluated. assess / engineFloor is the ratio of issue 6;</li>
 *   <li>{@code rulesOnly}: the real rules in the same pooled life cycle, but without the facade's listener and
 *       without assembling the result: assess minus rulesOnly is what the facade adds;</li>
 *   <li>{@code rulesWithRecorder}: rulesOnly plus the facade's per-call listener (fired-rule trail), still without
 *       assembling the result: splits the facade's cost between listening and assembling;</li>
 *   <li>{@code assessNewSession}: the previous life cycle, a new session per call, to compare with the pool;</li>
 *   <li>{@code jsonEndToEnd}: JSON bytes in, JSON bytes out, as the batch mode does for each line.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class AssessBenchmark {
    private BenchPatients patients;
    private SpineAdvisor advisor;
    private KnowledgeBase knowledgeBase;
    private KieSessionsPool emptySessions;
    private KieSessionsPool ruleSessions;

    /** Each thread walks the patients on its own. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int advance() {
            int i = next;
            next = (i + 1) % BenchPatients.COUNT;
            return i;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        patients = new BenchPatients();
        knowledgeBase = KnowledgeBase.load();
        advisor = SpineAdvisor.builder().knowledgeBase(knowledgeBase).build();
        KieBase empty = KnowledgeBaseFactory.newKnowledgeBase();
        emptySessions = empty.newKieSessionsPool(Runtime.getRuntime().availableProcessors());
        ruleSessions = knowledgeBase.kieBase().newKieSessionsPool(Runtime.getRuntime().availableProcessors());
    }

    @Benchmark
    public Assessment assess(Cursor cursor) {
        return advisor.assess(patients.facts[cursor.advance()]);
    }

    @Benchmark
    public void engineFloor(Cursor cursor, Blackhole blackhole) {
        KieSession session = emptySessions.newKieSession();
        FiringRecorder recorder = new FiringRecorder(knowledgeBase.ruleByName());
        try {
            session.addEventListener((AgendaEventListener) recorder);
            session.addEventListener((RuleRuntimeEventListener) recorder);
            for (Object fact : SpineAdvisor.factsOf(patients.facts[cursor.advance()])) {
                session.insert(fact);
            }
            for (String phase : KnowledgeBase.phasesInFocusOrder()) {
                // An empty base has no agenda groups: the lookups are made, there is nothing to focus.
                blackhole.consume(session.getAgenda().getAgendaGroup(phase));
            }
            blackhole.consume(session.fireAllRules(SpineAdvisor.DEFAULT_MAX_FIRED_RULES + 1));
            for (Object fact : session.getObjects()) {
                blackhole.consume(fact);
            }
            blackhole.consume(recorder.liveInsertions());
        } finally {
            session.removeEventListener((AgendaEventListener) recorder);
            session.removeEventListener((RuleRuntimeEventListener) recorder);
            session.dispose();
        }
    }

    @Benchmark
    public void rulesOnly(Cursor cursor, Blackhole blackhole) {
        KieSession session = ruleSessions.newKieSession();
        try {
            for (Object fact : SpineAdvisor.factsOf(patients.facts[cursor.advance()])) {
                session.insert(fact);
            }
            for (String phase : KnowledgeBase.phasesInFocusOrder()) {
                session.getAgenda().getAgendaGroup(phase).setFocus();
            }
            blackhole.consume(session.fireAllRules(SpineAdvisor.DEFAULT_MAX_FIRED_RULES + 1));
            for (Object fact : session.getObjects()) {
                blackhole.consume(fact);
            }
        } finally {
            session.dispose();
        }
    }

    @Benchmark
    public void rulesWithRecorder(Cursor cursor, Blackhole blackhole) {
        KieSession session = ruleSessions.newKieSession();
        FiringRecorder recorder = new FiringRecorder(knowledgeBase.ruleByName());
        try {
            session.addEventListener((AgendaEventListener) recorder);
            session.addEventListener((RuleRuntimeEventListener) recorder);
            for (Object fact : SpineAdvisor.factsOf(patients.facts[cursor.advance()])) {
                session.insert(fact);
            }
            for (String phase : KnowledgeBase.phasesInFocusOrder()) {
                session.getAgenda().getAgendaGroup(phase).setFocus();
            }
            blackhole.consume(session.fireAllRules(SpineAdvisor.DEFAULT_MAX_FIRED_RULES + 1));
            for (Object fact : session.getObjects()) {
                blackhole.consume(fact);
            }
            blackhole.consume(recorder.fired());
            blackhole.consume(recorder.liveInsertions());
        } finally {
            session.removeEventListener((AgendaEventListener) recorder);
            session.removeEventListener((RuleRuntimeEventListener) recorder);
            session.dispose();
        }
    }

    @Benchmark
    public Assessment assessNewSession(Cursor cursor) {
        KieSession session = knowledgeBase.kieBase().newKieSession();
        try {
            FiringRecorder recorder = new FiringRecorder(knowledgeBase.ruleByName());
            session.addEventListener((AgendaEventListener) recorder);
            session.addEventListener((RuleRuntimeEventListener) recorder);
            for (Object fact : SpineAdvisor.factsOf(patients.facts[cursor.advance()])) {
                session.insert(fact);
            }
            for (String phase : KnowledgeBase.phasesInFocusOrder()) {
                session.getAgenda().getAgendaGroup(phase).setFocus();
            }
            session.fireAllRules(SpineAdvisor.DEFAULT_MAX_FIRED_RULES + 1);
            return AssessmentAssembler.assemble(recorder, knowledgeBase.info());
        } finally {
            session.dispose();
        }
    }

    @Benchmark
    public byte[] jsonEndToEnd(Cursor cursor) {
        Assessment assessment = advisor.assess(SpineJson.readFacts(patients.json[cursor.advance()]));
        return SpineJson.writeAssessment(assessment).getBytes(StandardCharsets.UTF_8);
    }
}
