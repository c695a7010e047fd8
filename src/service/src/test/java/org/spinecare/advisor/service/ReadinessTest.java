package org.spinecare.advisor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.spinecare.advisor.AuditEntry;
import org.spinecare.advisor.AuditTrail;
import org.spinecare.advisor.FeedbackEntry;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.advisor.audit.AuditException;
import org.spinecare.advisor.audit.AuditKey;
import org.spinecare.advisor.audit.InMemoryAuditTrail;

/**
 * {@code /ready} tells the truth about the audit trail: 503 while it cannot append, 200 again by itself once it
 * can, and calls are answered again without a restart. With an injected trail here; {@link FullDiskReadinessTest}
 * and {@link StoppedDatabaseReadinessTest} with a real full disk and a real stopped PostgreSQL.
 */
class ReadinessTest {
    private static final Pattern ERROR_ID = Pattern.compile("\"errorId\":\"([0-9a-f-]{36})\"");

    /** A trail that fails every append while {@link #broken} is set, as a full disk would. */
    static final class FlakyTrail implements AuditTrail {
        final AtomicBoolean broken = new AtomicBoolean();
        private final InMemoryAuditTrail trail = new InMemoryAuditTrail(AuditKey.generate());

        @Override
        public void record(AuditEntry entry) {
            check();
            trail.record(entry);
        }

        @Override
        public void recordFeedback(FeedbackEntry entry) {
            check();
            trail.recordFeedback(entry);
        }

        private void check() {
            if (broken.get()) {
                throw new AuditException("cannot write to the audit file /var/spine/audit.jsonl: No space left on "
                        + "device; the partial line was removed and nothing was recorded");
            }
        }
    }

    @Test
    @DisplayName("Given the audit trail fails, the call is a 500 whose error id is in the log beside the loud audit "
            + "line, /ready answers 503; once the trail can append, /ready answers 200 by itself and calls get cards")
    void readinessFollowsTheAuditTrail() throws Exception {
        FlakyTrail trail = new FlakyTrail();
        AuditProbe probe = failedAt -> {
            if (trail.broken.get()) {
                throw new IllegalStateException("still full");
            }
        };
        try (LogCapture log = new LogCapture(); RunningService server = new RunningService(trail, probe)) {
            String call = Prefetch.call("p-ready", ServiceCallTest.BACK_PAIN_ONLY).toString();
            assertEquals(200, server.get("/ready", null).statusCode());

            trail.broken.set(true);
            HttpResponse<String> failed = server.post(ServiceCallTest.PATH, call, null);

            assertEquals(500, failed.statusCode(), failed.body());
            Matcher id = ERROR_ID.matcher(failed.body());
            assertTrue(id.find(), failed.body());
            assertTrue(log.lines().stream().anyMatch(l -> l.startsWith("ERROR 500 error " + id.group(1))), log.all());
            assertTrue(log.lines().stream().anyMatch(l -> l.startsWith("ERROR AUDIT TRAIL CANNOT APPEND")), log.all());
            assertEquals(503, server.get("/ready", null).statusCode());

            trail.broken.set(false);
            assertEquals(200, awaitReady(server), "ready again without a restart");
            assertEquals(200, server.post(ServiceCallTest.PATH, call, null).statusCode());
        }
    }

    /** Polls /ready for up to 10 s (the probe runs at most once a second); the last status. */
    static int awaitReady(RunningService server) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int status;
        while ((status = server.get("/ready", null).statusCode()) != 200 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        return status;
    }
}
