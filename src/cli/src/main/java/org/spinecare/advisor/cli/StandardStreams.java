package org.spinecare.advisor.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Standard input and output as the command line needs them: closed streams told apart from empty ones, and an
 * output stream that throws instead of swallowing errors.
 *
 * <p>A descriptor that was closed when the JVM started is reused by the JVM for the first file it opens (its
 * {@code lib/modules} image, then jars), so reading a closed standard input would read those bytes, and a closed
 * standard output would point at a file opened read-only. On Linux {@code /proc/self/fd} shows both cases; elsewhere
 * the streams are assumed open.
 */
final class StandardStreams {
    private StandardStreams() {
    }

    /** Whether standard input was closed when the process started (e.g. {@code spine assess - <&-}). */
    static boolean stdinClosed() {
        Path target = target(0);
        if (target == null) {
            return Files.isDirectory(Path.of("/proc/self/fd"));
        }
        String text = target.toString();
        if (text.startsWith(System.getProperty("java.home"))) {
            return true;
        }
        for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty() && text.equals(Path.of(entry).toAbsolutePath().normalize().toString())) {
                return true;
            }
        }
        return false;
    }

    /** Whether standard output is closed or not writable (e.g. {@code spine assess F >&-}). */
    static boolean stdoutClosed() {
        Path fdinfo = Path.of("/proc/self/fdinfo/1");
        if (!Files.isDirectory(Path.of("/proc/self/fdinfo"))) {
            return false;
        }
        try {
            for (String line : Files.readAllLines(fdinfo)) {
                if (line.startsWith("flags:")) {
                    int flags = Integer.parseInt(line.substring("flags:".length()).strip(), 8);
                    return (flags & 3) == 0; // O_RDONLY: the JVM's own file, not a stream anyone reads
                }
            }
            return false;
        } catch (IOException | NumberFormatException e) {
            return true; // no such descriptor
        }
    }

    private static Path target(int fd) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd));
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /**
     * {@code System.out} as a stream that throws: a {@link PrintStream} only sets a flag when a write fails (a full
     * disk, a closed pipe), so the flag is checked after every write and flush.
     */
    static OutputStream stdout() {
        PrintStream out = System.out;
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
                check();
            }

            @Override
            public void flush() throws IOException {
                check();
            }

            @Override
            public void close() throws IOException {
                flush(); // standard output stays open: the JVM owns it
            }

            private void check() throws IOException {
                if (out.checkError()) {
                    throw new IOException(stdoutClosed() ? "standard output is closed"
                            : "standard output refused the write (a full disk, or a closed pipe)");
                }
            }
        };
    }
}
