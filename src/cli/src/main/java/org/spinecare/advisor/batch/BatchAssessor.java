package org.spinecare.advisor.batch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.spinecare.advisor.InvalidFactsException;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.advisor.SpineAdvisor;
import org.spinecare.advisor.SpineJson;
import org.spinecare.advisor.audit.CanonicalInput;
import org.spinecare.advisor.cli.TerminalText;

/**
 * Assesses a JSON Lines stream of patients, one per line, and writes one output line per valid line, in input
 * order. Lines are read in chunks on the calling thread, assessed (parse, rules, serialisation) on a fixed pool,
 * and written in order as soon as the oldest chunk is done. At most {@code 2 * threads + 1} chunks are in flight,
 * and each is capped in lines and bytes, so memory stays bounded whatever the size of the input.
 *
 * <p>Each output line names the input line it answers, so that it can be pinned on the right patient without the
 * error output, even after a crash: {@code {"line":N,"inputSha256":"<hex>","assessment":{...}}}, where
 * {@code inputSha256} is {@link CanonicalInput#sha256} of the line's facts (the value an audit record of them
 * holds). A line that cannot be assessed gives no output line; its error goes to the error output as
 * {@code line N: <path>: <message> [CODE]}. Every line is written whole and ends with a line feed; a process killed
 * during a write can leave a last line without one, which a reader must ignore.
 */
public final class BatchAssessor {
    /** The error code for a line whose facts were valid but whose assessment failed. */
    public static final String ASSESSMENT_FAILED = "ASSESSMENT_FAILED";
    static final int DEFAULT_CHUNK_LINES = 256;
    private static final int CHUNK_BYTES = 1024 * 1024;

    private final SpineAdvisor advisor;
    private final int threads;
    private final int chunkLines;
    private final Delivery delivery;

    public BatchAssessor(SpineAdvisor advisor, int threads) {
        this(advisor, threads, DEFAULT_CHUNK_LINES, Delivery.NONE);
    }

    /** A batch that tells {@code delivery} about each answer once it has been written (for the audit trail). */
    public BatchAssessor(SpineAdvisor advisor, int threads, Delivery delivery) {
        this(advisor, threads, DEFAULT_CHUNK_LINES, delivery);
    }

    BatchAssessor(SpineAdvisor advisor, int threads, int chunkLines) {
        this(advisor, threads, chunkLines, Delivery.NONE);
    }

    BatchAssessor(SpineAdvisor advisor, int threads, int chunkLines, Delivery delivery) {
        if (threads < 1 || chunkLines < 1) {
            throw new IllegalArgumentException("threads and chunk size must be at least 1");
        }
        this.advisor = Objects.requireNonNull(advisor, "advisor");
        this.threads = threads;
        this.chunkLines = chunkLines;
        this.delivery = Objects.requireNonNull(delivery, "delivery");
    }

    /**
     * What happens to an answer after it has been written: with an audit trail whose records wait for delivery,
     * the record is appended only once the answer's line has reached the output.
     */
    public interface Delivery {
        /** Called on the worker thread right after a line's assessment; what it returns goes to {@link #delivered}. */
        Object assessed();

        /** Called on the writing thread, in input order, once these answers have been written and flushed. */
        void delivered(List<Object> receipts) throws IOException;

        Delivery NONE = new Delivery() {
            @Override
            public Object assessed() {
                return null;
            }

            @Override
            public void delivered(List<Object> receipts) {
            }
        };
    }

    /** What a run did; see {@link #exitCode()}. */
    public record Summary(long patients, long invalid, long failed, long elapsedNanos) {
        public long errors() {
            return invalid + failed;
        }

        /** 0 when every line was assessed, 1 when an assessment failed, else 2 when a line was invalid. */
        public int exitCode() {
            return failed > 0 ? 1 : invalid > 0 ? 2 : 0;
        }

        public double patientsPerSecond() {
            return elapsedNanos == 0 ? 0 : patients * 1e9 / elapsedNanos;
        }

        /** The one-line summary printed at the end of a run. */
        public String line() {
            return String.format(java.util.Locale.ROOT, "%d patients, %d errors (%d invalid, %d failed), %.0f patients/s"
                    + " in %.2f s", patients, errors(), invalid, failed, patientsPerSecond(), elapsedNanos / 1e9);
        }
    }

    /** Told how far a run has got, after every written chunk. */
    public interface Progress {
        void update(long lines, long bytesRead);

        Progress NONE = (lines, bytesRead) -> {
        };
    }

    /**
     * Runs the whole stream. Neither stream is closed; both outputs are flushed.
     *
     * @throws IOException when the input cannot be read or an output cannot be written
     */
    public Summary run(InputStream in, OutputStream out, Appendable errors, Progress progress) throws IOException {
        long start = System.nanoTime();
        JsonLinesReader reader = new JsonLinesReader(in, SpineJson.MAX_DOCUMENT_BYTES);
        ExecutorService pool = Executors.newFixedThreadPool(threads, new DaemonThreads());
        ArrayDeque<Future<ChunkResult>> inFlight = new ArrayDeque<>();
        long[] counts = new long[3];
        try {
            List<JsonLinesReader.Line> chunk;
            while (!(chunk = readChunk(reader)).isEmpty()) {
                List<JsonLinesReader.Line> lines = chunk;
                inFlight.add(pool.submit(() -> assess(lines)));
                if (inFlight.size() > threads * 2) {
                    write(inFlight.poll(), out, errors, counts);
                    progress.update(counts[0], reader.bytesRead());
                }
            }
            while (!inFlight.isEmpty()) {
                write(inFlight.poll(), out, errors, counts);
                progress.update(counts[0], reader.bytesRead());
            }
        } finally {
            pool.shutdownNow();
            out.flush();
            if (errors instanceof java.io.Flushable flushable) {
                flushable.flush();
            }
        }
        return new Summary(counts[0], counts[1], counts[2], System.nanoTime() - start);
    }

    private List<JsonLinesReader.Line> readChunk(JsonLinesReader reader) throws IOException {
        List<JsonLinesReader.Line> chunk = new ArrayList<>(chunkLines);
        long bytes = 0;
        JsonLinesReader.Line line;
        while (chunk.size() < chunkLines && bytes < CHUNK_BYTES && (line = reader.next()) != null) {
            chunk.add(line);
            bytes += line.tooLong() ? 0 : line.bytes().length;
        }
        return chunk;
    }

    /**
     * The outcome of one chunk: the output bytes of its valid lines, one error line per failed line, and what
     * {@link Delivery#assessed} returned for each answer.
     */
    private record ChunkResult(int lines, byte[] output, List<String> errors, int invalid, int failed,
                               List<Object> receipts) {
    }

    private ChunkResult assess(List<JsonLinesReader.Line> lines) {
        ByteArrayOutputStream output = new ByteArrayOutputStream(lines.size() * 4096);
        List<String> errors = new ArrayList<>();
        List<Object> receipts = new ArrayList<>();
        int invalid = 0;
        int failed = 0;
        for (JsonLinesReader.Line line : lines) {
            try {
                if (line.tooLong()) {
                    throw new InvalidFactsException(InvalidFactsException.Code.TOO_LARGE, "$",
                            "the line is longer than " + SpineJson.MAX_DOCUMENT_BYTES + " bytes");
                }
                PatientFacts facts = SpineJson.readFacts(line.bytes());
                String assessment = SpineJson.writeAssessment(advisor.assess(facts));
                Object receipt = delivery.assessed();
                if (receipt != null) {
                    receipts.add(receipt);
                }
                String json = "{\"line\":" + line.number() + ",\"inputSha256\":\"" + CanonicalInput.sha256(facts)
                        + "\",\"assessment\":" + assessment + "}\n";
                output.writeBytes(json.getBytes(StandardCharsets.UTF_8));
            } catch (InvalidFactsException e) {
                invalid++;
                errors.add(errorLine(line.number(), e.getMessage()));
            } catch (RuntimeException e) {
                // An engine failure on one patient must not stop the others; the exit code reports it.
                failed++;
                errors.add(errorLine(line.number(), "$: no assessment: " + e.getMessage() + " [" + ASSESSMENT_FAILED
                        + "]"));
            }
        }
        return new ChunkResult(lines.size(), output.toByteArray(), errors, invalid, failed, receipts);
    }

    private static String errorLine(long number, String message) {
        String text = message == null ? "" : message;
        // Messages may echo input text; one error must stay on one line, without terminal escapes.
        return "line " + number + ": " + TerminalText.safe(text.replaceAll("\\s*\\R\\s*", " ").strip());
    }

    private void write(Future<ChunkResult> pending, OutputStream out, Appendable errors, long[] counts)
            throws IOException {
        ChunkResult result;
        try {
            result = pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while assessing", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IllegalStateException("a batch worker failed", e.getCause());
        }
        out.write(result.output());
        for (String error : result.errors()) {
            errors.append(error).append('\n');
        }
        // Flushed before delivery is confirmed: an audit record is never appended for an answer still in a buffer.
        out.flush();
        if (errors instanceof java.io.Flushable flushable) {
            flushable.flush();
        }
        if (!result.receipts().isEmpty()) {
            delivery.delivered(result.receipts());
        }
        counts[0] += result.lines();
        counts[1] += result.invalid();
        counts[2] += result.failed();
    }

    private static final class DaemonThreads implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger number = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "spine-batch-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
