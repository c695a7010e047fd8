package org.spinecare.advisor.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the audit trail can append, as {@code /ready} reports it: a failed append makes it false at once and
 * says so loudly in the log; from then on the {@link AuditProbe} is asked, at most once a second, until it says the
 * trail can append again, or a real append succeeds.
 */
final class AuditHealth {
    private static final Logger LOG = LoggerFactory.getLogger(AuditHealth.class);
    private static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);

    private final AuditProbe probe;
    private final Clock clock;
    private Instant failedAt;
    private Instant probedAt = Instant.MIN;

    AuditHealth(AuditProbe probe, Clock clock) {
        this.probe = probe;
        this.clock = clock;
    }

    synchronized void appendFailed(RuntimeException e) {
        if (failedAt == null) {
            LOG.error("AUDIT TRAIL CANNOT APPEND: no call is answered until it can (/ready answers 503): {}",
                    Refusals.describe(e));
        } else {
            LOG.error("audit trail still cannot append: {}", Refusals.describe(e));
        }
        failedAt = clock.instant();
    }

    synchronized void appended() {
        if (failedAt != null) {
            failedAt = null;
            LOG.info("audit trail appends again");
        }
    }

    synchronized boolean canAppend() {
        if (failedAt == null) {
            return true;
        }
        Instant now = clock.instant();
        if (now.isBefore(probedAt.plus(PROBE_INTERVAL))) {
            return false;
        }
        probedAt = now;
        try {
            probe.check(failedAt);
        } catch (Exception e) {
            LOG.warn("audit trail not ready yet: {}", Refusals.describe(e));
            return false;
        }
        failedAt = null;
        LOG.info("audit trail can append again (probe passed); ready");
        return true;
    }
}
