package org.spinecare.advisor.service;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per refused request, at the level its class deserves: what may be an attack (401, 403, 421) at
 * warn, a client's mistake at info. The line names the status, the route template and the field, and for an
 * authentication failure why; never a value from the request, which could identify a patient or be a token.
 */
final class Refusals {
    private static final Logger LOG = LoggerFactory.getLogger(Refusals.class);

    private Refusals() {
    }

    static void log(String method, String route, RequestException e) {
        if (e.status() == 401 || e.status() == 403 || e.status() == 421) {
            LOG.warn("refused {} {} {}: {}: {}", e.status(), method, route, e.field(), e.getMessage());
        } else {
            LOG.info("refused {} {} {}: {}", e.status(), method, route, e.field());
        }
    }

    /** A refusal without a message of its own (a body too large, facts the mapping could not read). */
    static void log(String method, String route, int status, String field) {
        LOG.info("refused {} {} {}: {}", status, method, route, field);
    }

    /** The id a 500 answer and its log line share, so that an operator finds one from the other. */
    static String errorId() {
        return UUID.randomUUID().toString();
    }

    /**
     * An exception for the log: the audit trail's and the library's messages name files, tables and records,
     * never input; other exceptions only by class, since their message may quote the request.
     */
    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.spinecare.advisor.audit.AuditException
                    || t instanceof org.spinecare.advisor.AssessmentException) {
                return t.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        return e.getClass().getName();
    }
}
