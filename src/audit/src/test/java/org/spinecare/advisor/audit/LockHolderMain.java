package org.spinecare.advisor.audit;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The child of {@link AuditLockWaitTest}: takes the lock an appender takes on the records of an audit file, says
 * LOCKED, and holds it until it is killed, as a writer stopped while appending would.
 */
public final class LockHolderMain {
    private LockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.READ,
                StandardOpenOption.WRITE); FileLock lock = channel.lock(0, Long.MAX_VALUE - 1, false)) {
            System.out.println("LOCKED");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
