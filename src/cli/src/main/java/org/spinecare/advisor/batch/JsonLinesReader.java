package org.spinecare.advisor.batch;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without ever holding more than one bounded line: a line longer than the limit
 * is skipped to its end and reported as too long, so a hostile or broken file cannot exhaust memory. A final line
 * without a line break counts; the break after the last line does not start another. A trailing carriage return
 * is dropped, so files with Windows line ends read the same, and it is not counted against the limit: a line of
 * exactly the limit is accepted with LF and with CRLF alike. Not thread-safe.
 */
final class JsonLinesReader {
    /** One input line; {@code bytes} is null when the line was longer than the limit. */
    record Line(long number, byte[] bytes) {
        boolean tooLong() {
            return bytes == null;
        }
    }

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private long lineNumber;
    private long bytesRead;

    JsonLinesReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line, or null at the end of the input. */
    Line next() throws IOException {
        byte[] line = null;
        int length = 0;
        boolean tooLong = false;
        boolean started = false;
        while (true) {
            if (position >= limit && !fill()) {
                if (!started) {
                    return null;
                }
                break;
            }
            started = true;
            int newline = indexOfNewline();
            int end = newline >= 0 ? newline : limit;
            int count = end - position;
            if (!tooLong) {
                // One byte of slack for a carriage return before the line feed, checked once the line is whole.
                if (length + count > maxLineBytes + 1L) {
                    tooLong = true;
                    line = null;
                } else {
                    line = line == null ? Arrays.copyOfRange(buffer, position, end) : append(line, length, count);
                    length += count;
                }
            }
            position = newline >= 0 ? newline + 1 : limit;
            if (newline >= 0) {
                break;
            }
        }
        lineNumber++;
        if (tooLong) {
            return new Line(lineNumber, null);
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        if (length > maxLineBytes) {
            return new Line(lineNumber, null);
        }
        return new Line(lineNumber, line.length == length ? line : Arrays.copyOf(line, length));
    }

    /** Bytes consumed from the input so far, for progress. */
    long bytesRead() {
        return bytesRead;
    }

    private byte[] append(byte[] line, int length, int count) {
        byte[] grown = Arrays.copyOf(line, length + count);
        System.arraycopy(buffer, position, grown, length, count);
        return grown;
    }

    private int indexOfNewline() {
        for (int i = position; i < limit; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private boolean fill() throws IOException {
        int read = in.read(buffer, 0, buffer.length);
        if (read <= 0) {
            position = 0;
            limit = 0;
            return false;
        }
        bytesRead += read;
        position = 0;
        limit = read;
        return true;
    }
}
