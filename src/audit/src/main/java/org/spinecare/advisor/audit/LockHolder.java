package org.spinecare.advisor.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Who holds a lock on a file, for the message of a writer that gave up waiting: on Linux, {@code /proc/locks}
 * lists every lock with its process id and the file's inode. Elsewhere the holder is not named.
 */
final class LockHolder {
    private static final Path PROC_LOCKS = Path.of("/proc/locks");

    private LockHolder() {
    }

    /** {@code process 1234 (java -cp ...)}, or {@code another process} when it cannot be told. */
    static String describe(Path file) {
        try {
            Object inode = Files.getAttribute(file, "unix:ino");
            long self = ProcessHandle.current().pid();
            List<String> lines = Files.readAllLines(PROC_LOCKS);
            for (String line : lines) {
                // "1: POSIX  ADVISORY  WRITE 1234 fe:00:2154506 0 EOF"
                String[] fields = line.trim().split("\\s+");
                if (fields.length >= 6 && fields[1].equals("POSIX") && fields[5].endsWith(":" + inode)) {
                    long pid = Long.parseLong(fields[4]);
                    if (pid != self) {
                        Optional<String> command = ProcessHandle.of(pid).flatMap(p -> p.info().command());
                        return "process " + pid + command.map(c -> " (" + c + ")").orElse("");
                    }
                }
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            // Not Linux, or /proc is not readable: the message goes without the holder's name.
        }
        return "another process";
    }
}
