package org.spinecare.advisor.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.spinecare.advisor.fhir.FhirFacts;

/**
 * Reads from the client's FHIR server with the bearer token it gave, within limits a misbehaving server cannot
 * stretch: one deadline for all of a call's requests (connect, headers and body together, so a server sending a
 * byte a second is cut off at the deadline), a size limit on all their bodies together, and no redirects. A failure
 * of any kind is only "could not be had": nothing says whether a port was open or what the server answered.
 */
final class FhirFetcher {
    /** Everything fetched for one call goes into one FHIR document, which the mapping takes up to this size. */
    static final int MAX_CALL_BYTES = FhirFacts.MAX_DOCUMENT_BYTES;

    private final HttpClient http;
    private final Duration timeout;

    FhirFetcher(Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.timeout = timeout;
    }

    /**
     * The fetches of one call: they share one deadline, from now, and one byte budget. A session that is not
     * {@code allowed} (a base outside the configuration's allowlist) sends nothing and has every read fail.
     */
    Session session(URI base, String token, boolean allowed) {
        return new Session(base, token, allowed ? System.nanoTime() + timeout.toNanos() : System.nanoTime());
    }

    /** The data could not be had; deliberately without the reason (see the class comment). */
    static final class Unavailable extends Exception {
        Unavailable() {
            super("could not be had from the FHIR server", null, false, false);
        }
    }

    final class Session {
        private final URI base;
        private final String token;
        private final long deadline;
        private int bytesLeft = MAX_CALL_BYTES;

        private Session(URI base, String token, long deadline) {
            this.base = base;
            this.token = token;
            this.deadline = deadline;
        }

        /** GET a prefetch query (the template with the patient id filled in) from the base. */
        JsonNode read(String query) throws Unavailable {
            return get(FhirBase.query(base, query));
        }

        /** GET a page link; only one under the same base, which is where the token may go. */
        JsonNode follow(String link) throws Unavailable {
            URI uri;
            try {
                uri = new URI(link);
            } catch (java.net.URISyntaxException e) {
                throw new Unavailable();
            }
            if (!FhirBase.contains(base, uri)) {
                throw new Unavailable();
            }
            return get(uri);
        }

        private JsonNode get(URI uri) throws Unavailable {
            long left = deadline - System.nanoTime();
            if (left <= 0 || bytesLeft <= 0) {
                throw new Unavailable();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofNanos(left))
                    .header("Accept", "application/fhir+json").GET();
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            int limit = bytesLeft;
            CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request.build(), info ->
                    info.statusCode() == 200 ? new LimitedBody(limit) : HttpResponse.BodySubscribers.replacing(null));
            try {
                HttpResponse<byte[]> response = pending.get(left, TimeUnit.NANOSECONDS);
                if (response.statusCode() != 200 || response.body() == null) {
                    throw new Unavailable();
                }
                bytesLeft -= response.body().length;
                return JsonBody.STRICT.readTree(response.body());
            } catch (TimeoutException | ExecutionException | IOException | IllegalArgumentException e) {
                throw new Unavailable();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unavailable();
            } finally {
                pending.cancel(true);
            }
        }
    }
}
