package org.spinecare.advisor.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLockInterruptionException;
import java.nio.channels.FileLock;
import java.nio.file.FileSystems;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

    private final Path file;
    private final Path identity;
    private final AuditKey key;
    private final Consumer<String> warnings;
    // Replaced only when reopening, with both appendLock and forceMonitor held.
    private volatile FileChannel channel;
    private final ReentrantLock appendLock = new ReentrantLock();
    private final Object forceMonitor = new Object();

    // Guarded by appendLock: where the file ends and what its last record is.
    private long end;
    private ChainCheck chain;
    private String lastKeyId;
    private long written;

    // Guarded by forceMonitor: how many of this trail's writes are known to be on disk.
    private long forced;
    private volatile long writtenVolatile;
    private volatile String failure;
    private volatile boolean reopen;
    private volatile boolean closed;

    private JsonLinesAuditTrail(Path file, Path identity, AuditKey key, Consumer<String> warnings,
                                FileChannel channel) {
        this.file = file;
        this.identity = identity;
        this.key = key;
        this.warnings = warnings;
        this.channel = channel;
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
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(warnings, "warnings");
        Path identity = file.toAbsolutePath().normalize();
        if (!OPEN_FILES.add(identity)) {
            throw new AuditException("the audit file " + file + " is already open in this process; share that trail");
        }
        FileChannel channel = null;
        try {
            channel = openChannel(file);
            JsonLinesAuditTrail trail = new JsonLinesAuditTrail(file, identity, key, warnings, channel);
            trail.load();
            return trail;
        } catch (IOException | RuntimeException e) {
            OPEN_FILES.remove(identity);
            closeQuietly(channel);
            if (e instanceof AuditException audit) {
                throw audit;
            }
            throw new AuditException("cannot open the audit file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void record(AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        append(chain -> AuditCodec.line(AuditRecord.chained(entry, chain.records() + 1, chain.lastHash(), key)));
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
        append(chain -> FeedbackCodec.line(FeedbackRecord.chained(entry, UnknownAssessmentException.link(entry,
                chain.assessmentHash(entry.assessmentRequestId()), file.toString()), chain.records() + 1,
                chain.lastHash())));
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
            try (FileLock lock = channel.lock()) {
                if (channel.size() != end) {
                    catchUp();
                }
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
                while (buffer.hasRemaining()) {
                    position += channel.write(buffer, position);
                }
                end = position;
                if (chain.last() instanceof AuditRecord record) {
                    lastKeyId = record.keyId();
                }
                ticket = ++written;
                writtenVolatile = ticket;
            }
        } catch (IOException e) {
            throw fail("cannot write to the audit file " + file + ": " + e.getMessage(), e);
        } finally {
            appendLock.unlock();
        }
        forceUpTo(ticket);
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
                    closed = true;
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
            long target = writtenVolatile;
            try {
                channel.force(true);
            } catch (IOException e) {
                throw fail("cannot force the audit file " + file + " to disk: " + e.getMessage(), e);
            }
            forced = target;
        }
    }

    /** Reads the whole file afresh, with the file lock held. */
    private void load() throws IOException {
        try (FileLock lock = channel.lock()) {
            end = 0;
            chain = ChainCheck.fromStart();
            lastKeyId = null;
            catchUp();
        }
    }

    /** After an interrupt closed the channel: open the file again and check it again. Holds appendLock. */
    private void reopenChannel() {
        synchronized (forceMonitor) {
            closeQuietly(channel);
            try {
                channel = openChannel(file);
                load();
            } catch (IOException e) {
                throw fail("cannot reopen the audit file " + file + ": " + e.getMessage(), e);
            }
            reopen = false;
        }
    }

    /**
     * Checks what lies between {@link #end} and the end of the file (everything, on opening; another process's
     * appends, later), removing a torn final line. Called with the file lock held, so nobody is writing.
     */
    private void catchUp() throws IOException {
        long size = channel.size();
        if (size < end) {
            throw fail("the audit file " + file + " shrank from " + end + " to " + size
                    + " bytes while open: records were removed", null);
        }
        AuditVerifier.Scan scan = AuditVerifier.scan(new ChannelInput(channel, end), end, chain, record -> {
            if (record instanceof AuditRecord assessment) {
                lastKeyId = assessment.keyId();
            }
        });
        if (scan.problem() != null && !scan.torn()) {
            throw fail("the audit file " + file + " is damaged at record " + (chain.records() + 1) + ": "
                    + scan.problem() + "; it is not repaired automatically (see ./spine audit verify)", null);
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

    private static FileChannel openChannel(Path file) throws IOException {
        return FileChannel.open(file, Set.<OpenOption>of(StandardOpenOption.CREATE, StandardOpenOption.READ,
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
