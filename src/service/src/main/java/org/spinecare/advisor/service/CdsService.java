package org.spinecare.advisor.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinecare.advisor.Assessment;
import org.spinecare.advisor.AssessmentException;
import org.spinecare.advisor.AuditTrail;
import org.spinecare.advisor.FeedbackEntry;
import org.spinecare.advisor.InvalidFactsException;
import org.spinecare.advisor.SpineAdvisor;
import org.spinecare.advisor.SwapResult;
import org.spinecare.advisor.audit.UnknownAssessmentException;
import org.spinecare.advisor.fhir.FhirResources;

/**
 * The CDS Hooks 2.0 service on Javalin: discovery, the {@code patient-view} call, feedback, health, readiness,
 * metrics, the OpenAPI document, the clinicians' page and the release admin ({@link ReleaseAdmin}). Start with {@link #start}; {@link #close} stops it.
 * Every refusal is a short JSON problem naming the field; no answer carries a stack trace, and no log line or
 * metric carries a patient identifier or a token (route templates, statuses and fields are logged: {@link Refusals}).
 */
public final class CdsService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CdsService.class);
    static final String PROBLEM_JSON = "application/problem+json";
    /** Cards an instance remembers in memory for feedback, at most; see {@link CardLinks#inMemory}. */
    public static final int REMEMBERED_CARDS = 200_000;
    /** Answers an instance keeps in memory for the cards' explanation and handout links. */
    static final int KEPT_ANSWERS = 5_000;

    private final ObjectMapper json = JsonMapper.builder().build();
    private final ServiceConfig config;
    private final SpineAdvisor advisor;
    private final CapturingTrail trail;
    private final FactsSource facts;
    private final CallAuthenticator authenticator;
    private final FhirFetcher fetcher;
    private final ReleaseAdmin releases;
    private final CardFactory cardFactory = new CardFactory(UUID::randomUUID);
    private final CardLinks issued;
    private final KeptAnswers kept = new KeptAnswers(KEPT_ANSWERS);
    private final ServiceMetrics metrics = new ServiceMetrics();
    private final Clock clock;
    private final AuditHealth auditHealth;
    private final Javalin app;
    private volatile boolean ready;
    private URI url;

    private CdsService(ServiceConfig config, AuditTrail auditTrail, CardLinks cardLinks, AuditProbe probe,
                       FactsSource facts, Clock clock) {
        this.config = config;
        this.issued = cardLinks;
        this.auditHealth = new AuditHealth(probe, clock);
        this.trail = new CapturingTrail(auditTrail, auditHealth);
        this.facts = facts;
        this.clock = clock;
        this.authenticator = new CallAuthenticator(config.trustedIssuers(), clock);
        this.fetcher = new FhirFetcher(config.fhirTimeout());
        this.advisor = SpineAdvisor.builder().auditTrail(trail).clock(clock).build();
        this.releases = new ReleaseAdmin(advisor, config.admin(), clock);
        this.app = Javalin.create(this::configure);
    }

    /**
     * Starts the service on the shipped knowledge base. Every assessment and every feedback is recorded in
     * {@code auditTrail}, which the caller opens and closes.
     */
    public static CdsService start(ServiceConfig config, AuditTrail auditTrail) {
        return start(config, auditTrail, CardLinks.inMemory(REMEMBERED_CARDS));
    }

    /**
     * As {@link #start(ServiceConfig, AuditTrail)}, with the card links given: {@link CardLinks#database} when
     * several instances share one audit trail, so that feedback may reach any of them.
     */
    public static CdsService start(ServiceConfig config, AuditTrail auditTrail, CardLinks cardLinks) {
        return start(config, auditTrail, cardLinks, AuditProbe.retryAfter(Duration.ofSeconds(10)));
    }

    /**
     * As {@link #start(ServiceConfig, AuditTrail, CardLinks)}, with the probe that tells, after an append failed,
     * whether the trail can append again ({@link AuditProbe#file}, {@link AuditProbe#database}); until it can,
     * {@code /ready} answers 503.
     */
    public static CdsService start(ServiceConfig config, AuditTrail auditTrail, CardLinks cardLinks,
                                   AuditProbe probe) {
        Clock clock = Clock.systemUTC();
        return start(config, auditTrail, cardLinks, probe, new FhirFactsSource(clock), clock);
    }

    static CdsService start(ServiceConfig config, AuditTrail auditTrail, FactsSource facts, Clock clock) {
        return start(config, auditTrail, CardLinks.inMemory(REMEMBERED_CARDS),
                AuditProbe.retryAfter(Duration.ofSeconds(10)), facts, clock);
    }

    static CdsService start(ServiceConfig config, AuditTrail auditTrail, CardLinks cardLinks, FactsSource facts,
                            Clock clock) {
        return start(config, auditTrail, cardLinks, AuditProbe.retryAfter(Duration.ofSeconds(10)), facts, clock);
    }

    static CdsService start(ServiceConfig config, AuditTrail auditTrail, CardLinks cardLinks, AuditProbe probe,
                            FactsSource facts, Clock clock) {
        CdsService service = new CdsService(config, auditTrail, cardLinks, probe, facts, clock);
        service.app.start(config.host(), config.port());
        String scheme = config.transport().servesTls() ? "https" : "http";
        service.url = config.publicUrl() != null ? config.publicUrl()
                : URI.create(scheme + "://" + hostForUrl(config.host()) + ":" + service.app.port());
        service.ready = true;
        LOG.info("started: {}", StartupSummary.of(config, service.url, service.app.port()));
        return service;
    }

    /** The port the service listens on (the ephemeral one when the configuration said 0). */
    public int port() {
        return app.port();
    }

    /** The service's base URL, which a JWT's {@code aud} names. */
    public URI url() {
        return url;
    }

    @Override
    public void close() {
        ready = false;
        app.stop();
        advisor.close();
    }

    private void configure(io.javalin.config.JavalinConfig cfg) {
        cfg.startup.showJavalinBanner = false;
        cfg.startup.showOldJavalinVersionWarning = false;
        cfg.http.maxRequestSize = config.maxBodyBytes();
        // Slow or stalled clients are cut off instead of holding a thread.
        cfg.jetty.modifyHttpConfiguration(http -> http.setIdleTimeout(Duration.ofSeconds(30).toMillis()));
        if (config.transport().servesTls()) {
            cfg.jetty.addConnector((server, http) -> TlsConnector.create(server, http, config));
        }
        // The page calls without a JWT, so it is served only where calls need none (docs/cds-hooks.md, The page).
        if (config.development() && config.trustedIssuers().isEmpty()) {
            cfg.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/org/spinecare/advisor/service/page";
                files.location = Location.CLASSPATH;
            });
        } else {
            cfg.routes.get("/", ctx -> problem(ctx, 404, null, "the clinicians' page is served in development mode "
                    + "only: it cannot sign the JWT a call needs here (docs/cds-hooks.md)"));
        }
        if (!config.corsOrigins().isEmpty()) {
            cfg.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                config.corsOrigins().forEach(origin -> rule.allowHost(origin));
                rule.exposeHeader("Content-Type");
            }));
        } else if (config.development()) {
            // Local browser tools (the CDS Hooks sandbox, a page on another port) call from their own origin; the
            // service listens on loopback and answers only loopback Host names, and takes no credentials.
            cfg.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                rule.anyHost();
                rule.exposeHeader("Content-Type");
            }));
        }
        if (config.development()) {
            cfg.routes.before(LocalHost::require);
        }
        cfg.requestLogger.http((ctx, ms) -> {
            String route = route(ctx);
            metrics.request(ctx.method().name(), route, ctx.statusCode(), Duration.ofNanos((long) (ms * 1e6)));
            LOG.debug("{} {} -> {} in {} ms", ctx.method(), route, ctx.statusCode(), ms);
        });
        cfg.routes.get("/cds-services", this::discovery);
        cfg.routes.post("/cds-services/{id}", this::call);
        cfg.routes.post("/cds-services/{id}/feedback", this::feedback);
        cfg.routes.get(ReleaseAdmin.PATH, ctx -> {
            authoriseAdmin(ctx);
            send(ctx, 200, releases.live());
        });
        cfg.routes.post(ReleaseAdmin.PATH, this::swapRelease);
        cfg.routes.get("/health", ctx -> send(ctx, 200, Map.of("status", "up")));
        cfg.routes.get("/ready", this::readiness);
        cfg.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(metrics.scrape()));
        // The page builds its form from the published Questionnaire, so form and mapping cannot drift apart.
        cfg.routes.get("/fhir/Questionnaire/spine-screening", ctx -> ctx.contentType("application/fhir+json")
                .result(FhirResources.questionnaireJson()));
        AnswerPages pages = new AnswerPages(kept);
        cfg.routes.get(AnswerPages.EXPLANATIONS + "{id}", pages::explanation);
        cfg.routes.get(AnswerPages.HANDOUTS + "{id}", pages::handout);
        cfg.routes.get("/openapi.yaml", ctx -> ctx.contentType("application/yaml").result(resource("openapi.yaml")));
        cfg.routes.exception(RequestException.class, (e, ctx) -> {
            Refusals.log(ctx.method().name(), route(ctx), e);
            if (e.status() == 401) {
                ctx.header("WWW-Authenticate", "Bearer");
            }
            problem(ctx, e.status(), e.field(), e.getMessage());
        });
        cfg.routes.exception(InvalidFactsException.class, (e, ctx) -> {
            Refusals.log(ctx.method().name(), route(ctx), 400, e.path());
            problem(ctx, 400, e.path(), e.detail());
        });
        cfg.routes.exception(HttpResponseException.class, (e, ctx) -> {
            Refusals.log(ctx.method().name(), route(ctx), e.getStatus(), null);
            problem(ctx, e.getStatus(), null, e.getMessage());
        });
        cfg.routes.exception(UnknownAssessmentException.class, (e, ctx) -> {
            Refusals.log(ctx.method().name(), route(ctx), 404, "$.feedback");
            problem(ctx, 404, "$.feedback", "a card's assessment is not in this service's audit trail");
        });
        cfg.routes.exception(AssessmentException.class, (e, ctx) -> {
            String id = Refusals.errorId();
            LOG.error("500 error {} on {} {}: no assessment: {}", id, ctx.method(), route(ctx), e.getMessage());
            problem(ctx, 500, null, "no assessment could be given; no cards are shown (error " + id
                    + " in the service log)", id);
        });
        cfg.routes.exception(Exception.class, (e, ctx) -> {
            String id = Refusals.errorId();
            LOG.error("500 error {} on {} {}: {}", id, ctx.method(), route(ctx), Refusals.describe(e));
            problem(ctx, 500, null, "internal error; no cards are shown (error " + id + " in the service log)", id);
        });
    }

    private void discovery(Context ctx) {
        authenticate(ctx);
        send(ctx, 200, Discovery.document(facts, advisor.knowledgeBase().releaseId()));
    }

    private void call(Context ctx) {
        requireService(ctx);
        String issuer = authenticate(ctx);
        HookRequest call = HookRequest.parse(body(ctx));
        // A fhirServer outside the issuer's allowlist is never contacted; its data are only "could not be had".
        boolean fetchAllowed = call.fhirServer() == null || config.allowsFhirServer(issuer, call.fhirServer());
        PrefetchReader.Read read = PrefetchReader.read(call, fetcher, fetchAllowed);
        if (read.answered().isEmpty()) {
            throw new RequestException(412, "prefetch", "no prefetch key was sent and none could be had from a "
                    + "fhirServer (" + String.join(", ", facts.prefetchTemplates().keySet()) + ")");
        }
        FactsSource.Sourced patient = facts.facts(read, call.patientId());
        if (SilenceRule.silent(patient.facts(), patient.inputMapping())) {
            send(ctx, 200, Map.of("cards", List.of()));
            return;
        }
        Assessment assessment;
        trail.mappedAs(patient.inputMapping());
        try {
            assessment = advisor.assess(patient.facts());
        } finally {
            trail.mappedAs(null);
        }
        UUID recorded = trail.takeLast();
        kept.keep(recorded, assessment, patient.notes());
        List<Card> cards = cardFactory.cards(assessment, patient.facts(), patient.notes(),
                AnswerPages.links(url, recorded));
        issued.remember(recorded, cards.stream().map(card -> UUID.fromString(card.uuid())).toList());
        cards.forEach(card -> metrics.cards(card.indicator(), 1));
        send(ctx, 200, Map.of("cards", cards));
    }

    private void feedback(Context ctx) {
        requireService(ctx);
        authenticate(ctx);
        Instant received = clock.instant();
        FeedbackRequest request = FeedbackRequest.parse(body(ctx), received);
        // Every item is checked, its audit entry made, before any is recorded, so a refused request records nothing.
        List<FeedbackEntry> entries = new ArrayList<>();
        for (int i = 0; i < request.items().size(); i++) {
            FeedbackRequest.Item item = request.items().get(i);
            String path = "$.feedback[" + i + "]";
            UUID assessment = issued.assessmentOf(item.card()).orElseThrow(() -> new RequestException(404,
                    path + ".card", "is not a card this service gave (or one it no longer remembers: see "
                    + "docs/cds-hooks.md)"));
            entries.add(item.toEntry(assessment, received));
        }
        entries.forEach(trail::recordFeedback);
        send(ctx, 200, Map.of());
    }

    private void swapRelease(Context ctx) {
        authoriseAdmin(ctx);
        SwapResult result = releases.swap(body(ctx));
        // 409: the request was valid but the release was refused, and the live one still answers.
        send(ctx, result.swapped() ? 200 : 409, ReleaseAdmin.json(result));
    }

    private void authoriseAdmin(Context ctx) {
        // Checked before the body or any file is read; the token's aud is the admin URL, not a CDS endpoint.
        releases.authorise(ctx.header("Authorization"), url.toString().replaceAll("/+$", "") + ReleaseAdmin.PATH);
    }

    private void readiness(Context ctx) {
        if (!ready) {
            problem(ctx, 503, null, "not ready");
            return;
        }
        if (!auditHealth.canAppend()) {
            problem(ctx, 503, null, "the audit trail cannot append, so no call can be answered (see the service "
                    + "log)");
            return;
        }
        send(ctx, 200, Map.of("status", "ready", "knowledgeBase", advisor.knowledgeBase().releaseId()));
    }

    private static void requireService(Context ctx) {
        if (!ServiceConfig.SERVICE_ID.equals(ctx.pathParam("id"))) {
            throw new RequestException(404, "id", "no CDS service with this id; see GET /cds-services");
        }
    }

    /** The verified issuer of the call's JWT; null in development mode, which takes calls without one. */
    private String authenticate(Context ctx) {
        if (config.development() && config.trustedIssuers().isEmpty()) {
            return null;
        }
        String service = url.toString().replaceAll("/+$", "");
        if (ctx.path().endsWith("/feedback")) {
            // The specification's aud is the service URL; the reference sandbox sends the feedback URL: both name it.
            return authenticator.authenticate(ctx.header("Authorization"),
                    service + ctx.path().substring(0, ctx.path().length() - 9), service + ctx.path());
        }
        return authenticator.authenticate(ctx.header("Authorization"), service + ctx.path());
    }

    private static JsonNode body(Context ctx) {
        return JsonBody.read(ctx.contentType(), ctx.bodyAsBytes());
    }

    private void send(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void problem(Context ctx, int status, String field, String detail) {
        problem(ctx, status, field, detail, null);
    }

    private void problem(Context ctx, int status, String field, String detail, String errorId) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("status", status);
        if (field != null) {
            problem.put("field", field);
        }
        problem.put("detail", detail);
        if (errorId != null) {
            problem.put("errorId", errorId);
        }
        send(ctx, status, problem);
        ctx.contentType(PROBLEM_JSON);
    }

    private static String route(Context ctx) {
        // The matched route's template; static files of the page and unknown paths share one label.
        io.javalin.router.Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        return matched != null ? matched.path : "other";
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = CdsService.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is missing from the service jar");
            }
            return in.readAllBytes();
        }
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
