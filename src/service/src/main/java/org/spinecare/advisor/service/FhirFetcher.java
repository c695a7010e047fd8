package org.spinecare.advisor.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Fetches the prefetch queries the client did not send from its FHIR server, with the bearer token it gave, so
 * that a call without prefetch is answered from the same resources. Any failure is a 412 naming the query: the
 * data could not be had, which is never read as "nothing to report".
 */
final class FhirFetcher {
    /** A screening bundle is a few KiB; the cap bounds what a misbehaving server can make us hold. */
    static final int MAX_RESOURCE_BYTES = 2 * 1024 * 1024;

    private final HttpClient http;
    private final Duration timeout;
    private final ObjectMapper json;

    FhirFetcher(Duration timeout, ObjectMapper json) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.timeout = timeout;
        this.json = json;
    }

    /** Adds to {@code prefetch} every templated key it lacks, read from {@code fhirServer}. */
    void fillIn(ObjectNode prefetch, Map<String, String> templates, HookRequest call) {
        String base = call.fhirServer().toString().replaceAll("/+$", "");
        for (Map.Entry<String, String> template : templates.entrySet()) {
            JsonNode present = prefetch.get(template.getKey());
            if (present != null && !present.isNull()) {
                continue;
            }
            // The patient id was checked against the FHIR id pattern, so it needs no escaping in a URL.
            String query = template.getValue().replace("{{context.patientId}}", call.patientId());
            prefetch.set(template.getKey(), get(URI.create(base + "/" + query), call.accessToken(), template.getKey()));
        }
    }

    private JsonNode get(URI uri, String token, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", "application/fhir+json").GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw unavailable(key, "the FHIR server could not be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(key, "interrupted while fetching from the FHIR server");
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw unavailable(key, "the FHIR server answered HTTP " + response.statusCode());
            }
            byte[] bytes = body.readNBytes(MAX_RESOURCE_BYTES + 1);
            if (bytes.length > MAX_RESOURCE_BYTES) {
                throw unavailable(key, "the FHIR server's answer is larger than " + MAX_RESOURCE_BYTES + " bytes");
            }
            return json.readTree(bytes);
        } catch (IOException e) {
            throw unavailable(key, "the FHIR server's answer is not JSON");
        }
    }

    private static RequestException unavailable(String key, String message) {
        return new RequestException(412, "prefetch." + key, message);
    }
}
