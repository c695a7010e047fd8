package org.spinecare.advisor.audit;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a trail with a signing key signs a head (docs/audit.md, Signed heads, "How often"). A head is signed at
 * a commit once {@code records} confirmed records, or more, would otherwise be outside the newest head, and no
 * later than {@code within} after the first confirmed record that no head covers (a timer signs it when no commit
 * comes), and when the trail is closed or rotates. So while the writer lives, fewer than {@code records} confirmed
 * records, all confirmed less than {@code within} ago, are ever outside a signed head: that is the window in which
 * a cut of the newest records would not contradict a head.
 *
 * @param records at least 1; 1 signs a head in every commit group, so that a record is confirmed only under one
 * @param within  positive; ignored when {@code records} is 1
 */
public record HeadPolicy(long records, Duration within) {
    /** A head in every commit group: {@code record} returns only once a signed head covers its record. */
    public static final HeadPolicy EVERY_COMMIT = new HeadPolicy(1, Duration.ofSeconds(1));

    public HeadPolicy {
        Objects.requireNonNull(within, "within");
        if (records < 1) {
            throw new IllegalArgumentException("a head is signed every 1 or more records, not " + records);
        }
        if (within.isNegative() || within.isZero()) {
            throw new IllegalArgumentException("a head is signed within a positive time, not " + within);
        }
    }

    /**
     * Every {@code records} records or {@code millis} milliseconds, whichever comes first; {@code millis} 0 (or
     * {@code records} 1) signs in every commit group, as trails did before this policy existed.
     */
    public static HeadPolicy every(long records, long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("a head interval is 0 or more milliseconds, not " + millis);
        }
        return millis == 0 || records == 1 ? EVERY_COMMIT : new HeadPolicy(records, Duration.ofMillis(millis));
    }

    /** Whether every commit group signs. */
    public boolean everyCommit() {
        return records == 1;
    }

    /**
     * Whether a commit must sign now: {@code unsigned} confirmed records are outside the newest head and the first
     * of them was confirmed at {@code firstUnsignedNanos} ({@link System#nanoTime}); 0 unsigned never signs.
     */
    boolean due(long unsigned, long firstUnsignedNanos, long nowNanos) {
        return unsigned > 0 && (unsigned >= records || nowNanos - firstUnsignedNanos >= within.toNanos());
    }

    @Override
    public String toString() {
        return everyCommit() ? "a head in every commit group"
                : "a head every " + records + " records or " + within.toMillis() + " ms, whichever comes first";
    }
}
