package org.spinecare.advisor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.spinecare.advisor.SpineJson;
import org.spinecare.advisor.audit.AuditKey;
import org.spinecare.advisor.audit.AuditRecord;
import org.spinecare.advisor.audit.AuditSigningKey;
import org.spinecare.advisor.audit.AuditTableVerifier;
import org.spinecare.advisor.audit.AuditVerifier.Verification;
import org.spinecare.advisor.audit.FeedbackRecord;
import org.spinecare.advisor.audit.PostgresAuditTrail;
import org.spinecare.advisor.audit.PostgresServer;

/**
 * Two instances behind one address, as replicas run: one database audit trail and one card table, so that
 * feedback on a card may reach the instance that did not give it (against a real PostgreSQL server; skipped,
 * saying why, without one).
 */
class SeveralInstancesFeedbackTest {
    private static final String PATH = ServiceCallTest.PATH;

    @Test
    @DisplayName("Given two instances sharing a database trail and card table, feedback on a card one gave is "
            + "accepted by the other and linked in the chain to that card's assessment")
    void feedbackReachesAnotherInstance() throws Exception {
        PostgresServer server = PostgresServer.shared();
        DataSource db = server.dataSource();
        String table = server.freshTable("replicas");
        AuditKey key = AuditKey.generate();
        AuditSigningKey signer = AuditSigningKey.generate();
        ServiceConfig config = ServiceConfig.development("127.0.0.1", 0);
        List<Card> cards;
        try (PostgresAuditTrail trailA = PostgresAuditTrail.builder(db, key).table(table).signer(signer).open();
             PostgresAuditTrail trailB = PostgresAuditTrail.builder(db, key).table(table).signer(signer).open();
             RunningService a = new RunningService(config, trailA, CardLinks.database(db, table + "_cards", key));
             RunningService b = new RunningService(config, trailB, CardLinks.database(db, table + "_cards", key))) {
            // Given cards given by instance A
            var facts = SpineJson.readFacts(Files.readAllBytes(Path.of("scenarios/examples/cauda-equina.json")));
            cards = ServiceCallTest.cards(a.post(PATH, Prefetch.call("p-1", facts).toString(), null));

            // When the feedback on the first reaches instance B, and feedback on a card nobody gave too
            HttpResponse<String> accepted = b.post(PATH + "/feedback",
                    "{\"feedback\":[" + FeedbackTest.accepted(cards.get(0)) + "]}", null);
            Card stranger = new Card(UUID.randomUUID().toString(), "x", null, "info", cards.get(0).source(),
                    List.of(), null);
            HttpResponse<String> unknown = b.post(PATH + "/feedback",
                    "{\"feedback\":[" + FeedbackTest.accepted(stranger) + "]}", null);

            // Then B accepts the first and refuses the second by field
            assertEquals(200, accepted.statusCode(), accepted.body());
            HookRequestValidationTest.assertProblem(unknown, 404, "$.feedback[0].card");
        }

        // And the one chain holds A's assessment and B's feedback linked to it, under the signed head
        List<Object> records = new ArrayList<>();
        Verification v = AuditTableVerifier.verify(db, table, signer.publicKey(), List.of(key), records::add);
        assertTrue(v.ok(), v.message());
        assertEquals(2, records.size());
        AuditRecord assessment = (AuditRecord) records.get(0);
        FeedbackRecord feedback = (FeedbackRecord) records.get(1);
        assertEquals(assessment.requestId(), feedback.assessmentRequestId());
        assertEquals(UUID.fromString(cards.get(0).uuid()), feedback.card());
    }
}
