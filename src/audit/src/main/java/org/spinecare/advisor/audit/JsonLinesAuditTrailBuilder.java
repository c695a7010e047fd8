package org.spinecare.advisor.audit;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;

/** Options of a {@link JsonLinesAuditTrail}; {@link #open()} opens it as the static {@code open} methods do. */
public final class JsonLinesAuditTrailBuilder {
    private final Path file;
    private final AuditKey key;
    private AuditSigningKey signer;
    private Consumer<String> warnings = warning -> { };
    private Consumer<AuditHead> headCopies = head -> { };
    private long rotateAtBytes;
    private boolean rotateDaily;
    private Clock clock = Clock.systemUTC();
    private HeadPolicy headPolicy = HeadPolicy.EVERY_COMMIT;

    JsonLinesAuditTrailBuilder(Path file, AuditKey key) {
        this.file = Objects.requireNonNull(file, "file");
        this.key = Objects.requireNonNull(key, "key");
    }

    /** Signs a head beside every segment, as often as {@link #headPolicy} says (see {@link JsonLinesAuditTrail}). */
    public JsonLinesAuditTrailBuilder signer(AuditSigningKey signer) {
        this.signer = signer;
        return this;
    }

    /** How often a head is signed: in every commit group ({@link HeadPolicy#EVERY_COMMIT}, the default) or less. */
    public JsonLinesAuditTrailBuilder headPolicy(HeadPolicy headPolicy) {
        this.headPolicy = Objects.requireNonNull(headPolicy, "headPolicy");
        return this;
    }

    public JsonLinesAuditTrailBuilder warnings(Consumer<String> warnings) {
        this.warnings = Objects.requireNonNull(warnings, "warnings");
        return this;
    }

    public JsonLinesAuditTrailBuilder headCopies(Consumer<AuditHead> headCopies) {
        this.headCopies = Objects.requireNonNull(headCopies, "headCopies");
        return this;
    }

    /** Starts a new segment before a record once the live one holds at least {@code bytes} bytes. */
    public JsonLinesAuditTrailBuilder rotateAtBytes(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("rotateAtBytes must be at least 1, not " + bytes);
        }
        this.rotateAtBytes = bytes;
        return this;
    }

    /** Starts a new segment before the first record of each UTC day. */
    public JsonLinesAuditTrailBuilder rotateDaily() {
        this.rotateDaily = true;
        return this;
    }

    /** The clock that says which UTC day it is (tests). */
    JsonLinesAuditTrailBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    public JsonLinesAuditTrail open() {
        return JsonLinesAuditTrail.open(file, key, signer, warnings, headCopies,
                new Rotation(rotateAtBytes, rotateDaily, clock), headPolicy);
    }
}
