package org.spinecare.advisor.audit;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.spinecare.advisor.AuditEntry;
import org.spinecare.advisor.AuditTrail;
import org.spinecare.advisor.FeedbackEntry;

/**
 * The audit trail in PostgreSQL, for hosts that run several instances (docs/audit.md, Database trail): the same
 * records, byte for byte, as the JSON Lines file, in one chain that every writer shares.
 *
 * <ul>
 * <li>Appends are serialised by a row lock on the head row ({@code SELECT ... FOR UPDATE}), so writers in any
 * number of processes continue one chain. A writer first checks the records others appended since it last looked,
 * exactly as the file trail does, and never chains on a record that does not verify.</li>
 * <li>Group commit: the records that threads of this writer hand over while a transaction runs go into the next
 * one, together; {@link #record} returns once the transaction holding its record has committed, which PostgreSQL
 * confirms only after its write-ahead log is flushed (the session's {@code synchronous_commit} is never left
 * {@code off}).</li>
 * <li>With a signing key, a transaction also signs a head over the records it leaves, in the head row, so the
 * records and the head that covers them are committed together: every transaction, or as often as the
 * {@link HeadPolicy} says (then a timer signs the deferred head in a transaction of its own, and so does closing);
 * each new head is also handed to {@code headCopies}.</li>
 * <li>Opening checks the whole table, in one snapshot, without holding up other writers. Damage, a head that does
 * not hold, or records changed under a writer stop it for good (reopen it after
 * {@code ./spine audit verify-table}); a lost connection or a lock wait over the limit fails that transaction's
 * records only, and the next record reconnects and checks the table again under the head row's lock.</li>
 * </ul>
 * The writer holds one connection from the data source at a time; give it a data source of its own or a pool.
 */
public final class PostgresAuditTrail implements AuditTrail {
    /** Records per transaction at most, so that one commit group's wait stays short. */
    private static final int MAX_GROUP = 256;
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final DataSource dataSource;
    private final AuditTable table;
    private final AuditKey key;
    private final AuditSigningKey signer;
    private final Consumer<AuditHead> headCopies;
    private final Duration lockWait;
    private final HeadPolicy headPolicy;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock commitLock = new ReentrantLock();
    // Whether a thread is running transactions for the queue; guarded by turns, on which followers wait.
    private final Object turns = new Object();
    private boolean committing;

    // Guarded by commitLock. A null chain is read again from the first record before the next transaction.
    private Connection connection;
    private ChainCheck chain;
    // The head row's signed head as last checked against the chain, and how many records it covers.
    private String checkedHead;
    private long signedRecords;
    // When the first committed record outside the signed head was committed (System.nanoTime).
    private long firstUnsignedNanos;
    private ScheduledExecutorService headTimer;
    private boolean headScheduled;
    private volatile String failure;
    private volatile boolean closed;

    PostgresAuditTrail(DataSource dataSource, AuditTable table, AuditKey key, AuditSigningKey signer,
                       Consumer<AuditHead> headCopies, Duration lockWait, HeadPolicy headPolicy) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.table = table;
        this.key = Objects.requireNonNull(key, "key");
        this.signer = signer;
        this.headCopies = Objects.requireNonNull(headCopies, "headCopies");
        this.lockWait = lockWait;
        this.headPolicy = Objects.requireNonNull(headPolicy, "headPolicy");
    }

    /** A builder: the table's name, a signing key, whether to create the tables. */
    public static PostgresAuditTrailBuilder builder(DataSource dataSource, AuditKey key) {
        return new PostgresAuditTrailBuilder(dataSource, key);
    }

    /** A record or feedback waiting for its transaction: made from the chain as it stands then. */
    private static final class Pending {
        final Function<ChainCheck, byte[]> next;
        volatile boolean done;
        volatile RuntimeException failure;

        Pending(Function<ChainCheck, byte[]> next) {
            this.next = next;
        }
    }

    /** The head row: the chain's length and last hash, and the signed head over them (null without a signer). */
    private record HeadRow(long records, String lastHash, String head) {
    }

    @Override
    public void record(AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        append(chain -> {
            AuditRecord record = AuditRecord.chained(entry, chain.records() + 1, chain.lastHash(), key);
            return RecordMac.seal(AuditCodec.line(record), record.hash(), key);
        });
    }

    /**
     * {@inheritDoc}
     *
     * @throws UnknownAssessmentException when the table holds no assessment record of the entry's request id (or
     *                                    one with a different hash than the entry names)
     */
    @Override
    public void recordFeedback(FeedbackEntry entry) {
        Objects.requireNonNull(entry, "entry");
        append(chain -> {
            FeedbackRecord record = FeedbackRecord.chained(entry, UnknownAssessmentException.link(entry,
                    chain.assessmentHash(entry.assessmentRequestId()), table.toString()), chain.records() + 1,
                    chain.lastHash(), key);
            return RecordMac.seal(FeedbackCodec.line(record), record.hash(), key);
        });
    }

    /** Records in the table as this writer last saw it. */
    public long size() {
        commitLock.lock();
        try {
            return chain == null ? 0 : chain.records();
        } finally {
            commitLock.unlock();
        }
    }

    /**
     * Leader and followers: one thread at a time runs a transaction for everything queued; the others wait until
     * their record is done, and learn it without waiting for the next transaction (they do not queue on the
     * commit lock behind it), so each transaction takes every record that arrived during the one before.
     */
    private void append(Function<ChainCheck, byte[]> next) {
        Pending mine = new Pending(next);
        queue.add(mine);
        boolean interrupted = false;
        synchronized (turns) {
            while (!mine.done && committing) {
                try {
                    turns.wait();
                } catch (InterruptedException e) {
                    // The record is queued and may be committed by the leader: its outcome must be awaited.
                    interrupted = true;
                }
            }
            if (!mine.done) {
                committing = true;
            }
        }
        if (!mine.done) {
            try {
                commitLock.lock();
                try {
                    while (!mine.done) {
                        List<Pending> group = new ArrayList<>();
                        for (Pending p; group.size() < MAX_GROUP && (p = queue.poll()) != null; ) {
                            group.add(p);
                        }
                        commit(group);
                    }
                } finally {
                    commitLock.unlock();
                }
            } finally {
                synchronized (turns) {
                    committing = false;
                    turns.notifyAll();
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
    }

    /** One transaction for the group; every member ends done, with a failure or without. Holds commitLock. */
    private void commit(List<Pending> group) {
        try {
            ensureUsable();
            Connection c = connection();
            HeadRow row = lockHead(c);
            catchUp(c, row);
            List<byte[]> lines = new ArrayList<>(group.size());
            List<Pending> written = new ArrayList<>(group.size());
            for (Pending p : group) {
                try {
                    byte[] line = p.next.apply(chain);
                    String problem = chain.accept(line);
                    if (problem != null) {
                        throw new IllegalStateException("a new record would not verify: " + problem);
                    }
                    lines.add(line);
                    written.add(p);
                } catch (RuntimeException refused) {
                    // This entry alone is refused (unknown assessment, a bad mapping); the others go on.
                    finish(p, refused);
                }
            }
            if (written.isEmpty()) {
                c.rollback();
                return;
            }
            AuditHead head = insert(c, lines, row);
            RuntimeException copyFailed = head == null ? null : copy(head);
            for (Pending p : written) {
                finish(p, copyFailed);
            }
        } catch (AuditException e) {
            group.forEach(p -> finish(p, e));
        } catch (SQLException e) {
            AuditException failed = transactionFailed(e);
            group.forEach(p -> finish(p, failed));
        } catch (RuntimeException e) {
            // A driver's own failure: every record of the group fails, none is left waiting for ever.
            closeConnection();
            chain = null;
            AuditException failed = new AuditException("cannot write to " + table + ": " + e + "; nothing was "
                    + "recorded", e);
            group.forEach(p -> finish(p, failed));
        }
    }

    private static void finish(Pending p, RuntimeException failure) {
        if (!p.done) {
            // The failure first: a follower that sees done reads it without a lock.
            p.failure = failure;
            p.done = true;
        }
    }

    /**
     * Inserts the lines after the chain's records, moves the head row (and signs it when the policy says so, else
     * keeps its signed head), and commits. Returns the new head, or null.
     */
    private AuditHead insert(Connection c, List<byte[]> lines, HeadRow row) throws SQLException {
        long seq = chain.records() - lines.size();
        try (PreparedStatement insert = c.prepareStatement(table.insert())) {
            for (byte[] line : lines) {
                insert.setLong(1, ++seq);
                insert.setString(2, new String(line, StandardCharsets.UTF_8));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        long now = System.nanoTime();
        boolean allSignedBefore = chain.records() - lines.size() <= signedRecords;
        long firstUnsigned = allSignedBefore ? now : firstUnsignedNanos;
        AuditHead head = signer != null && headPolicy.due(chain.records() - signedRecords, firstUnsigned, now)
                ? AuditHead.sign(chain.records(), chain.lastHash(), Instant.now(), signer) : null;
        moveHead(c, chain.records(), chain.lastHash(), head == null ? row.head() : head.text());
        if (head != null) {
            signedRecords = head.records();
            checkedHead = head.text();
        } else if (signer != null) {
            firstUnsignedNanos = firstUnsigned;
            scheduleHead(firstUnsigned + headPolicy.within().toNanos() - now);
        }
        return head;
    }

    private void moveHead(Connection c, long records, String lastHash, String head) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(table.updateHead())) {
            update.setLong(1, records);
            update.setString(2, lastHash);
            update.setString(3, head);
            update.executeUpdate();
        }
        try {
            c.commit();
        } catch (SQLException e) {
            throw new SQLException("the database did not confirm the commit, so the records are not confirmed ("
                    + e.getMessage() + ")", e.getSQLState(), e);
        }
    }

    /** Signs the deferred head when its time is up and no transaction has signed it meanwhile. Holds commitLock. */
    private void scheduleHead(long delayNanos) {
        if (headScheduled) {
            return;
        }
        if (headTimer == null) {
            ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "spine-audit-head " + table);
                thread.setDaemon(true);
                return thread;
            });
            timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            headTimer = timer;
        }
        headScheduled = true;
        headTimer.schedule(() -> {
            commitLock.lock();
            try {
                headScheduled = false;
                signDeferredHead();
            } finally {
                commitLock.unlock();
            }
        }, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }

    /**
     * A transaction of its own that signs a head over every record in the table that the head row's signed head
     * does not cover yet (this writer's deferred head, and any other writer's records). A failure leaves the
     * records under the older head; the next transaction, finding the head overdue, signs it. Holds commitLock.
     */
    private void signDeferredHead() {
        if (signer == null || closed || failure != null || chain == null || chain.records() <= signedRecords) {
            return;
        }
        try {
            Connection c = connection();
            HeadRow row = lockHead(c);
            catchUp(c, row);
            if (chain.records() <= signedRecords) {
                c.rollback();
                return;
            }
            AuditHead head = AuditHead.sign(chain.records(), chain.lastHash(), Instant.now(), signer);
            moveHead(c, chain.records(), chain.lastHash(), head.text());
            signedRecords = head.records();
            checkedHead = head.text();
            copy(head);
        } catch (AuditException e) {
            // Damage found: the trail has stopped (stop), and the next record says so.
        } catch (SQLException e) {
            transactionFailed(e);
        } catch (RuntimeException e) {
            closeConnection();
            chain = null;
        }
    }

    /** Hands the head over to be kept elsewhere; what went wrong, or null. */
    private RuntimeException copy(AuditHead head) {
        try {
            headCopies.accept(head);
            return null;
        } catch (RuntimeException e) {
            return new AuditException("the records were committed to " + table + " but the copy of their signed "
                    + "head failed: " + e.getMessage(), e);
        }
    }

    /** Locks the head row for this transaction, waiting at most the lock wait. */
    private HeadRow lockHead(Connection c) throws SQLException {
        return headRow(c, table.lockHead());
    }

    private HeadRow headRow(Connection c, String query) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            if (!rs.next()) {
                throw stop(table + " has no head row (id 1): it was deleted; see ./spine audit verify-table");
            }
            return new HeadRow(rs.getLong(1), rs.getString(2), rs.getString(3));
        }
    }

    /**
     * Checks what other writers appended since this one last looked (everything, on opening or after a failure),
     * and holds the chain to the head row: its length and last hash, and its signed head.
     */
    private void catchUp(Connection c, HeadRow row) throws SQLException {
        if (chain == null) {
            chain = ChainCheck.fromStart(List.of(key), false);
            checkedHead = null;
            signedRecords = 0;
        }
        // A signed head not checked yet: a new one (on opening, or another writer's) covers at least the records
        // this writer had read, since heads are only ever signed over the whole table under the head row's lock.
        AuditHead head = signer == null || row.head() == null || row.head().equals(checkedHead) ? null
                : signedHead(row.head());
        if (head != null && head.records() < chain.records()) {
            throw stop("the signed head of " + table + " covers " + head.records() + " records, fewer than the "
                    + chain.records() + " this writer had read: an older head was put back; see ./spine audit "
                    + "verify-table");
        }
        String hashAtHead = head != null && head.records() == chain.records() ? chain.lastHash() : null;
        if (row.records() != chain.records()) {
            try (PreparedStatement read = c.prepareStatement(table.linesAfter())) {
                read.setFetchSize(1000);
                read.setLong(1, chain.records());
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        String problem = chain.accept(rs.getString(2).getBytes(StandardCharsets.UTF_8));
                        if (problem != null) {
                            throw stop(table + " is damaged at record " + (chain.records() + 1) + " (row seq "
                                    + rs.getLong(1) + "): " + problem + "; see ./spine audit verify-table");
                        }
                        if (head != null && chain.records() == head.records()) {
                            hashAtHead = chain.lastHash();
                        }
                    }
                }
            }
        }
        if (row.records() != chain.records() || !row.lastHash().equals(chain.lastHash())) {
            throw stop(table + " holds " + chain.records() + " records but its head row states " + row.records()
                    + (row.records() > chain.records() ? ": records were deleted" : " with another last hash: the "
                    + "head row or the records were changed") + "; see ./spine audit verify-table");
        }
        if (head != null) {
            // Records after the signed head are allowed (a deferred head, HeadPolicy); records it covers must be.
            if (head.records() > row.records()) {
                throw stop("the signed head of " + table + " covers " + head.records() + " records, but the head "
                        + "row states " + row.records() + ": records were deleted or the head row was changed; see "
                        + "./spine audit verify-table");
            }
            if (head.records() > 0 && !head.lastHash().equals(hashAtHead)) {
                throw stop("the signed head of " + table + " states another hash for record " + head.records()
                        + " than the table holds: the table was rewritten; see ./spine audit verify-table");
            }
            checkedHead = row.head();
            signedRecords = head.records();
        }
    }

    /** The head row's signed head, which must be this trail's signing key's. */
    private AuditHead signedHead(String text) {
        AuditHead head;
        try {
            head = AuditHead.parse(text);
        } catch (IllegalArgumentException e) {
            throw stop("the head row of " + table + " holds no signed head: " + e.getMessage());
        }
        if (!head.verifies(signer.publicKey())) {
            throw stop("the signed head of " + table + " was not signed by this trail's signing key (id "
                    + signer.id() + "): it was replaced, or the key is not this table's");
        }
        return head;
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Connection c = dataSource.getConnection();
            try {
                PostgresSession.prepare(c, lockWait);
            } catch (SQLException | RuntimeException e) {
                closeQuietly(c);
                throw e;
            }
            connection = c;
        }
        return connection;
    }

    /** Creates the tables when asked and reads the whole table once: opening fails on damage, as a file's does. */
    void open(boolean createTables) {
        commitLock.lock();
        try {
            Connection c = connection();
            if (createTables) {
                try (Statement s = c.createStatement()) {
                    s.execute(table.schemaLock());
                    boolean exist;
                    try (ResultSet rs = s.executeQuery(table.exists())) {
                        exist = rs.next() && rs.getBoolean(1);
                    }
                    if (!exist) {
                        s.execute(table.schema());
                    }
                }
                c.commit();
            }
            // One snapshot of the head row and the records, without the row lock: other writers go on meanwhile.
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            catchUp(c, headRow(c, table.readHead()));
            c.rollback();
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        } catch (SQLException e) {
            closeConnection();
            throw new AuditException("cannot open " + table + ": " + PostgresSession.describe(e, table), e);
        } finally {
            commitLock.unlock();
        }
    }

    private AuditException transactionFailed(SQLException e) {
        // What this transaction wrote is gone with it; the chain is read again from the table next time.
        closeConnection();
        chain = null;
        String reason = LOCK_NOT_AVAILABLE.equals(e.getSQLState())
                ? "another writer has held its head row for more than " + lockWait.toMillis() + " ms (stopped or "
                + "hung? see pg_stat_activity for application_name spine-audit)"
                : PostgresSession.describe(e, table);
        return new AuditException("cannot write to " + table + ": " + reason + "; nothing was recorded", e);
    }

    private AuditException stop(String message) {
        failure = message;
        closeConnection();
        chain = null;
        return new AuditException(message);
    }

    /**
     * Creates the trail's tables where missing ({@code NAME}, {@code NAME_head}, {@code NAME_cards}, with their
     * triggers): run once by the tables' owner ({@code ./spine audit init-db}), so that writers need no DDL rights.
     */
    public static void createTables(DataSource dataSource, String table) {
        AuditTable names = new AuditTable(table);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute(names.schemaLock());
            s.execute(names.schema());
            c.commit();
        } catch (SQLException e) {
            throw new AuditException("cannot create " + names + ": " + PostgresSession.describe(e, names), e);
        }
    }

    /** The trail's tables that do not exist (empty when all three do), checked without DDL. */
    public static List<String> missingTables(DataSource dataSource, String table) {
        AuditTable names = new AuditTable(table);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(names.missing())) {
            rs.next();
            List<String> missing = new ArrayList<>();
            String[] all = {names.records, names.head, names.cards};
            for (int i = 0; i < all.length; i++) {
                if (rs.getBoolean(i + 1)) {
                    missing.add(all[i]);
                }
            }
            return missing;
        } catch (SQLException e) {
            throw new AuditException("cannot read " + names + ": " + PostgresSession.describe(e, names), e);
        }
    }

    /**
     * Why this trail stopped for good (damage found while appending), or null while it can append: a lost
     * connection or a refused transaction is retried with the next record.
     */
    public String stoppedBecause() {
        return failure;
    }

    private void ensureUsable() {
        if (closed) {
            throw new AuditException("the audit trail for " + table + " is closed");
        }
        if (failure != null) {
            throw new AuditException("the audit trail for " + table + " stopped after an earlier failure ("
                    + failure + "); reopen it");
        }
    }

    private void closeConnection() {
        closeQuietly(connection);
        connection = null;
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // Closing anyway; an open transaction is rolled back by the server when the session ends.
            }
            try {
                c.close();
            } catch (SQLException ignored) {
                // The first error is the one worth reporting.
            }
        }
    }

    @Override
    public void close() {
        commitLock.lock();
        try {
            signDeferredHead();
            closed = true;
            if (headTimer != null) {
                headTimer.shutdown();
            }
            closeConnection();
        } finally {
            commitLock.unlock();
        }
    }
}
