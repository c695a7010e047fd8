package org.spinecare.advisor;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;

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

    private final int maxFiredRules;
    private final AuditTrail auditTrail;
    private final Clock clock;
    /**
     * The release that answers new calls. A call reads it once and runs to the end on that release, so a swap never
     * mixes two releases in one answer and never makes a running call fail.
     */
    private final AtomicReference<Live> live;
    private volatile boolean closed;

    /**
     * A release with its sessions. Sessions are reused: dispose() resets a pooled session and hands it back, which
     * saves rebuilding the session's node memories on every call (measured in docs/performance.md). The pool grows on
     * demand, so concurrent callers never wait for each other.
     */
    private record Live(KnowledgeBase knowledgeBase, KieSessionsPool sessions) {
        static Live of(KnowledgeBase knowledgeBase) {
            return new Live(knowledgeBase,
                    knowledgeBase.kieBase().newKieSessionsPool(Runtime.getRuntime().availableProcessors()));
        }
    }

    private SpineAdvisor(Builder builder) {
        this.maxFiredRules = builder.maxFiredRules;
        this.auditTrail = builder.auditTrail;
        this.clock = builder.clock;
        this.live = new AtomicReference<>(Live.of(builder.knowledgeBase != null ? builder.knowledgeBase
                : builder.release != null ? builder.release.knowledgeBase() : KnowledgeBase.load()));
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
        Live release = live.get();
        refuseNotModelled(release.knowledgeBase(), facts);
        Assessment assessment = evaluate(release, facts);
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
            live.get().sessions().shutdown();
        }
    }

    /**
     * Makes {@code release} answer every call that starts from now on; calls already running finish on the release
     * they started with. The release is first tried on {@link ReleaseCanary canary patients}: if any answer fails,
     * the live release stays and the result says why. Swaps are serialised; assessments never wait for one.
     */
    public synchronized SwapResult swap(KnowledgeRelease release) {
        Objects.requireNonNull(release, "release");
        requireOpen();
        KnowledgeBaseInfo current = live.get().knowledgeBase().info();
        Live candidate = Live.of(release.knowledgeBase());
        try {
            ReleaseCanary.check(facts -> evaluate(candidate, facts), release.knowledgeBase().model());
        } catch (AssessmentException e) {
            candidate.sessions().shutdown();
            return SwapResult.rejected(current, release.info(), "canary assessment failed: " + e.getMessage());
        }
        // The replaced release's pool is not shut down: calls still running on it return their sessions to it, and
        // it is collected with its release once the last of them has finished.
        live.set(candidate);
        return SwapResult.swapped(current, release.info());
    }

    /**
     * Loads the kjar at {@code kjar} and swaps to it; a jar that fails its self-check leaves the live release in place
     * and the result names the failure.
     */
    public SwapResult swap(java.nio.file.Path kjar) {
        KnowledgeRelease release;
        try {
            release = KnowledgeRelease.fromJar(kjar);
        } catch (KnowledgeBaseException e) {
            return SwapResult.rejected(knowledgeBase(), null, "self-check failed: " + e.getMessage());
        }
        return swap(release);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this SpineAdvisor is closed; create a new one to assess");
        }
    }

    /** The release that answers calls starting now. */
    public KnowledgeBaseInfo knowledgeBase() {
        return live.get().knowledgeBase().info();
    }

    /** Every rule of the live knowledge base, ordered by id. */
    public List<RuleInfo> rules() {
        return live.get().knowledgeBase().catalog();
    }

    /** An older release cannot be told what it never modelled; passing it over would treat it as unknown. */
    private static void refuseNotModelled(KnowledgeBase release, PatientFacts facts) {
        List<String> notModelled = release.model().notModelled(facts);
        if (!notModelled.isEmpty()) {
            String path = notModelled.get(0);
            throw new InvalidFactsException(path.startsWith("$.findings.") || path.startsWith("$.diagnoses.")
                    ? InvalidFactsException.Code.UNKNOWN_CODE : InvalidFactsException.Code.UNKNOWN_FIELD, path,
                    "is not modelled by knowledge base " + release.info().releaseId());
        }
    }

    private Assessment evaluate(Live release, PatientFacts facts) {
        return evaluateInserting(release, release.knowledgeBase().model().inputs(facts));
    }

    /** Runs the rules on these facts, inserted in this order; package-private so tests can vary the order. */
    Assessment evaluateInserting(List<Object> inserted) {
        return evaluateInserting(live.get(), inserted);
    }

    private Assessment evaluateInserting(Live release, List<Object> inserted) {
        requireOpen();
        KnowledgeBase knowledgeBase = release.knowledgeBase();
        KieSession session = release.sessions().newKieSession();
        FiringRecorder recorder = new FiringRecorder(knowledgeBase.ruleByName(), knowledgeBase.model());
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
            return AssessmentAssembler.assemble(recorder, knowledgeBase.info(), knowledgeBase.model());
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
        return ReleaseModel.CLASS_PATH.inputs(facts);
    }

    private static String versionOf(Class<?> type) {
        String version = type.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }

    /** Options for {@link SpineAdvisor}; build once and share the advisor. */
    public static final class Builder {
        private KnowledgeBase knowledgeBase;
        private KnowledgeRelease release;
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

        /** The release to start with; by default the kjar on the class path. */
        public Builder release(KnowledgeRelease release) {
            this.release = Objects.requireNonNull(release, "release");
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
