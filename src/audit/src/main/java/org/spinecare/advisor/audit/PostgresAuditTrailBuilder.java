package org.spinecare.advisor.audit;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;

/** Options of a {@link PostgresAuditTrail}; {@link #open()} opens it and checks the whole table. */
public final class PostgresAuditTrailBuilder {
    private final DataSource dataSource;
    private final AuditKey key;
    private String table = "spine_audit";
    private AuditSigningKey signer;
    private Consumer<AuditHead> headCopies = head -> { };
    private boolean createTables = true;
    private Duration lockWait = JsonLinesAuditTrail.DEFAULT_LOCK_WAIT;
    private HeadPolicy headPolicy = HeadPolicy.EVERY_COMMIT;

    PostgresAuditTrailBuilder(DataSource dataSource, AuditKey key) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.key = Objects.requireNonNull(key, "key");
    }

    /** The records' table ({@code spine_audit} by default); the head row is in {@code TABLE_head}. */
    public PostgresAuditTrailBuilder table(String table) {
        new AuditTable(table);
        this.table = table;
        return this;
    }

    /** Signs a head over the records, as often as {@link #headPolicy} says (see {@link PostgresAuditTrail}). */
    public PostgresAuditTrailBuilder signer(AuditSigningKey signer) {
        this.signer = signer;
        return this;
    }

    /** How often a head is signed: in every transaction ({@link HeadPolicy#EVERY_COMMIT}, the default) or less. */
    public PostgresAuditTrailBuilder headPolicy(HeadPolicy headPolicy) {
        this.headPolicy = Objects.requireNonNull(headPolicy, "headPolicy");
        return this;
    }

    /** Handed every new head after its transaction commits, to keep a copy outside the database. */
    public PostgresAuditTrailBuilder headCopies(Consumer<AuditHead> headCopies) {
        this.headCopies = Objects.requireNonNull(headCopies, "headCopies");
        return this;
    }

    /**
     * Whether opening creates the tables when they are missing (the default). Without, a database user with only
     * the grants docs/audit.md lists can write, and a missing table is an error.
     */
    public PostgresAuditTrailBuilder createTables(boolean createTables) {
        this.createTables = createTables;
        return this;
    }

    /** How long a writer waits for another writer's transaction before it gives up (10 s by default). */
    public PostgresAuditTrailBuilder lockWait(Duration lockWait) {
        if (lockWait.isNegative() || lockWait.isZero()) {
            throw new IllegalArgumentException("lockWait must be positive, not " + lockWait);
        }
        this.lockWait = lockWait;
        return this;
    }

    /** Opens the trail: creates the tables if asked, then reads and checks every record. */
    public PostgresAuditTrail open() {
        PostgresAuditTrail trail = new PostgresAuditTrail(dataSource, new AuditTable(table), key, signer, headCopies,
                lockWait, headPolicy);
        trail.open(createTables);
        return trail;
    }
}
