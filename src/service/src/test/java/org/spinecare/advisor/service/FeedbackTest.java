package org.spinecare.advisor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecare.advisor.SpineJson;
import org.spinecare.advisor.audit.AuditKey;
import org.spinecare.advisor.audit.AuditVerifier;
import org.spinecare.advisor.audit.JsonLinesAuditTrail;

/** Feedback on cards goes into the hash-chained audit file, linked to the assessment it answers. */
class FeedbackTest {
    private static final String PATH = ServiceCallTest.PATH;
    @TempDir
    Path dir;
    private Path auditFile;
    private JsonLinesAuditTrail trail;
    private RunningService server;

    @BeforeEach
    void start() {
        auditFile = dir.resolve("audit.jsonl");
        trail = JsonLinesAuditTrail.open(auditFile, AuditKey.generate());
        server = new RunningService(ServiceConfig.development("127.0.0.1", 0), trail);
    }

    @AfterEach
    void stop() {
        server.close();
        trail.close();
    }

    @Test
    @DisplayName("Given two answers' cards, when the clinician accepts one and overrides the other with a coded "
            + "reason, both are appended to the audit file after the assessments and audit verify passes")
    void feedbackThenVerify() throws Exception {
        List<Card> cards = List.of(cardsFor("scenarios/examples/stenosis-back-tension.json").get(0),
                cardsFor("scenarios/examples/self-care-urge-to-pop.json").get(0));
        String body = "{\"feedback\":[" + accepted(cards.get(0)) + "," + overridden(cards.get(1), "clinical-judgement")
                + "]}";

        HttpResponse<String> response = server.post(PATH + "/feedback", body, null);

        assertEquals(200, response.statusCode(), response.body());
        List<String> lines = Files.readAllLines(auditFile);
        assertEquals(4, lines.size(), "two assessment records and two feedback records");
        assertTrue(lines.get(2).contains(cards.get(0).uuid()) && lines.get(3).contains("clinical-judgement"));
        assertTrue(lines.stream().noneMatch(l -> l.contains("free text from the clinician")),
                "the userComment is not recorded: it could name a patient");
        AuditVerifier.Verification verification = AuditVerifier.verify(auditFile);
        assertTrue(verification.ok(), verification.message());
    }

    @Test
    @DisplayName("Given feedback for a card this service never gave, it is refused with 404 and nothing is recorded")
    void unknownCardRefused() throws Exception {
        List<Card> cards = cardsFor("scenarios/examples/cauda-equina.json");
        Card stranger = new Card(UUID.randomUUID().toString(), "x", null, "info", cards.get(0).source(),
                List.of(), null);

        HttpResponse<String> response = server.post(PATH + "/feedback",
                "{\"feedback\":[" + accepted(cards.get(0)) + "," + accepted(stranger) + "]}", null);

        HookRequestValidationTest.assertProblem(response, 404, "$.feedback[1].card");
        assertEquals(1, Files.readAllLines(auditFile).size(), "a refused request records nothing");
    }

    @Test
    @DisplayName("Given an override reason the card did not offer, the feedback is refused naming the field")
    void unofferedReasonRefused() throws Exception {
        List<Card> cards = cardsFor("scenarios/examples/cauda-equina.json");

        HttpResponse<String> response = server.post(PATH + "/feedback",
                "{\"feedback\":[" + overridden(cards.get(0), "because-i-say-so") + "]}", null);

        HookRequestValidationTest.assertProblem(response, 400, "$.feedback[0].overrideReason.reason");
    }

    @Test
    @DisplayName("Given malformed feedback, it is refused with 400 naming the field")
    void malformedFeedbackRefused() throws Exception {
        List<Card> cards = cardsFor("scenarios/examples/cauda-equina.json");
        String card = cards.get(0).uuid();

        HookRequestValidationTest.assertProblem(server.post(PATH + "/feedback", "{}", null), 400, "$.feedback");
        HookRequestValidationTest.assertProblem(server.post(PATH + "/feedback", "{\"feedback\":[{\"card\":\"" + card
                + "\",\"outcome\":\"ignored\",\"outcomeTimestamp\":\"2026-01-01T10:00:00Z\"}]}", null), 400,
                "$.feedback[0].outcome");
        HookRequestValidationTest.assertProblem(server.post(PATH + "/feedback", "{\"feedback\":[{\"card\":\"" + card
                + "\",\"outcome\":\"accepted\",\"outcomeTimestamp\":\"yesterday\"}]}", null), 400,
                "$.feedback[0].outcomeTimestamp");
        HookRequestValidationTest.assertProblem(server.post(PATH + "/feedback", "{\"feedback\":[{\"card\":\"" + card
                + "\",\"outcome\":\"accepted\",\"outcomeTimestamp\":\"2026-01-01T10:00:00Z\",\"overrideReason\":"
                + "{\"reason\":{\"system\":\"" + CardFactory.OVERRIDE_SYSTEM + "\",\"code\":\"patient-declined\"}}}]}",
                null), 400, "$.feedback[0].overrideReason");
    }

    @Test
    @DisplayName("Given the feedback shapes CDS Hooks 2.0.1 allows (an override with only a userComment, a reason "
            + "from the EHR's own code system, the specification's timestamp 1985-04-12T23:20:50.52Z, lower-case t "
            + "and z, an offset), all are recorded and the file verifies")
    void specificationShapesAccepted() throws Exception {
        // One card per answer: three answers, one feedback item on each card
        List<Card> cards = threeCards("scenarios/examples/stenosis-back-tension.json");
        String body = "{\"feedback\":["
                + item(cards.get(0), "overridden", "1985-04-12T23:20:50.52Z", "{\"userComment\":\"seen already\"}")
                + "," + item(cards.get(1), "overridden", "2026-11-24t10:00:00.123456789z",
                "{\"reason\":{\"system\":\"urn:oid:2.16.840.1.113883.3.1937\",\"code\":\"ehr-own-7\","
                        + "\"display\":\"EHR's own\"}}")
                + "," + item(cards.get(2), "accepted", "1996-12-19T16:39:57-08:00", null) + "]}";

        HttpResponse<String> response = server.post(PATH + "/feedback", body, null);

        assertEquals(200, response.statusCode(), response.body());
        List<String> lines = Files.readAllLines(auditFile);
        assertEquals(6, lines.size(), "three assessment records and three feedback records");
        assertTrue(lines.get(3).contains("\"outcomeTime\":\"1985-04-12T23:20:50.520Z\""), lines.get(3));
        assertTrue(lines.get(4).contains("ehr-own-7") && !lines.get(4).contains("EHR's own"), lines.get(4));
        assertTrue(lines.get(5).contains("\"outcomeTime\":\"1996-12-20T00:39:57Z\""), lines.get(5));
        AuditVerifier.Verification verification = AuditVerifier.verify(auditFile);
        assertTrue(verification.ok(), verification.message());
    }

    @Test
    @DisplayName("Given a request whose second item is timed a day ahead, it is refused with 400 naming that item "
            + "and nothing of it is recorded, the first item neither")
    void dayAheadRefusedAllOrNothing() throws Exception {
        List<Card> cards = threeCards("scenarios/examples/stenosis-back-tension.json");
        String ahead = java.time.Instant.now().plus(java.time.Duration.ofDays(1)).toString();

        HttpResponse<String> response = server.post(PATH + "/feedback", "{\"feedback\":[" + accepted(cards.get(0))
                + "," + item(cards.get(1), "accepted", ahead, null) + "]}", null);

        HookRequestValidationTest.assertProblem(response, 400, "$.feedback[1].outcomeTimestamp");
        assertEquals(3, Files.readAllLines(auditFile).size(), "a refused request records nothing");
    }

    @Test
    @DisplayName("Given a timestamp a minute ahead, within the stated clock skew, it is recorded")
    void smallSkewAccepted() throws Exception {
        List<Card> cards = cardsFor("scenarios/examples/cauda-equina.json");
        String ahead = java.time.Instant.now().plus(java.time.Duration.ofMinutes(1)).toString();

        HttpResponse<String> response = server.post(PATH + "/feedback", "{\"feedback\":["
                + item(cards.get(0), "accepted", ahead, null) + "]}", null);

        assertEquals(200, response.statusCode(), response.body());
    }

    private static String item(Card card, String outcome, String time, String overrideReason) {
        return "{\"card\":\"" + card.uuid() + "\",\"outcome\":\"" + outcome + "\",\"outcomeTimestamp\":\"" + time + "\""
                + (overrideReason == null ? "" : ",\"overrideReason\":" + overrideReason) + "}";
    }

    private List<Card> cardsFor(String example) throws Exception {
        var facts = SpineJson.readFacts(Files.readAllBytes(Path.of(example)));
        return ServiceCallTest.cards(server.post(PATH, Prefetch.call("p-9", facts).toString(), null));
    }

    /** The card of each of three answers for the same example (the service gives one card per answer). */
    private List<Card> threeCards(String example) throws Exception {
        List<Card> cards = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            cards.add(cardsFor(example).get(0));
        }
        return cards;
    }

    static String accepted(Card card) {
        return "{\"card\":\"" + card.uuid() + "\",\"outcome\":\"accepted\",\"outcomeTimestamp\":\"2026-11-24T10:00:00Z\"}";
    }

    private static String overridden(Card card, String code) {
        return "{\"card\":\"" + card.uuid() + "\",\"outcome\":\"overridden\",\"outcomeTimestamp\":"
                + "\"2026-11-24T10:01:00+01:00\",\"overrideReason\":{\"reason\":{\"system\":\""
                + CardFactory.OVERRIDE_SYSTEM + "\",\"code\":\"" + code + "\"},"
                + "\"userComment\":\"free text from the clinician\"}}";
    }
}
