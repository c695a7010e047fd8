package org.spinecare.advisor.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.spinecare.advisor.audit.AuditKey;
import org.spinecare.advisor.audit.AuditSigningKey;
import org.spinecare.advisor.audit.JsonLinesAuditTrail;
import org.spinecare.advisor.service.CdsService;
import org.spinecare.advisor.service.ServiceConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", description = "Run the CDS Hooks 2.0 service (docs/cds-hooks.md) until stopped. Without "
        + "--config it runs in development mode: loopback, no JWT, not for production.")
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", description = "Port to listen on (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port = 8080;

    @Option(names = "--host", description = "Interface to bind (default ${DEFAULT-VALUE}).")
    String host = "127.0.0.1";

    @Option(names = "--data", description = "Folder for the audit file data/audit.jsonl and its key (default "
            + "${DEFAULT-VALUE}).")
    Path data = Path.of("spine-data");

    @Mixin
    AuditHeadCopyOption auditHeadCopy;

    @Option(names = "--config", description = "Production configuration (JSON): publicUrl, trustedIssuers "
            + "[{issuer, jwks}], corsOrigins, maxBodyBytes, admin {issuers, releases}. See docs/cds-hooks.md.")
    Path config;

    /** The production configuration file: every field but {@code corsOrigins} and {@code maxBodyBytes} required. */
    record ConfigFile(URI publicUrl, List<ServiceConfig.TrustedIssuer> trustedIssuers, List<String> corsOrigins,
                      Long maxBodyBytes, AdminFile admin) {
    }

    /** The optional release admin (POST /admin/release): its own issuers and the directory releases come from. */
    record AdminFile(List<ServiceConfig.TrustedIssuer> issuers, String releases) {
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        ServiceConfig settings = settings(err);
        Files.createDirectories(data);
        Path auditFile = data.resolve("audit.jsonl");
        AuditKey key = AuditKeys.resolve(auditFile, null, System.getenv(),
                note -> err.println("spine: " + TerminalText.safe(note)));
        CountDownLatch stopped = new CountDownLatch(1);
        // Signed heads as for assess --audit (docs/audit.md), so that a cut or rewritten file shows.
        AuditSigningKey signer = AuditSigningKeys.resolve(auditFile, null,
                note -> err.println("spine: " + TerminalText.safe(note)));
        try (HeadCopyFile headCopy = auditHeadCopy.file == null ? null : HeadCopyFile.open(auditHeadCopy.file);
             JsonLinesAuditTrail trail = JsonLinesAuditTrail.open(auditFile, key, signer,
                warning -> err.println("spine: warning: " + TerminalText.safe(warning)),
                headCopy == null ? head -> { } : headCopy)) {
            CdsService service = CdsService.start(settings, trail);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                service.close();
                stopped.countDown();
            }, "spine-serve-shutdown"));
            PrintWriter out = spec.commandLine().getOut();
            out.println("spine: CDS Hooks service at " + service.url() + "/cds-services (page: " + service.url()
                    + "/), audit file " + TerminalText.safe(auditFile));
            out.flush();
            stopped.await();
        }
        return SpineCli.OK;
    }

    /** The configuration the options give; development mode, said on {@code err}, without --config. */
    ServiceConfig settings(PrintWriter err) throws IOException {
        ServiceConfig development = ServiceConfig.development(host, port);
        if (config == null) {
            err.println("spine: WARNING: DEVELOPMENT MODE, NOT FOR PRODUCTION: calls are accepted without a JWT. "
                    + "Give --config with trusted issuers to require CDS Hooks authentication.");
            err.flush();
            return development;
        }
        ConfigFile file = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
                .readValue(config.toFile(), ConfigFile.class);
        if (file.publicUrl() == null || file.trustedIssuers() == null || file.trustedIssuers().isEmpty()) {
            throw new IllegalArgumentException(config + ": publicUrl and at least one trustedIssuers entry are "
                    + "required");
        }
        if (file.admin() != null && (file.admin().issuers() == null || file.admin().issuers().isEmpty()
                || file.admin().releases() == null)) {
            throw new IllegalArgumentException(config + ": admin needs issuers (at least one) and releases");
        }
        return new ServiceConfig(host, port, file.publicUrl(), file.trustedIssuers(),
                file.corsOrigins() == null ? List.of() : file.corsOrigins(),
                file.maxBodyBytes() == null ? ServiceConfig.DEFAULT_MAX_BODY_BYTES : file.maxBodyBytes(),
                Duration.ofSeconds(5), false, file.admin() == null ? null
                        : new ServiceConfig.Admin(file.admin().issuers(), Path.of(file.admin().releases())));
    }
}
