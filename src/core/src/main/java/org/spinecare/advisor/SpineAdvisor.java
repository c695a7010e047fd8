package org.spinecare.advisor;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.spinecare.kb.CrackingHabit;
import org.spinecare.kb.Diagnosis;
import org.spinecare.kb.DiagnosisFact;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingFact;
import org.spinecare.kb.PatientMeasures;

/**
 * The library's entry point: create once, then call {@link #assess} from any thread.
 *
 * <pre>{@code
 * try (SpineAdvisor advisor = SpineAdvisor.create()) {
 *     Assessment assessment = advisor.assess(facts);
 * }
 * }</pre>
 *
 * Each call runs in its own rule session with its own listeners, disposed before the call returns. An
 * assessment is returned only when the whole evaluation succeeded; otherwise an {@link AssessmentException}.
 * {@link #close()} releases the pooled sessions; a closed advisor refuses to assess.
 */
public final class SpineAdvisor implements AutoCloseable {
    public static final int DEFAULT_MAX_FIRED_RULES = 500;
    public static final String LIBRARY_VERSION = versionOf(SpineAdvisor.class);
    /** Derived findings are the rules' to insert (CT-002, CT-003), never the facade's. */
    private static final List<Finding> REPORTABLE_FINDINGS = Finding.reportable();

    private final KnowledgeBase knowledgeBase;
    private final int maxFiredRules;
    private final AuditTrail auditTrail;
    private final Clock clock;
    /**
     * Sessions are reused: dispose() resets a pooled session and hands it back, which saves rebuilding the
     * session's node memories on every call (measured in docs/performance.md). The pool grows on demand, so
     * concurrent callers never wait for each other. Null when the knowledge base cannot pool (a test's stand-in).
     */
    private final KieSessionsPool sessions;
    private volatile boolean closed;

    private SpineAdvisor(Builder builder) {
        this.knowledgeBase = builder.knowledgeBase != null ? builder.knowledgeBase : KnowledgeBase.load();
        this.maxFiredRules = builder.maxFiredRules;
        this.auditTrail = builder.auditTrail;
        this.clock = builder.clock;
        this.sessions = knowledgeBase.kieBase().newKieSessionsPool(Runtime.getRuntime().availableProcessors());
    }

    /** An advisor on the shipped knowledge base, without an audit trail. */
    public static SpineAdvisor create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Assesses one patient.
     *
     * @throws AssessmentException when the evaluation fails, breaks a safety invariant, or cannot be audited
     */
    public Assessment assess(PatientFacts facts) {
        Objects.requireNonNull(facts, "facts");
        requireOpen();
        Assessment assessment = evaluate(facts);
        if (auditTrail != null) {
            try {
                auditTrail.record(new AuditEntry(UUID.randomUUID(), clock.instant(), LIBRARY_VERSION, facts,
                        assessment));
            } catch (RuntimeException e) {
                throw new AssessmentException("the assessment could not be recorded in the audit trail, so it is "
                        + "not given: " + e.getMessage(), e);
            }
        }
        return assessment;
    }

    /**
     * Releases the pooled rule sessions. Later calls to {@link #assess} throw {@link IllegalStateException}; close
     * only once no call is running. Closing twice does nothing. The audit trail is the host's to close.
     */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            if (sessions != null) {
                sessions.shutdown();
            }
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this SpineAdvisor is closed; create a new one to assess");
        }
    }

    public KnowledgeBaseInfo knowledgeBase() {
        return knowledgeBase.info();
    }

    /** Every rule of the knowledge base, ordered by id. */
    public List<RuleInfo> rules() {
        return knowledgeBase.catalog();
    }

    private Assessment evaluate(PatientFacts facts) {
        return evaluateInserting(factsOf(facts));
    }

    /** Runs the rules on these facts, inserted in this order; package-private so tests can vary the order. */
    Assessment evaluateInserting(List<Object> inserted) {
        requireOpen();
        KieSession session = sessions != null ? sessions.newKieSession() : knowledgeBase.kieBase().newKieSession();
        FiringRecorder recorder = new FiringRecorder(knowledgeBase.ruleByName());
        try {
            session.addEventListener((AgendaEventListener) recorder);
            session.addEventListener((RuleRuntimeEventListener) recorder);
            for (Object fact : inserted) {
                session.insert(fact);
            }
            for (String phase : KnowledgeBase.phasesInFocusOrder()) {
                session.getAgenda().getAgendaGroup(phase).setFocus();
            }
            int fired = session.fireAllRules(maxFiredRules + 1);
            if (fired > maxFiredRules) {
                throw new AssessmentException("more than " + maxFiredRules + " rules fired; the knowledge base "
                        + "may be looping, so no assessment is given");
            }
            return AssessmentAssembler.assemble(recorder, knowledgeBase.info());
        } catch (AssessmentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AssessmentException("rule evaluation failed: " + e.getMessage(), e);
        } finally {
            // The session goes back to the pool: this call's listeners must not hear the next caller's patient.
            session.removeEventListener((AgendaEventListener) recorder);
            session.removeEventListener((RuleRuntimeEventListener) recorder);
            session.dispose();
        }
    }

    /** The facts to insert, in a fixed order so that the same patient always fires rules the same way. */
    static List<Object> factsOf(PatientFacts facts) {
        List<Object> out = new ArrayList<>(Finding.values().length + 6);
        for (Finding finding : REPORTABLE_FINDINGS) {
            out.add(new FindingFact(finding, facts.stateOf(finding)));
        }
        for (Diagnosis diagnosis : facts.diagnoses()) {
            out.add(new DiagnosisFact(diagnosis));
        }
        if (facts.cracking() != null) {
            out.add(new CrackingHabit(facts.cracking().frequency(), facts.cracking().forceful()));
        }
        out.add(new PatientMeasures(facts.ageYears(), facts.painScore(), facts.tensionOnset(),
                facts.sittingHoursPerDay(), facts.symptomDurationWeeks()));
        return out;
    }

    private static String versionOf(Class<?> type) {
        String version = type.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }

    /** Options for {@link SpineAdvisor}; build once and share the advisor. */
    public static final class Builder {
        private KnowledgeBase knowledgeBase;
        private int maxFiredRules = DEFAULT_MAX_FIRED_RULES;
        private AuditTrail auditTrail;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The most rules one assessment may fire; past it the assessment fails instead of looping. */
        public Builder maxFiredRules(int maxFiredRules) {
            if (maxFiredRules < 1) {
                throw new IllegalArgumentException("maxFiredRules must be at least 1");
            }
            this.maxFiredRules = maxFiredRules;
            return this;
        }

        /** Records every assessment; an assessment that cannot be recorded is not given. */
        public Builder auditTrail(AuditTrail auditTrail) {
            this.auditTrail = Objects.requireNonNull(auditTrail, "auditTrail");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** For tests that inject a faulty knowledge base. */
        Builder knowledgeBase(KnowledgeBase knowledgeBase) {
            this.knowledgeBase = knowledgeBase;
            return this;
        }

        public SpineAdvisor build() {
            return new SpineAdvisor(this);
        }
    }
}
