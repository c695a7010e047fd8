package org.spinecare.advisor.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Checks an audit file without changing it: every record's hash and canonical form, the sequence numbers and
 * the chain. It reports the first bad record by number (its 1-based line). A torn final line is reported too:
 * opening the file for appending removes it, but a read-only check does not pretend it is not there.
 */
public final class AuditVerifier {
    /** A record is a few KiB; a longer line is damage, and reading stops there instead of filling memory. */
    static final int MAX_LINE_BYTES = 1 << 20;

    private AuditVerifier() {
    }

    /** The outcome of a check: {@code OK, N records}, or the first bad record and why. */
    public record Verification(long records, long badRecord, String problem, String lastHash) {
        public boolean ok() {
            return problem == null;
        }

        /** {@code OK, N records} or {@code record K: why}. */
        public String message() {
            return ok() ? "OK, " + records + (records == 1 ? " record" : " records")
                    : "record " + badRecord + ": " + problem;
        }
    }

    public static Verification verify(Path file) {
        return verify(file, record -> { });
    }

    /**
     * Checks the file and hands every good assessment record, in order, to {@code goodRecords} (up to the first bad
     * record); feedback records are checked but not handed over.
     */
    public static Verification verify(Path file, Consumer<AuditRecord> goodRecords) {
        return verify(file, goodRecords, feedback -> { });
    }

    /** Checks the file and hands every good record, in file order, to the consumer of its kind. */
    public static Verification verify(Path file, Consumer<AuditRecord> assessments,
                                      Consumer<FeedbackRecord> feedback) {
        Consumer<Object> goodRecords = record -> {
            if (record instanceof FeedbackRecord f) {
                feedback.accept(f);
            } else {
                assessments.accept((AuditRecord) record);
            }
        };
        try (InputStream in = Files.newInputStream(file)) {
            return scan(in, 0, ChainCheck.fromStart(), goodRecords).verification();
        } catch (NoSuchFileException e) {
            throw new AuditException("no audit file " + file);
        } catch (IOException e) {
            throw new AuditException("cannot read the audit file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Checks lines given without their line breaks, as {@link InMemoryAuditTrail#lines()} returns them. */
    public static Verification verify(List<String> lines) {
        ChainCheck check = ChainCheck.fromStart();
        for (String line : lines) {
            String problem = check.accept(line.getBytes(StandardCharsets.UTF_8));
            if (problem != null) {
                return new Verification(check.records(), check.records() + 1, problem, check.lastHash());
            }
        }
        return new Verification(check.records(), 0, null, check.lastHash());
    }

    /**
     * Reads records from {@code in}, which starts at byte {@code offset} of the file, continuing {@code check}.
     *
     * @return how far the good records reach, and the first problem if any
     */
    static Scan scan(InputStream in, long offset, ChainCheck check, Consumer<Object> goodRecords)
            throws IOException {
        byte[] buffer = new byte[1 << 16];
        ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
        long position = offset;
        long goodEnd = offset;
        int n;
        while ((n = in.read(buffer)) != -1) {
            int from = 0;
            for (int i = 0; i < n; i++) {
                if (buffer[i] != '\n') {
                    continue;
                }
                line.write(buffer, from, i - from);
                from = i + 1;
                String problem = line.size() > MAX_LINE_BYTES ? tooLong() : check.accept(line.toByteArray());
                if (problem != null) {
                    return new Scan(check, goodEnd, problem, false);
                }
                goodRecords.accept(check.last());
                goodEnd = position + from;
                line.reset();
            }
            line.write(buffer, from, n - from);
            position += n;
            if (line.size() > MAX_LINE_BYTES) {
                return new Scan(check, goodEnd, tooLong(), false);
            }
        }
        if (line.size() > 0) {
            return new Scan(check, goodEnd, "torn final line: " + line.size() + " bytes without a line break at "
                    + "the end of the file (a crash during a write leaves this; opening the trail for appending "
                    + "removes it)", true);
        }
        return new Scan(check, goodEnd, null, false);
    }

    private static String tooLong() {
        return "longer than " + MAX_LINE_BYTES + " bytes without a line break";
    }

    /**
     * How far a scan got.
     *
     * @param goodEnd the byte offset just past the last good record
     * @param torn    whether the only problem is an unterminated final line
     */
    record Scan(ChainCheck check, long goodEnd, String problem, boolean torn) {
        Verification verification() {
            return new Verification(check.records(), problem == null ? 0 : check.records() + 1, problem,
                    check.lastHash());
        }
    }
}
