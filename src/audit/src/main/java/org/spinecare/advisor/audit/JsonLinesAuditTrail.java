package org.spinecare.advisor.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLockInterruptionException;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.spinecare.advisor.AuditEntry;
import org.spinecare.advisor.AuditTrail;
import org.spinecare.advisor.FeedbackEntry;

/**
 * The embedded audit trail: an append-only JSON Lines file forming a hash chain (docs/audit.md).
 *
 * <ul>
 * <li>{@link #record} returns only after the record's line has been written and {@code FileChannel.force(true)}
 * has completed after it. Threads that arrive while a force is running share the next one (group commit), so
 * concurrent appenders do not each wait for their own disk flush.</li>
 * <li>Appends are serialised by a lock in this process and by an exclusive {@link FileLock} across processes;
 * every line is written whole at the end of the file, so lines never interleave. When another process appended
 * since, the new records are checked and the chain continues from them.</li>
 * <li>A rotating trail (docs/audit.md, Rotation) may be written by several processes, each with its own trail on
 * the same file. Everything is decided under the live segment's lock, after reading what the others appended: if
 * the next segment exists, another process rotated, so this one finishes its view of the segment (force, head)
 * and follows it there; if the segment is due (by size or day, of the trail, not of this process's stale view),
 * this one closes it and creates the next with the lock still held. A closed segment is forced and covered by
 * its head before the next one exists, and never written again.</li>
 * <li>Opening checks the whole file. A torn final line (bytes after the last line break, left by a crash during a
 * write) is removed and reported to the warnings consumer; it was never reported as written. Any other damage
 * is an {@link AuditException}: nothing is repaired silently.</li>
 * <li>After an I/O failure the trail refuses further records (it cannot know what reached the disk); reopen it.
 * An interrupted thread is the exception: interrupting a thread inside channel I/O closes the channel (a rule of
 * interruptible channels), so that thread's record fails, and the next record reopens the file and checks it
 * again before going on. A thread that is already interrupted is refused before it touches the file.</li>
 * </ul>
 * Open one trail per file in a process and share it; a second open of the same file is refused.
 */
public final class JsonLinesAuditTrail implements AuditTrail {
    private static final Set<Path> OPEN_FILES = ConcurrentHashMap.newKeySet();
    // One byte far beyond any data, locked while a head is written: appenders lock the bytes below it.
    private static final long HEAD_LOCK_AT = Long.MAX_VALUE - 1;
    /** How long a writer waits for another process's lock before it gives up and says who holds it. */
    static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(10);
    public static final String LOCK_WAIT_PROPERTY = "spine.audit.lockWaitMillis";

    // The file given (segment 0); the live segment and its head change when the trail rotates (docs/audit.md).
    private final Path base;
    private volatile Path file;
    private final Path identity;
    private final AuditKey key;
    private final Consumer<String> warnings;
    private final AuditSigningKey signer;
    private final Consumer<AuditHead> headCopies;
    private volatile Path headFile;
    private final Duration lockWait;
    private final Rotation rotation;
    private final HeadPolicy headPolicy;
    // Replaced only when reopening, with both appendLock and forceMonitor held.
    private volatile FileChannel channel;
    private final ReentrantLock appendLock = new ReentrantLock();
    private final Object forceMonitor = new Object();

    // Guarded by appendLock: where the file ends and what its last record is.
    private long end;
    private ChainCheck chain;
    private String lastKeyId;
    private long written;
    private long segment;
    // The UTC day of the live segment's first record, or null while it has none.
    private LocalDate segmentDay;
    // The newest written record, set with written: what the next head states once it is forced.
    private volatile Written latest;

    // Guarded by forceMonitor: how many of this trail's writes are known to be on disk (and covered by a head).
    private long forced;
    private long headRecords;
    // What the newest force covered, and when the first confirmed record outside the newest head was confirmed
    // (System.nanoTime; meaningless while forcedTarget.records() == headRecords).
    private Written forcedTarget;
    private long firstUnsignedNanos;
    // Signs the head that the policy defers when no commit comes in time; made on first need.
    private ScheduledExecutorService headTimer;
    private boolean headScheduled;
    private volatile long writtenVolatile;
    private volatile String failure;
    private volatile boolean reopen;
    private volatile boolean closed;

    private JsonLinesAuditTrail(Path file, Path identity, AuditKey key, AuditSigningKey signer,
                                Consumer<String> warnings, Consumer<AuditHead> headCopies, FileChannel channel,
                                Rotation rotation, HeadPolicy headPolicy) {
        this.base = file;
        this.rotation = rotation;
        this.headPolicy = Objects.requireNonNull(headPolicy, "headPolicy");
        this.file = file;
        this.identity = identity;
        this.key = key;
        this.signer = signer;
        this.warnings = warnings;
        this.headCopies = headCopies;
        this.headFile = HeadFile.besideAuditFile(file);
        this.lockWait = lockWaitFor(file);
        this.channel = channel;
    }

    /** A record that was written: its ticket, and the chain's length and last hash with it. */
    private record Written(long ticket, long records, String hash) {
    }

    /** Opens (creating if needed, readable by its owner only) the audit file; warnings are dropped. */
    public static JsonLinesAuditTrail open(Path file, AuditKey key) {
        return open(file, key, warning -> { });
    }

    /**
     * Opens (creating if needed, readable by its owner only) the audit file and checks it.
     *
     * @param warnings told when a torn final line is removed
     * @throws AuditException when the file is damaged in any other way, or cannot be opened
     */
    public static JsonLinesAuditTrail open(Path file, AuditKey key, Consumer<String> warnings) {
        return open(file, key, null, warnings, head -> { });
    }

    /**
     * Opens the audit file as {@link #open(Path, AuditKey, Consumer)} does, and signs a head ({@code FILE.head})
     * after every commit group: {@link #record} returns once its record is on disk and covered by a signed head.
     * Opening checks the file against the head beside it and refuses a file that has fewer records than the head
     * states, or another record where the head's last record was; a torn final line is removed only when all the
     * records the head covers are there before it (a crash while writing leaves that; a cut copy does not).
     *
     * @param signer     signs the heads; a head that it did not sign is refused
     * @param headCopies handed every new head, to keep a copy elsewhere (another disk, a syslog line); it must not
     *                   block for long, since appenders wait for it
     */
    public static JsonLinesAuditTrail open(Path file, AuditKey key, AuditSigningKey signer,
                                           Consumer<String> warnings, Consumer<AuditHead> headCopies) {
        return open(file, key, signer, warnings, headCopies, Rotation.NEVER, HeadPolicy.EVERY_COMMIT);
    }

    /** A builder, for a trail that rotates (by size, by UTC day) or any other option. */
    public static JsonLinesAuditTrailBuilder builder(Path file, AuditKey key) {
        return new JsonLinesAuditTrailBuilder(file, key);
    }

    static JsonLinesAuditTrail open(Path file, AuditKey key, AuditSigningKey signer, Consumer<String> warnings,
                                    Consumer<AuditHead> headCopies, Rotation rotation, HeadPolicy headPolicy) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(warnings, "warnings");
        Objects.requireNonNull(headCopies, "headCopies");
        Path identity = file.toAbsolutePath().normalize();
        if (!OPEN_FILES.add(identity)) {
            throw new AuditException("the audit file " + file + " is already open in this process; share that trail");
        }
        FileChannel channel = null;
        try {
            refuseUnsafe(file);
            JsonLinesAuditTrail trail = new JsonLinesAuditTrail(file, identity, key, signer, warnings, headCopies,
                    null, rotation, headPolicy);
            try {
                trail.load();
            } catch (IOException | RuntimeException e) {
                channel = trail.channel;
                throw e;
            }
            return trail;
        } catch (IOException | RuntimeException e) {
            OPEN_FILES.remove(identity);
            closeQuietly(channel);
            if (e instanceof AuditException audit) {
                throw audit;
            }
            throw new AuditException("cannot open the audit file " + file + ": "
                    + (e instanceof IOException io ? IoProblems.describe(io) : e.getMessage()), e);
        }
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
     * @throws UnknownAssessmentException when the file holds no assessment record of the entry's request id (or
     *                                    one with a different hash than the entry names)
     */
    @Override
    public void recordFeedback(FeedbackEntry entry) {
        Objects.requireNonNull(entry, "entry");
        append(chain -> {
            FeedbackRecord record = FeedbackRecord.chained(entry, UnknownAssessmentException.link(entry,
                    chain.assessmentHash(entry.assessmentRequestId()), file.toString()), chain.records() + 1,
                    chain.lastHash(), key);
            return RecordMac.seal(FeedbackCodec.line(record), record.hash(), key);
        });
    }

    /** Writes the line {@code next} makes from the chain as it stands in the file, then forces it to disk. */
    private void append(Function<ChainCheck, byte[]> next) {
        if (Thread.currentThread().isInterrupted()) {
            // Channel I/O from an interrupted thread would close the file for every other thread.
            throw new AuditException("the thread was interrupted, so nothing was recorded in " + file);
        }
        long ticket;
        appendLock.lock();
        try {
            ensureUsable();
            if (reopen) {
                reopenChannel();
            }
            try (FileLock lock = lockLive()) {
                byte[] line = next.apply(chain);
                // Checked before it is written: the trail never writes a record that would not verify.
                String problem = chain.accept(line);
                if (problem != null) {
                    throw new IllegalStateException("a new record would not verify: " + problem);
                }
                byte[] bytes = Arrays.copyOf(line, line.length + 1);
                bytes[line.length] = '\n';
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                long position = end;
                try {
                    while (buffer.hasRemaining()) {
                        position += channel.write(buffer, position);
                    }
                } catch (IOException e) {
                    throw undoPartialWrite(e);
                }
                end = position;
                if (segmentDay == null) {
                    segmentDay = rotation.today();
                }
                if (chain.last() instanceof AuditRecord record) {
                    lastKeyId = record.keyId();
                }
                ticket = ++written;
                latest = new Written(ticket, chain.records(), chain.lastHash());
                writtenVolatile = ticket;
            }
        } catch (IOException e) {
            throw fail("cannot write to the audit file " + file + ": " + IoProblems.describe(e), e);
        } finally {
            appendLock.unlock();
        }
        forceUpTo(ticket);
    }

    /**
     * A write failed part way (a full disk): the partial line is cut off at once, so that the file verifies and
     * the next writer need not repair it, and the chain is read again before the next record. Holds both locks.
     */
    private AuditException undoPartialWrite(IOException e) {
        String message = "cannot write to the audit file " + file + ": " + IoProblems.describe(e);
        if (e instanceof ClosedChannelException) {
            return fail(message, e);
        }
        try {
            channel.truncate(end);
            channel.force(true);
        } catch (IOException undo) {
            return fail(message + "; removing the partial line failed too: " + IoProblems.describe(undo), e);
        }
        reopen = true;
        return new AuditException(message + "; the partial line was removed and nothing was recorded", e);
    }

    /**
     * Why this trail stopped for good (damage, or a failed force that may have lost data), or null while it can
     * append: a failed write that was undone, or a head that could not be written, is retried with the next record.
     */
    public String stoppedBecause() {
        return failure;
    }

    /** Records in the file as this trail last saw it. */
    public long size() {
        appendLock.lock();
        try {
            return chain.records();
        } finally {
            appendLock.unlock();
        }
    }

    /** The key id of the file's last record, or null when it has none: a different key changes pseudonyms. */
    public String lastKeyId() {
        appendLock.lock();
        try {
            return lastKeyId;
        } finally {
            appendLock.unlock();
        }
    }

    @Override
    public void close() {
        appendLock.lock();
        try {
            synchronized (forceMonitor) {
                if (!closed) {
                    signDeferredHead("closing");
                    closed = true;
                    if (headTimer != null) {
                        headTimer.shutdown();
                    }
                    closeQuietly(channel);
                    OPEN_FILES.remove(identity);
                }
            }
        } finally {
            appendLock.unlock();
        }
    }

    /**
     * Group commit: one force covers every line written before it started. After a reopen the force goes to the
     * new channel, which flushes the same file, so a line written through the old one is covered too.
     */
    private void forceUpTo(long ticket) {
        synchronized (forceMonitor) {
            if (forced >= ticket) {
                return;
            }
            ensureUsable();
            if (reopen) {
                throw new AuditException("the audit file " + file + " was closed by an interrupted thread before "
                        + "this record was forced to disk; the record is not confirmed");
            }
            Written target = latest;
            try {
                channel.force(true);
            } catch (IOException e) {
                throw fail("cannot force the audit file " + file + " to disk: " + IoProblems.describe(e), e);
            }
            if (signer != null && target.records() > headRecords) {
                long now = System.nanoTime();
                if (forcedTarget == null || forcedTarget.records() <= headRecords) {
                    firstUnsignedNanos = now;
                }
                if (headPolicy.due(target.records() - headRecords, firstUnsignedNanos, now)) {
                    try {
                        writeHead(target);
                    } catch (IOException e) {
                        // Not damage: the records are forced and the old head, whole, covers fewer of them, which
                        // verifies. The next record writes a head over all of them, once there is room again.
                        throw new AuditException("cannot write the signed head " + headFile + ": "
                                + IoProblems.describe(e) + "; the record is on disk but not confirmed", e);
                    }
                } else {
                    scheduleHead(firstUnsignedNanos + headPolicy.within().toNanos() - now);
                }
            }
            forcedTarget = target;
            forced = target.ticket();
        }
    }

    /** Signs the deferred head when its time is up and no commit has signed it meanwhile. Holds forceMonitor. */
    private void scheduleHead(long delayNanos) {
        if (headScheduled) {
            return;
        }
        if (headTimer == null) {
            ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "spine-audit-head " + base.getFileName());
                thread.setDaemon(true);
                return thread;
            });
            timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            headTimer = timer;
        }
        headScheduled = true;
        headTimer.schedule(() -> {
            synchronized (forceMonitor) {
                headScheduled = false;
                signDeferredHead("its time was up");
            }
        }, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }

    /**
     * Signs a head over every forced record that none covers yet (the policy's deferred head), unless the trail
     * cannot write any more. A failure is told to the warnings: the records stay confirmed under the older head,
     * and the next commit, finding the head overdue, tries again and fails its record if it still cannot.
     * Holds forceMonitor.
     */
    private void signDeferredHead(String why) {
        Written target = forcedTarget;
        if (signer == null || closed || failure != null || reopen || target == null || target.records() <= headRecords) {
            return;
        }
        try {
            writeHead(target);
        } catch (IOException | RuntimeException e) {
            warnings.accept("audit file " + file + ": cannot sign the head over " + target.records() + " records ("
                    + why + "): " + (e instanceof IOException io ? IoProblems.describe(io) : e.getMessage())
                    + "; the next record tries again");
        }
    }

    /** Reads the whole file afresh, with the file lock held, and holds it to the head beside it. */
    private void load() throws IOException {
        TreeMap<Long, Path> present = Segments.present(base);
        long first = present.isEmpty() ? 0 : present.firstKey();
        chain = first == 0 ? ChainCheck.fromStart(List.of(key), false) : ChainCheck.anchored(List.of(key), false);
        if (first > 0) {
            warnings.accept("audit trail " + base + ": segments before " + present.firstEntry().getValue()
                    + " were archived; the chain is checked from there on");
        }
        lastKeyId = null;
        List<Path> segments = present.isEmpty() ? List.of(base) : Segments.inOrder(base, first);
        for (int i = 0; i < segments.size(); i++) {
            switchTo(segments.get(i), first + i);
            try (FileLock lock = lockRecords()) {
                catchUp(i == segments.size() - 1);
            }
        }
    }

    /** Makes {@code next} the file this trail reads and appends to. Holds forceMonitor or is opening. */
    private void switchTo(Path next, long number) throws IOException {
        switchTo(openChannel(next), next, number);
    }

    private void switchTo(FileChannel opened, Path next, long number) {
        if (channel != null) {
            closeQuietly(channel);
        }
        channel = opened;
        file = next;
        headFile = HeadFile.besideAuditFile(next);
        segment = number;
        segmentDay = null;
        end = 0;
    }

    /**
     * Locks the live segment against other processes and reads what they appended to it, returning that lock.
     * When another process rotated meanwhile (the next segment exists), or the trail, read up to date, is due to
     * rotate, the segment is closed ({@link #closeAndMoveOn}) and the next one is locked and read in turn: it may
     * have rotated too. The next segment is only ever created by a writer holding this segment's lock, so while
     * the lock is held its absence cannot change. Holds appendLock.
     */
    private FileLock lockLive() throws IOException {
        while (true) {
            FileLock lock = lockRecords();
            try {
                Path next = Segments.numbered(base, segment + 1);
                boolean rotatedElsewhere = Files.exists(next);
                if (channel.size() != end) {
                    // A segment another process closed is never cut: a torn line there is damage, not a crash.
                    catchUp(!rotatedElsewhere);
                }
                if (!rotatedElsewhere && !rotation.due(end, segmentDay)) {
                    return lock;
                }
                closeAndMoveOn(lock, next, rotatedElsewhere);
            } catch (IOException | RuntimeException e) {
                if (lock.isValid()) {
                    try {
                        lock.release();
                    } catch (IOException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                throw e;
            }
        }
    }

    /**
     * Closes the live segment, whose record lock is held, and switches to the next one: every record written is
     * forced and (with a signer) covered by the segment's head first, unless a head already covers them (heads
     * only move forward; the process that rotated wrote one), so a closed segment never changes again. When this
     * trail rotates, it creates the next file empty (CREATE_NEW) only after that, still holding the lock; a crash
     * at any point leaves whole files (an empty last segment is a valid one). Holds appendLock.
     */
    private void closeAndMoveOn(FileLock lock, Path next, boolean rotatedElsewhere) {
        synchronized (forceMonitor) {
            try {
                channel.force(true);
                Written all = new Written(written, chain.records(), chain.lastHash());
                // A closed segment always ends under its head, whatever the policy deferred.
                if (signer != null && chain.records() > headRecords) {
                    writeHead(all);
                }
                forcedTarget = all;
                forced = written;
                FileChannel opened = rotatedElsewhere ? openChannel(next) : createChannel(next);
                if (!rotatedElsewhere) {
                    forceDirectory(next);
                }
                try {
                    // Released before the switch closes its channel; the segment is finished, nothing is exposed.
                    lock.release();
                } catch (IOException e) {
                    closeQuietly(opened);
                    throw e;
                }
                switchTo(opened, next, segment + 1);
            } catch (FileAlreadyExistsException e) {
                throw fail("cannot rotate the audit trail to " + next + ": it appeared while this process held the "
                        + "lock of " + file + ", so a writer that does not take that lock is writing the trail", e);
            } catch (IOException e) {
                throw fail("cannot rotate the audit trail to " + next + ": " + IoProblems.describe(e), e);
            }
        }
    }

    private static void forceDirectory(Path file) {
        try (FileChannel dir = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException ignored) {
            // Some file systems cannot open a directory for syncing; the file was created all the same.
        }
    }

    /**
     * Signs and writes a head for the chain up to {@code target}, unless another process already wrote one at
     * least as far: heads only move forward. The copy goes first: if it fails, no head is written beside the file
     * either, so the next commit tries both again and no record counts as written under a head the copy lacks.
     * Holds forceMonitor; the head lock serialises it across processes.
     */
    private void writeHead(Written target) throws IOException {
        try (FileLock lock = lockWithin(HEAD_LOCK_AT, 1)) {
            AuditHead current = HeadFile.read(headFile);
            if (current == null || current.records() < target.records()
                    || !current.verifies(signer.publicKey())) {
                AuditHead head = AuditHead.sign(target.records(), target.hash(), java.time.Instant.now(), signer);
                headCopies.accept(head);
                HeadFile.write(headFile, head);
            }
        }
        headRecords = target.records();
    }

    /**
     * Holds the records read so far to the head that was read before them (read once: another writer may replace
     * it meanwhile). A head the signer did not make, or one that the records contradict, is an exception.
     */
    private void checkHead(AuditHead head, long records, String hashAtHead) {
        if (signer != null && !head.verifies(signer.publicKey())) {
            throw fail("the signed head " + headFile + " was not signed by this trail's signing key (id "
                    + signer.id() + "): it was replaced, or the key is not this file's", null);
        }
        if (records < head.records()) {
            throw fail("the audit file " + file + " has " + records + " whole records but its signed head covers "
                    + head.records() + ": record " + (records + 1) + " onwards were cut (a bad restore or a "
                    + "truncating copy?); it is not repaired automatically (see ./spine audit verify)", null);
        }
        if (head.records() > 0 && !head.lastHash().equals(hashAtHead)) {
            throw fail("the audit file " + file + " does not match its signed head at record " + head.records()
                    + " (the file was rewritten); see ./spine audit verify", null);
        }
    }

    /** After an interrupt closed the channel: open the file again and check it again. Holds appendLock. */
    private void reopenChannel() {
        synchronized (forceMonitor) {
            closeQuietly(channel);
            try {
                load();
            } catch (IOException e) {
                throw fail("cannot reopen the audit file " + file + ": " + IoProblems.describe(e), e);
            }
            reopen = false;
        }
    }

    /**
     * Checks what lies between {@link #end} and the end of the file (everything, on opening; another process's
     * appends, later), removing a torn final line when the segment is {@code live} (in a closed one it is damage).
     * Called with the file lock held, so nobody is writing.
     */
    private void catchUp(boolean live) throws IOException {
        long size = channel.size();
        if (size < end) {
            throw fail("the audit file " + file + " shrank from " + end + " to " + size
                    + " bytes while open: records were removed", null);
        }
        AuditHead head = HeadFile.read(headFile);
        long headAt = head == null ? 0 : head.records();
        long before = chain.records();
        String[] hashAtHead = {chain.records() == headAt ? chain.lastHash() : null};
        AuditVerifier.Scan scan = AuditVerifier.scan(new ChannelInput(channel, end), end, chain, record -> {
            if (record instanceof AuditRecord assessment) {
                lastKeyId = assessment.keyId();
            }
            if (segmentDay == null) {
                segmentDay = Rotation.dayOf(record);
            }
            if (chain.records() == headAt) {
                hashAtHead[0] = chain.lastHash();
            }
        });
        if (scan.problem() != null && !scan.torn()) {
            throw fail("the audit file " + file + " is damaged at record " + (chain.records() + 1) + ": "
                    + scan.problem() + "; it is not repaired automatically (see ./spine audit verify)", null);
        }
        if (head != null && headAt > headRecords && headAt >= before) {
            // A head this trail has not seen (on opening, or another writer's) over the records read now; one over
            // records read earlier was written by another writer that read them too.
            checkHead(head, chain.records(), hashAtHead[0]);
        }
        if (scan.torn() && !live) {
            throw fail("the closed audit segment " + file + " ends in a torn line after record " + chain.records()
                    + "; closed segments are never written again, so it was altered (see ./spine audit verify)", null);
        }
        if (scan.torn()) {
            long torn = size - scan.goodEnd();
            channel.truncate(scan.goodEnd());
            channel.force(true);
            warnings.accept("audit file " + file + ": removed a torn final line of " + torn + " bytes after record "
                    + chain.records() + " (left by a crash during a write; it had not been reported as written)");
        }
        end = scan.goodEnd();
    }

    private void ensureUsable() {
        if (closed) {
            throw new AuditException("the audit trail for " + file + " is closed");
        }
        if (failure != null) {
            throw new AuditException("the audit trail for " + file + " stopped after an earlier failure ("
                    + failure + "); reopen it");
        }
    }

    private AuditException fail(String message, Throwable cause) {
        if (!closed && (cause instanceof ClosedChannelException || cause instanceof FileLockInterruptionException)) {
            // An interrupt closed the channel (here or in another thread): the file itself is fine.
            reopen = true;
        } else {
            failure = message;
        }
        return new AuditException(message, cause);
    }

    /**
     * A directory is not an audit file, and one that other users may write can be rewritten by them: both are
     * refused before the file is touched.
     */
    private static void refuseUnsafe(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new AuditException("the audit file " + file + " is a directory, not a file");
        }
        if (Files.exists(file) && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.GROUP_WRITE)
                    || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new AuditException("the audit file " + file + " has permissions "
                        + PosixFilePermissions.toString(permissions) + ", so other users may change it; make it "
                        + "writable by its owner only (chmod 600) and verify it (./spine audit verify)");
            }
        }
    }

    /** Locks the records against other processes (the region below the head lock, so the two never overlap). */
    private FileLock lockRecords() throws IOException {
        return lockWithin(0, HEAD_LOCK_AT);
    }

    /**
     * Waits for a lock for at most {@link #lockWait}: a writer stopped while holding it (SIGSTOP, a debugger)
     * must not hold every other writer for ever without a word.
     */
    private FileLock lockWithin(long position, long size) throws IOException {
        long deadline = System.nanoTime() + lockWait.toNanos();
        long pause = 1;
        while (true) {
            FileLock lock = channel.tryLock(position, size, false);
            if (lock != null) {
                return lock;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AuditException("the audit file " + file + " has been locked by " + LockHolder.describe(file)
                        + " for more than " + lockWait.toMillis() + " ms (stopped or hung?); nothing was recorded");
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AuditException("interrupted while waiting for the lock on " + file + "; nothing was "
                        + "recorded");
            }
            pause = Math.min(pause * 2, 50);
        }
    }

    /** The wait for another process's lock: the system property {@value #LOCK_WAIT_PROPERTY}, else 10 s. */
    private static Duration lockWaitFor(Path file) {
        Long millis = Long.getLong(LOCK_WAIT_PROPERTY);
        return millis == null || millis < 1 ? DEFAULT_LOCK_WAIT : Duration.ofMillis(millis);
    }

    private static FileChannel openChannel(Path file) throws IOException {
        return FileChannel.open(file, Set.<OpenOption>of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE), ownerOnly());
    }

    /** The next segment: it must not exist yet, since only the holder of the live segment's lock creates it. */
    private static FileChannel createChannel(Path file) throws IOException {
        return FileChannel.open(file, Set.<OpenOption>of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE), ownerOnly());
    }

    private static FileAttribute<?>[] ownerOnly() {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------"))};
        }
        return new FileAttribute<?>[0];
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closing after a failure: the first error is the one worth reporting.
            }
        }
    }

    /** Reads the channel from a position without moving the channel's own position or closing it. */
    private static final class ChannelInput extends InputStream {
        private final FileChannel channel;
        private long position;

        ChannelInput(FileChannel channel, long position) {
            this.channel = channel;
            this.position = position;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int n = channel.read(ByteBuffer.wrap(bytes, offset, length), position);
            if (n > 0) {
                position += n;
            }
            return n;
        }
    }
}
