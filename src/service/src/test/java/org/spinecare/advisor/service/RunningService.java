package org.spinecare.advisor.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.spinecare.advisor.AuditTrail;
import org.spinecare.advisor.audit.AuditKey;
import org.spinecare.advisor.audit.InMemoryAuditTrail;

/** The service on an ephemeral loopback port, with an in-memory audit trail, and a real HTTP client to call it. */
final class RunningService implements AutoCloseable {
    final InMemoryAuditTrail audit;
    final CdsService service;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    RunningService(ServiceConfig config) {
        this(config, new InMemoryAuditTrail(AuditKey.generate()));
    }

    /** With this trail; {@link #audit} is set only when it is an in-memory one. */
    RunningService(ServiceConfig config, AuditTrail trail) {
        this(config, trail, CardLinks.inMemory(CdsService.REMEMBERED_CARDS));
    }

    /** With this trail and these card links (several instances share a database table of them). */
    RunningService(ServiceConfig config, AuditTrail trail, CardLinks cardLinks) {
        audit = trail instanceof InMemoryAuditTrail memory ? memory : null;
        service = CdsService.start(config, trail, cardLinks, new FhirFactsSource(Clock.systemUTC()),
                Clock.systemUTC());
    }

    /** In development mode, with the facts taken from {@code facts} (a test's recording source, say). */
    RunningService(FactsSource facts) {
        audit = new InMemoryAuditTrail(AuditKey.generate());
        service = CdsService.start(ServiceConfig.development("127.0.0.1", 0), audit,
                CardLinks.inMemory(CdsService.REMEMBERED_CARDS), facts, Clock.systemUTC());
    }

    /** Development mode with this trail and the probe {@code /ready} asks after a failed append. */
    RunningService(AuditTrail trail, AuditProbe probe) {
        audit = trail instanceof InMemoryAuditTrail memory ? memory : null;
        service = CdsService.start(ServiceConfig.development("127.0.0.1", 0), trail,
                CardLinks.inMemory(CdsService.REMEMBERED_CARDS), probe, new FhirFactsSource(Clock.systemUTC()),
                Clock.systemUTC());
    }

    static RunningService development() {
        return new RunningService(ServiceConfig.development("127.0.0.1", 0));
    }

    String url(String path) {
        return service.url() + path;
    }

    HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).GET();
        return send(token == null ? request : request.header("Authorization", "Bearer " + token));
    }

    HttpResponse<String> post(String path, String json, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        return send(token == null ? request : request.header("Authorization", "Bearer " + token));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        service.close();
    }
}
