package org.spinecare.advisor.audit;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * When the live segment of a trail is closed: once it holds at least {@code atBytes} bytes (0: never), and, when
 * daily, once the UTC day has changed since its first record. Checked before each record, under the live
 * segment's lock and after reading what other processes appended, so a segment may end one record past the size.
 */
record Rotation(long atBytes, boolean daily, Clock clock) {
    static final Rotation NEVER = new Rotation(0, false, Clock.systemUTC());

    Rotation {
        if (atBytes < 0) {
            throw new IllegalArgumentException("rotateAtBytes must be positive, not " + atBytes);
        }
    }

    /** Whether a live segment of {@code bytes} bytes whose first record was made on {@code firstDay} is closed. */
    boolean due(long bytes, LocalDate firstDay) {
        if (bytes == 0) {
            return false;
        }
        return atBytes > 0 && bytes >= atBytes || daily && firstDay != null && !firstDay.equals(today());
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** The UTC day a record (assessment or feedback) was made. */
    static LocalDate dayOf(Object record) {
        return LocalDate.ofInstant(record instanceof FeedbackRecord f ? f.time() : ((AuditRecord) record).time(),
                ZoneOffset.UTC);
    }
}
