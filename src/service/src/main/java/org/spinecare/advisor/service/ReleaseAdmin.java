package org.spinecare.advisor.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinecare.advisor.KnowledgeBaseInfo;
import org.spinecare.advisor.SpineAdvisor;
import org.spinecare.advisor.SwapResult;

/**
 * {@code GET} and {@code POST /admin/release}: shows the live knowledge base release and swaps it for a kjar already
 * on the server, under the configured releases directory (never an upload). Authorised by the admin issuers only, a
 * JWT whose {@code aud} is the admin URL; off (403) when the configuration has no admin section, which includes
 * development mode. The swap itself is {@link SpineAdvisor#swap(Path)}: calls already running finish on the old
 * release, and a release that fails its self-check or canaries is refused with the old one still live.
 */
final class ReleaseAdmin {
    static final String PATH = "/admin/release";
    private static final Logger LOG = LoggerFactory.getLogger(ReleaseAdmin.class);

    private final SpineAdvisor advisor;
    private final ServiceConfig.Admin admin;
    private final CallAuthenticator authenticator;

    ReleaseAdmin(SpineAdvisor advisor, ServiceConfig.Admin admin, Clock clock) {
        this.advisor = advisor;
        this.admin = admin;
        this.authenticator = admin == null ? null : new CallAuthenticator(admin.issuers(), clock);
    }

    /** @throws RequestException 403 when the endpoint is off, 401 when the token is not an admin's for {@code url} */
    void authorise(String authorization, String url) {
        if (admin == null) {
            throw new RequestException(403, "Authorization", "the release admin endpoint is off: the configuration "
                    + "names no admin issuer (it is always off in development mode)");
        }
        authenticator.authenticate(authorization, url);
    }

    Map<String, Object> live() {
        return Map.of("live", advisor.knowledgeBase());
    }

    /** Swaps to the kjar the body names; the answer's {@code swapped} says whether it went live. */
    SwapResult swap(JsonNode body) {
        Path kjar = kjar(body);
        SwapResult result = advisor.swap(kjar);
        // Accepted or refused, the log shows both releases so that the audit trail's switch point can be explained.
        LOG.info("release swap {}: live {} ({}), previous {} ({}), offered {}{}", result.swapped() ? "done" : "refused",
                result.live().releaseId(), result.live().rulesSha256(), result.previous().releaseId(),
                result.previous().rulesSha256(), describe(result.offered()),
                result.reason() == null ? "" : ", reason: " + result.reason());
        return result;
    }

    static Map<String, Object> json(SwapResult result) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("swapped", result.swapped());
        answer.put("live", result.live());
        answer.put("previous", result.previous());
        answer.put("offered", result.offered());
        answer.put("reason", result.reason());
        return answer;
    }

    private Path kjar(JsonNode body) {
        JsonNode field = body == null ? null : body.get("kjar");
        if (body == null || !body.isObject() || field == null || !field.isTextual() || field.asText().isBlank()) {
            throw RequestException.badRequest("$.kjar", "must be the path of a kjar file on the server");
        }
        try {
            Path directory = admin.releases().toRealPath();
            // Resolved against the releases directory and with links followed, so neither ../ nor a link leads out.
            Path kjar = directory.resolve(field.asText()).normalize();
            if (!kjar.startsWith(directory)) {
                throw outside(directory);
            }
            if (!Files.isRegularFile(kjar)) {
                throw RequestException.badRequest("$.kjar", "no such file in the releases directory");
            }
            if (!kjar.toRealPath().startsWith(directory)) {
                throw outside(directory);
            }
            return kjar.toRealPath();
        } catch (InvalidPathException e) {
            throw RequestException.badRequest("$.kjar", "is not a valid path");
        } catch (IOException e) {
            throw new RequestException(500, null, "the releases directory cannot be read: " + e.getMessage());
        }
    }

    private static RequestException outside(Path directory) {
        return RequestException.badRequest("$.kjar", "must be a file under the releases directory " + directory);
    }

    private static String describe(KnowledgeBaseInfo offered) {
        return offered == null ? "none (could not be loaded)" : offered.releaseId() + " (" + offered.rulesSha256() + ")";
    }
}
