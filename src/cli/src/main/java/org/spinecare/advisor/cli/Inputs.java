package org.spinecare.advisor.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.spinecare.advisor.InvalidFactsException;
import org.spinecare.advisor.SpineJson;

/** Reading one facts document from a file or standard input, in bounded memory whatever the source. */
final class Inputs {
    private Inputs() {
    }

    /** Standard input, closed when the process started; see {@link StandardStreams#stdinClosed}. */
    static final class ClosedStdin extends IOException {
        ClosedStdin() {
            super("it is closed");
        }
    }

    /** How a file argument is named in messages: escaped, and {@code -} as standard input. */
    static String describe(String file) {
        return "-".equals(file) ? "standard input" : TerminalText.safe(file);
    }

    /**
     * Reads at most {@link SpineJson#MAX_DOCUMENT_BYTES} + 1 bytes from FILE, or standard input for {@code -}: a
     * regular file, a pipe, a FIFO or a device such as {@code /dev/zero} costs the same bounded memory, and one byte
     * over the limit is enough to refuse it.
     *
     * @throws InvalidFactsException {@code TOO_LARGE} when there is more
     */
    static byte[] readDocument(String file) throws IOException {
        if ("-".equals(file)) {
            if (StandardStreams.stdinClosed()) {
                throw new ClosedStdin();
            }
            return bounded(System.in);
        }
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return bounded(in);
        }
    }

    /** As {@link #readDocument(String)}, for a path that is always a file. */
    static byte[] readDocument(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return bounded(in);
        }
    }

    private static byte[] bounded(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(SpineJson.MAX_DOCUMENT_BYTES + 1);
        if (bytes.length > SpineJson.MAX_DOCUMENT_BYTES) {
            // Not "the input is N bytes": only the first limit + 1 were read, the rest is unknown.
            throw new InvalidFactsException(InvalidFactsException.Code.TOO_LARGE, "$",
                    "the input is larger than " + SpineJson.MAX_DOCUMENT_BYTES + " bytes, the most accepted");
        }
        return bytes;
    }
}
