package org.spinecare.advisor.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Collection;
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
    public record Verification(long records, long badRecord, String problem, String lastHash, AuditHead head,
                               long macsChecked, long macsUnchecked) {
        public Verification(long records, long badRecord, String problem, String lastHash) {
            this(records, badRecord, problem, lastHash, null, 0, 0);
        }

        Verification under(AuditHead signed) {
            return new Verification(records, badRecord, problem, lastHash, signed, macsChecked, macsUnchecked);
        }

        public boolean ok() {
            return problem == null;
        }

        /**
         * {@code OK, N records}, with {@code , M under the signed head of TIME (key id K)} when checked against a
         * head, or {@code record K: why}.
         */
        public String message() {
            if (!ok()) {
                return "record " + badRecord + ": " + problem;
            }
            String ok = "OK, " + records + (records == 1 ? " record" : " records");
            if (head != null) {
                ok += ", " + head.records() + " under the signed head of " + head.time() + " (key id "
                        + head.keyId() + ")";
            }
            // Unchecked MACs are not mentioned here: the caller gave no key, and macsUnchecked() says how many.
            return macsChecked > 0 && macsUnchecked == 0 ? ok + "; MACs checked" : ok;
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
        requireFile(file);
        try (InputStream in = Files.newInputStream(file)) {
            return scan(in, 0, ChainCheck.fromStart(), goodRecords).verification();
        } catch (NoSuchFileException e) {
            throw new AuditException("no audit file " + file);
        } catch (IOException e) {
            throw new AuditException("cannot read the audit file " + file + ": " + IoProblems.describe(e), e);
        }
    }

    /**
     * Checks the file and holds it to a signed head: the head must verify under {@code publicKey}, the file must
     * hold at least the records the head covers, and the head's last record must be the one in the file. Records
     * after the head are allowed (they were written after it was signed) and are checked as a chain.
     */
    public static Verification verify(Path file, AuditHead head, PublicKey publicKey) {
        return verify(file, head, publicKey, List.of());
    }

    /**
     * Checks the file, holds it to a signed head when one is given (else checks the chain alone), and checks the
     * MAC of every record of format 2 under the audit keys given. With keys, a keyed record under a key that is not
     * among them is a problem; without, MACs are not checked (and the message says so).
     *
     * @param head      the head to hold the file to, or null
     * @param publicKey the key the head must be signed with; ignored without a head
     * @param keys      every audit key the file was written with, or none
     */
    public static Verification verify(Path file, AuditHead head, PublicKey publicKey, Collection<AuditKey> keys) {
        requireFile(file);
        if (head == null) {
            try (InputStream in = Files.newInputStream(file)) {
                return scan(in, 0, ChainCheck.fromStart(keys, !keys.isEmpty()), record -> { }).verification();
            } catch (NoSuchFileException e) {
                throw new AuditException("no audit file " + file);
            } catch (IOException e) {
                throw new AuditException("cannot read the audit file " + file + ": " + IoProblems.describe(e), e);
            }
        }
        return verify(file, head, publicKey, ChainCheck.fromStart(keys, !keys.isEmpty()));
    }

    /** Checks one file (a trail's segment) continuing {@code check}, held to {@code head}; the check goes on. */
    static Verification verify(Path file, AuditHead head, PublicKey publicKey, ChainCheck check) {
        if (!head.verifies(publicKey)) {
            return unsigned(head, publicKey, check);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return verify(in, "file", head, check, record -> { });
        } catch (NoSuchFileException e) {
            throw new AuditException("no audit file " + file);
        } catch (IOException e) {
            throw new AuditException("cannot read the audit file " + file + ": " + IoProblems.describe(e), e);
        }
    }

    /**
     * Checks records read from {@code in} (lines, as in a file) continuing {@code check}, held to {@code head},
     * whose signature the caller has checked ({@code trail} names what they are read from, "file" or "table"): the
     * file trail's and the database trail's one way to do it.
     */
    static Verification verify(InputStream in, String trail, AuditHead head, ChainCheck check,
                               Consumer<Object> goodRecords) throws IOException {
        String[] hashAtHead = {head.records() == check.records() ? check.lastHash() : null};
        Scan scan = scan(in, 0, check, record -> {
            goodRecords.accept(record);
            // The chain's own count, not lines read: a segment's head states the record's place in the trail.
            if (check.records() == head.records()) {
                hashAtHead[0] = record instanceof FeedbackRecord f ? f.hash() : ((AuditRecord) record).hash();
            }
        });
        Verification chain = scan.verification();
        if (chain.records() < head.records() && (chain.ok() || scan.torn())) {
            return new Verification(chain.records(), chain.records() + 1, "missing: the " + trail
                    + " ends after record " + chain.records() + (scan.torn() ? " and part of a line" : "")
                    + " but its signed head of " + head.time() + " covers " + head.records()
                    + " records (records were cut from the end)",
                    chain.lastHash());
        }
        if (chain.records() < head.records()) {
            return chain;
        }
        if (!head.lastHash().equals(hashAtHead[0])) {
            return new Verification(chain.records(), head.records(), "its hash is not the one its signed head of "
                    + head.time() + " states for it (the " + trail + " was rewritten after the head was signed)",
                    chain.lastHash());
        }
        if (!chain.ok()) {
            return chain;
        }
        return chain.under(head);
    }

    /** The outcome for a head that does not verify under the public key. */
    static Verification unsigned(AuditHead head, PublicKey publicKey, ChainCheck check) {
        return new Verification(check.records(), Math.max(1, head.records()), "the signed head for record "
                + head.records() + " does not verify under the public key with id " + AuditSigningKey.idOf(publicKey)
                + " (the head was replaced or altered, or this is not the trail's key)", null);
    }

    private static void requireFile(Path file) {
        if (Files.isDirectory(file)) {
            throw new AuditException("the audit file " + file + " is a directory, not a file");
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
                    check.lastHash(), null, check.macsChecked(), check.macsUnchecked());
        }
    }
}
