package org.spinecare.advisor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CDS Hooks JWT rules, against the running server with a real client and real keys. */
class JwtSecurityTest {
    private static final TestIssuer EHR = new TestIssuer("https://ehr.example.org");
    private static final TestIssuer STRANGER = new TestIssuer("https://stranger.example.org");
    @TempDir
    static Path keys;
    private static RunningService server;
    private static String discovery;

    @BeforeAll
    static void start() throws Exception {
        server = new RunningService(ServiceConfig.development("127.0.0.1", 0)
                .withIssuers(List.of(EHR.trusted(keys)), null));
        discovery = server.url("/cds-services");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @DisplayName("Given an ES384 token from the allow-listed issuer for this URL, discovery answers 200")
    void acceptsEs384() {
        assertEquals(200, server.get("/cds-services", EHR.es384(discovery)).statusCode());
    }

    @Test
    @DisplayName("Given an RS384 token from the allow-listed issuer, discovery answers 200")
    void acceptsRs384() {
        assertEquals(200, server.get("/cds-services", EHR.rs384(discovery)).statusCode());
    }

    @Test
    @DisplayName("Given an ES384 or RS384 token whose signature was changed in any one place, the call is refused")
    void refusesAlteredSignatures() {
        for (String token : List.of(EHR.es384(discovery), EHR.rs384(discovery))) {
            String signature = token.substring(token.lastIndexOf('.') + 1);
            // The first, a middle and the second to last base64url character (the last may carry unused bits)
            for (int at : List.of(0, signature.length() / 2, signature.length() - 2)) {
                char original = signature.charAt(at);
                String altered = token.substring(0, token.lastIndexOf('.') + 1) + signature.substring(0, at)
                        + (original == 'A' ? 'B' : 'A') + signature.substring(at + 1);
                assertRefused(server.get("/cds-services", altered), "refused");
            }
        }
    }

    @Test
    @DisplayName("Given an ES384 token whose signature belongs to other claims, the call is refused")
    void refusesSignatureOfOtherClaims() {
        String one = EHR.es384(discovery);
        String other = EHR.es384(discovery);
        String spliced = one.substring(0, one.lastIndexOf('.')) + other.substring(other.lastIndexOf('.'));
        assertRefused(server.get("/cds-services", spliced), "refused");
    }

    @Test
    @DisplayName("Given no token, the call is refused with 401 naming the Authorization header")
    void refusesMissingToken() {
        assertRefused(server.get("/cds-services", null), "Bearer");
    }

    @Test
    @DisplayName("Given an expired token, the call is refused")
    void refusesExpired() {
        Instant past = Instant.now().minus(Duration.ofMinutes(10));
        assertRefused(server.get("/cds-services", EHR.modified(discovery, c -> c.issueTime(Date.from(past))
                .expirationTime(Date.from(past.plusSeconds(120))))), "xpired");
    }

    @Test
    @DisplayName("Given a token for another audience, the call is refused")
    void refusesWrongAudience() {
        assertRefused(server.get("/cds-services", EHR.es384("https://other.example.org/cds-services")), "aud");
    }

    @Test
    @DisplayName("Given a token for the hook endpoint, discovery refuses it: aud is the URL called")
    void refusesAudienceOfAnotherEndpoint() {
        assertRefused(server.get("/cds-services", EHR.es384(discovery + "/" + ServiceConfig.SERVICE_ID)), "aud");
    }

    @Test
    @DisplayName("Given a token from an issuer not on the allowlist, the call is refused")
    void refusesUnknownIssuer() {
        assertRefused(server.get("/cds-services", STRANGER.es384(discovery)), "allowlist");
    }

    @Test
    @DisplayName("Given a token signed with a key not in the issuer's JWKS, the call is refused")
    void refusesUnknownKey() throws Exception {
        assertRefused(server.get("/cds-services", EHR.withUnknownKey(discovery)), "refused");
    }

    @Test
    @DisplayName("Given an unsigned token (alg none), the call is refused")
    void refusesAlgNone() {
        assertRefused(server.get("/cds-services", EHR.unsigned(discovery)), "signed");
    }

    @Test
    @DisplayName("Given an HS256 token, the call is refused: HMAC is not an allowed algorithm")
    void refusesHmac() throws Exception {
        assertRefused(server.get("/cds-services", EHR.hs256(discovery)), "refused");
    }

    @Test
    @DisplayName("Given a token already used once, the second call with it is refused")
    void refusesReplayedJti() {
        String token = EHR.es384(discovery);
        assertEquals(200, server.get("/cds-services", token).statusCode());

        assertRefused(server.get("/cds-services", token), "jti");
    }

    @Test
    @DisplayName("Given a token without a jti, the call is refused")
    void refusesMissingJti() {
        assertRefused(server.get("/cds-services", EHR.modified(discovery, c -> c.jwtID(null))), "refused");
    }

    @Test
    @DisplayName("Given a token that lives for hours, the call is refused: replay protection needs short tokens")
    void refusesLongLivedToken() {
        assertRefused(server.get("/cds-services", EHR.modified(discovery,
                c -> c.expirationTime(Date.from(Instant.now().plus(Duration.ofHours(5)))))), "minutes");
    }

    @Test
    @DisplayName("Given tokens whose aud is the service's URL, a hook call is answered and its feedback recorded")
    void hookCallAndFeedbackWithTheServiceAudience() throws Exception {
        String service = discovery + "/" + ServiceConfig.SERVICE_ID;
        HttpResponse<String> call = server.post("/cds-services/" + ServiceConfig.SERVICE_ID,
                Prefetch.call("p-jwt", ServiceCallTest.BACK_PAIN_ONLY).toString(), EHR.es384(service));
        assertEquals(200, call.statusCode(), call.body());
        String card = ServiceCallTest.cards(call).get(0).uuid();

        HttpResponse<String> feedback = server.post("/cds-services/" + ServiceConfig.SERVICE_ID + "/feedback",
                "{\"feedback\":[{\"card\":\"" + card + "\",\"outcome\":\"accepted\","
                        + "\"outcomeTimestamp\":\"2026-11-24T10:00:00Z\"}]}", EHR.es384(service));

        assertEquals(200, feedback.statusCode(), feedback.body());
        assertEquals(1, server.audit.feedback().size());
    }

    @Test
    @DisplayName("Given a hook call without a token in production mode, it is refused before the body is read")
    void hookCallWithoutTokenRefused() {
        assertRefused(server.post("/cds-services/" + ServiceConfig.SERVICE_ID, "{}", null), "Bearer");
    }

    @Test
    @DisplayName("Given a token issued more than the allowed skew in the future, the call is refused")
    void refusesIssuedInTheFuture() {
        Instant ahead = Instant.now().plus(Duration.ofMinutes(3));
        assertRefused(server.get("/cds-services", EHR.modified(discovery, c -> c.issueTime(Date.from(ahead))
                .expirationTime(Date.from(ahead.plusSeconds(60))))), "future");
    }

    @Test
    @DisplayName("Given a feedback token whose aud is the feedback URL, as the reference sandbox sends, the feedback "
            + "is recorded; a token for discovery is still refused there")
    void feedbackWithTheFeedbackUrlAudience() throws Exception {
        String service = discovery + "/" + ServiceConfig.SERVICE_ID;
        HttpResponse<String> call = server.post("/cds-services/" + ServiceConfig.SERVICE_ID,
                Prefetch.call("p-aud", ServiceCallTest.BACK_PAIN_ONLY).toString(), EHR.es384(service));
        String card = ServiceCallTest.cards(call).get(0).uuid();
        String body = "{\"feedback\":[{\"card\":\"" + card + "\",\"outcome\":\"accepted\","
                + "\"outcomeTimestamp\":\"2026-11-24T10:00:00Z\"}]}";
        String path = "/cds-services/" + ServiceConfig.SERVICE_ID + "/feedback";

        HttpResponse<String> feedback = server.post(path, body, EHR.es384(service + "/feedback"));
        HttpResponse<String> wrong = server.post(path, body, EHR.es384(discovery));

        assertEquals(200, feedback.statusCode(), feedback.body());
        assertRefused(wrong, "aud");
    }

    private static void assertRefused(HttpResponse<String> response, String reason) {
        assertEquals(401, response.statusCode(), response.body());
        assertEquals("Bearer", response.headers().firstValue("WWW-Authenticate").orElse(null),
                "a 401 names the scheme (RFC 6750)");
        assertTrue(response.body().contains("\"field\":\"Authorization\""), response.body());
        assertTrue(response.body().contains(reason), response.body());
        assertTrue(!response.body().contains("\tat ") && !response.body().contains("Exception"),
                "no stack trace: " + response.body());
    }
}
