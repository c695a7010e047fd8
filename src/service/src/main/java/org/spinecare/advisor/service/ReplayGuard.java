package org.spinecare.advisor.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers each token id ({@code jti}) until its token expires, so that a captured token cannot be sent twice.
 * Tokens that live longer than {@link #MAX_LIFETIME} are refused: the memory this takes stays bounded by the call
 * rate times that lifetime.
 */
final class ReplayGuard {
    static final Duration MAX_LIFETIME = Duration.ofMinutes(10);

    private final Map<String, Instant> seen = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile Instant nextSweep = Instant.MIN;

    ReplayGuard(Clock clock) {
        this.clock = clock;
    }

    /** True when a token expiring then is short-lived enough to be remembered until it expires. */
    boolean acceptsLifetime(Instant expires) {
        return !expires.isAfter(clock.instant().plus(MAX_LIFETIME));
    }

    /** True the first time this issuer's token id is presented, false for a replay. */
    boolean firstUse(String issuer, String jti, Instant expires) {
        sweep(clock.instant());
        return seen.putIfAbsent(issuer + "\n" + jti, expires) == null;
    }

    private void sweep(Instant now) {
        if (now.isAfter(nextSweep)) {
            nextSweep = now.plusSeconds(30);
            // A token is kept a minute past its expiry: the verifier accepts up to 60 s of clock skew.
            seen.values().removeIf(expires -> expires.plusSeconds(60).isBefore(now));
        }
    }
}
