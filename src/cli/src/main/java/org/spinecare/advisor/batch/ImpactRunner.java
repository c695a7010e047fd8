package org.spinecare.advisor.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.spinecare.advisor.Assessment;
import org.spinecare.advisor.InvalidFactsException;
import org.spinecare.advisor.KnowledgeRelease;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.advisor.SpineAdvisor;
import org.spinecare.advisor.SpineJson;
import org.spinecare.advisor.audit.CanonicalInput;
import org.spinecare.advisor.cli.TerminalText;
import org.spinecare.advisor.impact.ImpactSummary;
import org.spinecare.advisor.impact.PatientImpact;

/**
 * Assesses a JSON Lines stream of patients with two releases and adds up what changed. The pipeline is the batch
 * mode's: chunks read on the calling thread, both assessments of a line on a fixed pool, results written and counted
 * in input order, at most {@code 2 * threads + 1} chunks in flight. One JSON line per patient whose answer changed
 * (or failed) goes to the output; the {@link ImpactSummary} holds the figures.
 *
 * <p>Each release is told only what it models ({@link KnowledgeRelease#modelledPart}): an older release did not
 * ask about findings added later, so its answer is the one it would have given, and the patient's line names what
 * it was not told.
 */
public final class ImpactRunner {
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

    private final Side from;
    private final Side to;
    private final int threads;

    /** One release and an advisor on it. */
    public record Side(KnowledgeRelease release, SpineAdvisor advisor) {
    }

    public ImpactRunner(Side from, Side to, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.from = from;
        this.to = to;
        this.threads = threads;
    }

    /** Runs the whole stream; neither stream is closed. Bad lines go to {@code errors} as the batch mode writes them. */
    public ImpactSummary run(InputStream in, OutputStream out, Appendable errors, BatchAssessor.Progress progress)
            throws IOException {
        long start = System.nanoTime();
        ImpactSummary summary = new ImpactSummary(from.release().info(), to.release().info());
        JsonLinesReader reader = new JsonLinesReader(in, SpineJson.MAX_DOCUMENT_BYTES);
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "spine-impact");
            thread.setDaemon(true);
            return thread;
        });
        ArrayDeque<Future<Chunk>> inFlight = new ArrayDeque<>();
        try {
            List<JsonLinesReader.Line> chunk;
            while (!(chunk = readChunk(reader)).isEmpty()) {
                List<JsonLinesReader.Line> lines = chunk;
                inFlight.add(pool.submit(() -> compare(lines)));
                if (inFlight.size() > threads * 2) {
                    write(inFlight.poll(), out, errors, summary);
                    progress.update(summary.patients() + summary.invalid(), reader.bytesRead());
                }
            }
            while (!inFlight.isEmpty()) {
                write(inFlight.poll(), out, errors, summary);
                progress.update(summary.patients() + summary.invalid(), reader.bytesRead());
            }
        } finally {
            pool.shutdownNow();
            out.flush();
        }
        summary.elapsed(System.nanoTime() - start);
        return summary;
    }

    private record Chunk(List<PatientImpact> impacts, byte[] output, List<String> errors) {
    }

    private static List<JsonLinesReader.Line> readChunk(JsonLinesReader reader) throws IOException {
        List<JsonLinesReader.Line> chunk = new ArrayList<>(BatchAssessor.DEFAULT_CHUNK_LINES);
        JsonLinesReader.Line line;
        while (chunk.size() < BatchAssessor.DEFAULT_CHUNK_LINES && (line = reader.next()) != null) {
            chunk.add(line);
        }
        return chunk;
    }

    private Chunk compare(List<JsonLinesReader.Line> lines) throws JsonProcessingException {
        List<PatientImpact> impacts = new ArrayList<>(lines.size());
        List<String> errors = new ArrayList<>();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        for (JsonLinesReader.Line line : lines) {
            PatientFacts facts;
            try {
                if (line.tooLong()) {
                    throw new InvalidFactsException(InvalidFactsException.Code.TOO_LARGE, "$",
                            "the line is longer than " + SpineJson.MAX_DOCUMENT_BYTES + " bytes");
                }
                facts = SpineJson.readFacts(line.bytes());
            } catch (InvalidFactsException e) {
                errors.add("line " + line.number() + ": " + TerminalText.safe(e.getMessage()));
                impacts.add(null);
                continue;
            }
            Outcome old = assess(from, facts);
            Outcome now = assess(to, facts);
            PatientImpact impact = PatientImpact.of(line.number(), CanonicalInput.sha256(facts), old.answer(),
                    old.error(), from.release().notModelled(facts), now.answer(), now.error(),
                    to.release().notModelled(facts));
            impacts.add(impact);
            if (impact.changed()) {
                output.writeBytes(JSON.writeValueAsBytes(impact));
                output.write('\n');
            }
        }
        return new Chunk(impacts, output.toByteArray(), errors);
    }

    private record Outcome(Assessment answer, String error) {
    }

    private static Outcome assess(Side side, PatientFacts facts) {
        try {
            return new Outcome(side.advisor().assess(side.release().modelledPart(facts)), null);
        } catch (RuntimeException e) {
            // One patient's failure is reported on its line and in the exit status; the others are still compared.
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Outcome(null, message.replaceAll("\\s*\\R\\s*", " ").strip());
        }
    }

    private static void write(Future<Chunk> pending, OutputStream out, Appendable errors, ImpactSummary summary)
            throws IOException {
        Chunk chunk;
        try {
            chunk = pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while comparing", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("an impact worker failed", e.getCause());
        }
        out.write(chunk.output());
        for (String error : chunk.errors()) {
            errors.append(error).append('\n');
        }
        for (PatientImpact impact : chunk.impacts()) {
            if (impact == null) {
                summary.addInvalid();
            } else {
                summary.add(impact);
            }
        }
    }
}
