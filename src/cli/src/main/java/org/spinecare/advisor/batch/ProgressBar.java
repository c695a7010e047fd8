package org.spinecare.advisor.batch;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A one-line progress bar, redrawn in place on a terminal at most a few times a second. With the input's size
 * known it shows a bar and a percentage of bytes read; otherwise the patients done and the rate.
 */
public final class ProgressBar implements BatchAssessor.Progress {
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int WIDTH = 30;

    private final PrintWriter terminal;
    private final long totalBytes;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    /** @param totalBytes the input's size, or a negative number when unknown (standard input) */
    public ProgressBar(PrintWriter terminal, long totalBytes) {
        this.terminal = terminal;
        this.totalBytes = totalBytes;
    }

    /**
     * Whether standard error is a terminal. {@code System.console()} alone says whether standard input and output
     * are, which is false as soon as the output is redirected to a file, the usual case for a batch; on Linux the
     * descriptor's target tells about standard error itself.
     */
    public static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return System.console() != null;
        }
    }

    @Override
    public void update(long lines, long bytesRead) {
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        double rate = lines * 1e9 / Math.max(1, now - start);
        if (totalBytes > 0) {
            double done = Math.min(1.0, (double) bytesRead / totalBytes);
            int filled = (int) Math.round(done * WIDTH);
            terminal.printf(Locale.ROOT, "\r[%s%s] %3.0f%% %d patients, %.0f/s", "#".repeat(filled),
                    " ".repeat(WIDTH - filled), done * 100, lines, rate);
        } else {
            terminal.printf(Locale.ROOT, "\r%d patients, %.0f/s", lines, rate);
        }
        terminal.flush();
        drawn = true;
    }

    /** Clears the bar so that the summary or an error line starts on a clean line; the next update redraws it. */
    public void finish() {
        if (drawn) {
            terminal.print("\r\033[K");
            terminal.flush();
            drawn = false;
        }
    }
}
