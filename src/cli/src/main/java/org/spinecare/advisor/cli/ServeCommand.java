package org.spinecare.advisor.cli;

import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.spinecare.advisor.AuditTrail;
import org.spinecare.advisor.audit.AuditKey;
import org.spinecare.advisor.audit.AuditSigningKey;
import org.spinecare.advisor.audit.HeadPolicy;
import org.spinecare.advisor.audit.JsonLinesAuditTrail;
import org.spinecare.advisor.audit.PostgresAuditTrail;
import org.spinecare.advisor.service.AuditProbe;
import org.spinecare.advisor.service.CardLinks;
import org.spinecare.advisor.service.CdsService;
import org.spinecare.advisor.service.ServiceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", description = "Run the CDS Hooks 2.0 service (docs/cds-hooks.md) until stopped. Without "
        + "--config it runs in development mode: loopback, no JWT, not for production.")
final class ServeCommand implements Callable<Integer> {
    // The audit file's notes and warnings go to the service log (started by then), so a JSON log stays all JSON.
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--port", description = "Port to listen on (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port = 8080;

    @Option(names = "--host", description = "Interface to bind (default ${DEFAULT-VALUE}).")
    String host = "127.0.0.1";

    @Option(names = "--data", description = "Folder for the audit file data/audit.jsonl and its keys (default "
            + "${DEFAULT-VALUE}); not used with --audit-db.")
    Path data = Path.of("spine-data");

    @Mixin
    AuditHeadCopyOption auditHeadCopy;

    @Mixin
    AuditDatabaseOption auditDb;

    @Option(names = "--audit-key-file", paramLabel = "KEYFILE", description = "The HMAC key (hex) for pseudonymous "
            + "patient references. Default: $SPINE_AUDIT_KEY, else (audit file only) DATA/audit.jsonl.key, created "
            + "on first use. With --audit-db every instance must use the same key, so it must be given.")
    Path auditKeyFile;

    @Option(names = "--audit-signing-key-file", paramLabel = "PEMFILE", description = "The Ed25519 key (PEM) that "
            + "signs the audit trail's heads. Default (audit file only): DATA/audit.jsonl.signing-key, created on "
            + "first use. With --audit-db every instance must use the same key, so it must be given.")
    Path auditSigningKeyFile;

    @Option(names = "--audit-head-every", paramLabel = "RECORDS", description = "Sign the audit trail's head once "
            + "this many records are outside it (default ${DEFAULT-VALUE}), or --audit-head-within after the first "
            + "of them, whichever comes first, and at shutdown (docs/audit.md, Signed heads).")
    long auditHeadEvery = 1000;

    @Option(names = "--audit-head-within", paramLabel = "MS", description = "At most this many milliseconds "
            + "between a record and the signed head over it (default ${DEFAULT-VALUE}); 0 signs a head in every "
            + "commit, before the call is answered.")
    long auditHeadWithinMillis = 1000;

    @Option(names = "--config", description = "Production configuration (JSON): publicUrl, trustedIssuers "
            + "[{issuer, jwks, fhirServers}], tls {keyStore} or behindTlsProxy, corsOrigins, maxBodyBytes, admin "
            + "{issuers, releases}. See docs/cds-hooks.md.")
    Path config;

    @Option(names = "--log-format", paramLabel = "text|json", description = "The log on stderr: one line per "
            + "event, as text (default) or as JSON lines.")
    String logFormat = "text";

    /** The environment variable holding the TLS key store's password (never in the configuration file). */
    static final String TLS_PASSWORD_ENV = "SPINE_TLS_KEYSTORE_PASSWORD";

    /** The production configuration file: publicUrl and trustedIssuers required. */
    record ConfigFile(URI publicUrl, List<ServiceConfig.TrustedIssuer> trustedIssuers, List<String> corsOrigins,
                      Long maxBodyBytes, AdminFile admin, TlsFile tls, Boolean behindTlsProxy) {
    }

    /** TLS served by the service itself: a PKCS#12 key store (certificate chain and private key). */
    record TlsFile(String keyStore) {
    }

    /** The optional release admin (POST /admin/release): its own issuers and the directory releases come from. */
    record AdminFile(List<ServiceConfig.TrustedIssuer> issuers, String releases) {
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if (!logFormat.equals("text") && !logFormat.equals("json")) {
            err.println("spine: --log-format must be text or json, not " + TerminalText.safe(logFormat));
            return SpineCli.INVALID_INPUT;
        }
        String badHost = BindAddress.problem(host);
        if (badHost != null) {
            err.println("spine: " + badHost);
            return SpineCli.INVALID_INPUT;
        }
        if (config == null && !ServiceConfig.isLoopback(host)) {
            err.println("spine: development mode (no --config, so no JWT) listens on loopback only, not on "
                    + TerminalText.safe(host) + "; give --config with trusted issuers to listen elsewhere");
            return SpineCli.INVALID_INPUT;
        }
        Map<String, String> environment = System.getenv();
        ServiceConfig settings = settings(err, environment);
        ServiceLogging.start(logFormat.equals("json") ? ServiceLogging.Format.JSON : ServiceLogging.Format.TEXT);
        try {
            return serve(settings, environment);
        } finally {
            // A serve that could not start leaves the JVM's other commands (tests run several) as silent as before.
            ServiceLogging.quiet();
        }
    }

    private int serve(ServiceConfig settings, Map<String, String> environment) throws IOException,
            InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        try (HeadCopyFile headCopy = auditHeadCopy.file == null ? null : HeadCopyFile.open(auditHeadCopy.file);
             AuditTrail trail = auditDb.url == null ? fileTrail(headCopy, environment)
                     : databaseTrail(headCopy, environment)) {
            // With a shared trail, feedback on a card may reach another instance than the one that gave it.
            CdsService service = auditDb.url == null
                    ? CdsService.start(settings, trail, CardLinks.inMemory(CdsService.REMEMBERED_CARDS),
                    AuditProbe.file((JsonLinesAuditTrail) trail, data.resolve("audit.jsonl")))
                    : CdsService.start(settings, trail, CardLinks.database(auditDb.dataSource(environment),
                    auditDb.table + "_cards", databaseKey(environment)), AuditProbe.database((PostgresAuditTrail) trail,
                    auditDb.dataSource(environment), auditDb.table));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                service.close();
                // Here, not only after await: on SIGTERM the JVM halts once the hooks end, and closing signs the
                // head the policy deferred (docs/audit.md, Signed heads, "How often").
                trail.close();
                stopped.countDown();
            }, "spine-serve-shutdown"));
            PrintWriter out = spec.commandLine().getOut();
            out.println("spine: CDS Hooks service at " + service.url() + "/cds-services (page: " + service.url()
                    + "/), audit " + (auditDb.url == null ? "file " + TerminalText.safe(data.resolve("audit.jsonl"))
                    : "table " + auditDb.table));
            out.flush();
            stopped.await();
        }
        return SpineCli.OK;
    }

    /** The audit file DATA/audit.jsonl, with keys created beside it on first use unless given. */
    private AuditTrail fileTrail(HeadCopyFile headCopy, Map<String, String> environment) throws IOException {
        Files.createDirectories(data);
        Path auditFile = data.resolve("audit.jsonl");
        AuditKey key = AuditKeys.resolve(auditFile, auditKeyFile, environment,
                note -> LOG.info(TerminalText.safe(note)));
        // Signed heads as for assess --audit (docs/audit.md), so that a cut or rewritten file shows.
        AuditSigningKey signer = AuditSigningKeys.resolve(auditFile, auditSigningKeyFile,
                note -> LOG.info(TerminalText.safe(note)));
        return JsonLinesAuditTrail.builder(auditFile, key).signer(signer).headPolicy(headPolicy())
                .warnings(warning -> LOG.warn(TerminalText.safe(warning)))
                .headCopies(headCopy == null ? head -> { } : headCopy).open();
    }

    /**
     * The database trail that several instances share (docs/audit.md, Database trail). Its keys are never created
     * here: an instance with a key of its own would give patients other pseudonyms, and its heads would be refused
     * by the others.
     */
    private AuditTrail databaseTrail(HeadCopyFile headCopy, Map<String, String> environment) throws IOException {
        AuditKey key = databaseKey(environment);
        if (auditSigningKeyFile == null) {
            throw new IllegalArgumentException("--audit-db needs the head signing key every instance shares: give "
                    + "--audit-signing-key-file");
        }
        List<String> missing = PostgresAuditTrail.missingTables(auditDb.dataSource(environment), auditDb.table);
        if (!missing.isEmpty()) {
            // serve runs with the writers' grants, which allow no DDL: the tables' owner creates them once.
            throw new IllegalArgumentException("the audit table(s) " + String.join(", ", missing) + " do not exist: "
                    + "create them once, as the role that is to own them, with ./spine audit init-db --audit-db URL"
                    + " --audit-db-table " + auditDb.table + " (docs/audit.md, Database trail)");
        }
        return PostgresAuditTrail.builder(auditDb.dataSource(environment), key).table(auditDb.table)
                .signer(AuditSigningKeys.read(auditSigningKeyFile)).headPolicy(headPolicy()).createTables(false)
                .headCopies(headCopy == null ? head -> { } : headCopy).open();
    }

    /** How often the trail signs a head: the service answers before its record is under one (docs/audit.md). */
    private HeadPolicy headPolicy() {
        if (auditHeadEvery < 1) {
            throw new IllegalArgumentException("--audit-head-every must be 1 or more records, not " + auditHeadEvery);
        }
        if (auditHeadWithinMillis < 0) {
            throw new IllegalArgumentException("--audit-head-within must be 0 or more milliseconds, not "
                    + auditHeadWithinMillis);
        }
        return HeadPolicy.every(auditHeadEvery, auditHeadWithinMillis);
    }

    /** The audit key every instance on one table shares: given, never created here. */
    private AuditKey databaseKey(Map<String, String> environment) throws IOException {
        List<AuditKey> keys = AuditKeys.given(auditKeyFile == null ? List.of() : List.of(auditKeyFile), environment);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("--audit-db needs the audit key every instance shares: give "
                    + "--audit-key-file or $" + AuditKeys.ENV);
        }
        return keys.get(0);
    }

    /** The configuration the options give; development mode, said on {@code err}, without --config. */
    ServiceConfig settings(PrintWriter err) throws IOException {
        return settings(err, System.getenv());
    }

    ServiceConfig settings(PrintWriter err, Map<String, String> environment) throws IOException {
        if (config == null) {
            ServiceConfig development = ServiceConfig.development(host, port);
            err.println("spine: WARNING: DEVELOPMENT MODE, NOT FOR PRODUCTION: calls are accepted without a JWT. "
                    + "Give --config with trusted issuers to require CDS Hooks authentication.");
            err.flush();
            return development;
        }
        ConfigFile file;
        try {
            file = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
                    .readValue(config.toFile(), ConfigFile.class);
        } catch (DatabindException e) {
            // The configuration's own checks (an http JWKS, a relative file: URI, ...) come wrapped by Jackson.
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new IllegalArgumentException(config + ": " + (cause instanceof IllegalArgumentException
                    ? cause.getMessage() : e.getOriginalMessage()), e);
        }
        if (file.publicUrl() == null || file.trustedIssuers() == null || file.trustedIssuers().isEmpty()) {
            throw new IllegalArgumentException(config + ": publicUrl and at least one trustedIssuers entry are "
                    + "required");
        }
        if (file.admin() != null && (file.admin().issuers() == null || file.admin().issuers().isEmpty()
                || file.admin().releases() == null)) {
            throw new IllegalArgumentException(config + ": admin needs issuers (at least one) and releases");
        }
        if (file.tls() != null && file.tls().keyStore() == null) {
            throw new IllegalArgumentException(config + ": tls needs keyStore (a PKCS#12 file; its password in $"
                    + TLS_PASSWORD_ENV + ")");
        }
        ServiceConfig.Transport transport = file.tls() != null
                ? ServiceConfig.Transport.tls(Path.of(file.tls().keyStore()), environment.get(TLS_PASSWORD_ENV))
                : Boolean.TRUE.equals(file.behindTlsProxy()) ? ServiceConfig.Transport.behindProxy()
                : ServiceConfig.Transport.PLAIN;
        try {
            return new ServiceConfig(host, port, file.publicUrl(), file.trustedIssuers(),
                    file.corsOrigins() == null ? List.of() : file.corsOrigins(),
                    file.maxBodyBytes() == null ? ServiceConfig.DEFAULT_MAX_BODY_BYTES : file.maxBodyBytes(),
                    Duration.ofSeconds(5), false, file.admin() == null ? null
                    : new ServiceConfig.Admin(file.admin().issuers(), Path.of(file.admin().releases())), transport);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(config + ": " + e.getMessage(), e);
        }
    }
}
