package org.spinecare.advisor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.advisor.audit.AuditKey;
import org.spinecare.advisor.audit.AuditSigningKey;
import org.spinecare.advisor.audit.AuditTableVerifier;
import org.spinecare.advisor.audit.AuditVerifier.Verification;
import org.spinecare.advisor.audit.PostgresAuditTrail;
import org.spinecare.advisor.audit.PostgresServer;

/** A real PostgreSQL server of the test's own, stopped and started under the running service (skipped without). */
class StoppedDatabaseReadinessTest {
    @Test
    @DisplayName("Given the audit database stops, calls fail with 500 and /ready answers 503; once it is back, "
            + "/ready answers 200 by itself, calls get cards again and the table verifies")
    void stoppedThenBack() throws Exception {
        PostgresServer db = PostgresServer.own();
        AuditKey key = AuditKey.generate();
        AuditSigningKey signer = AuditSigningKey.generate();
        String call = Prefetch.call("p-db", ServiceCallTest.BACK_PAIN_ONLY).toString();
        try (PostgresAuditTrail trail = PostgresAuditTrail.builder(db.dataSource(), key).table("stopped")
                .signer(signer).open();
             RunningService server = new RunningService(trail,
                     AuditProbe.database(trail, db.dataSource(), "stopped"))) {
            assertEquals(200, server.post(ServiceCallTest.PATH, call, null).statusCode());

            db.pause();
            HttpResponse<String> failed = server.post(ServiceCallTest.PATH, call, null);
            assertEquals(500, failed.statusCode(), failed.body());
            assertEquals(503, server.get("/ready", null).statusCode());

            db.resume();
            assertEquals(200, ReadinessTest.awaitReady(server), "ready again once the database is back");
            HttpResponse<String> again = server.post(ServiceCallTest.PATH, call, null);
            assertEquals(200, again.statusCode(), again.body());
        }
        Verification v = AuditTableVerifier.verify(db.dataSource(), "stopped", signer.publicKey(), List.of(key),
                r -> { });
        assertTrue(v.ok(), v.message());
        assertTrue(v.message().startsWith("OK, 2 records"), v.message());
    }
}
