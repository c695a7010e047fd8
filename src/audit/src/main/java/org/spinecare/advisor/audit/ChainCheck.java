package org.spinecare.advisor.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Checks records one line at a time against the chain so far. The checks, in order: the line is UTF-8 and a
 * well-formed record of format 1 (no MAC) or 2 (a MAC member last), never format 1 after format 2; its hash
 * matches its content; it is byte for byte in canonical form (so that no change, even one that parses to the same
 * values, goes unnoticed); its content is plausible ({@link RecordContent}); its sequence number is its position;
 * its prevHash is the hash of the record before it; a feedback record answers an assessment record earlier in
 * the chain, named by its request id and hash; and a format 2 record's MAC is right under its key.
 *
 * <p>MACs: a record whose key ({@code keyId}) is among the keys given has its MAC checked. With {@code strict},
 * a format 2 record under a key that was not given is a problem (the verifier, given the file's keys); without,
 * it is only counted (a trail continuing a file whose older records were made under a retired key).
 */
final class ChainCheck {
    private long records;
    private String lastHash;
    private Object last;
    private boolean keyed;
    private long macsChecked;
    private long macsUnchecked;
    private final Map<String, AuditKey> keys = new HashMap<>();
    private final boolean strict;
    private boolean anchored;
    private long linksUnchecked;
    // The records before the first one checked: 0, or where an anchored check began.
    private long start;
    private final Instant now = Instant.now();
    // requestId -> hash of every assessment record accepted so far: what feedback may link to.
    private final Map<UUID, String> assessments = new HashMap<>();

    private ChainCheck(Collection<AuditKey> keys, boolean strict) {
        this.records = 0;
        this.lastHash = Digests.GENESIS;
        for (AuditKey key : keys) {
            this.keys.put(key.id(), key);
        }
        this.strict = strict;
    }

    /** A check without keys: MACs are counted, not checked. */
    static ChainCheck fromStart() {
        return new ChainCheck(java.util.List.of(), false);
    }

    static ChainCheck fromStart(Collection<AuditKey> keys, boolean strict) {
        return new ChainCheck(keys, strict);
    }

    /**
     * A check of a trail whose older segments were archived (docs/audit.md, Retention): the first record's sequence
     * number and prevHash are taken as they stand, and feedback on an assessment in an archived segment is counted
     * ({@link #linksUnchecked()}) instead of refused. Everything after the first record is checked as usual.
     */
    static ChainCheck anchored(Collection<AuditKey> keys, boolean strict) {
        ChainCheck check = new ChainCheck(keys, strict);
        check.anchored = true;
        return check;
    }

    /** Accepts the next line (without its line break): null when it is good, else why not. */
    String accept(byte[] line) {
        long expected = records + 1;
        if (line.length == 0) {
            return "empty line";
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line));
        } catch (CharacterCodingException e) {
            return "not valid UTF-8";
        }
        String mac = RecordMac.macOf(line);
        byte[] body = mac == null ? line : RecordMac.strip(line);
        Object record;
        int format;
        long seq;
        String prevHash;
        String hash;
        String keyId;
        try {
            JsonNode root = AuditCodec.tree(body);
            if (root.has("type")) {
                FeedbackRecord feedback = FeedbackCodec.parse(root);
                record = feedback;
                format = feedback.format();
                seq = feedback.seq();
                prevHash = feedback.prevHash();
                hash = feedback.hash();
                keyId = feedback.keyId();
            } else {
                AuditRecord assessment = AuditCodec.parse(root);
                record = assessment;
                format = assessment.format();
                seq = assessment.seq();
                prevHash = assessment.prevHash();
                hash = assessment.hash();
                keyId = assessment.keyId();
            }
        } catch (IllegalArgumentException e) {
            return "not a well-formed audit record: " + e.getMessage();
        }
        if (anchored && records == 0 && seq > 0) {
            expected = seq;
            start = seq - 1;
            records = seq - 1;
            lastHash = prevHash;
        }
        String formatProblem = formatProblem(format, mac != null);
        if (formatProblem != null) {
            return formatProblem;
        }
        if (!hash.matches("[0-9a-f]{64}")) {
            return "its hash is not 64 lowercase hex digits (the record was changed after it was written)";
        }
        byte[] canonical = record instanceof FeedbackRecord f ? FeedbackCodec.line(f)
                : AuditCodec.line((AuditRecord) record);
        if (!AuditCodec.hashOfLine(canonical).equals(hash)) {
            return "its hash does not match its content (the record was changed after it was written)";
        }
        if (!Arrays.equals(canonical, body)) {
            return "not in canonical form (the record was changed after it was written)";
        }
        String implausible = record instanceof FeedbackRecord f ? RecordContent.problemIn(f, now)
                : RecordContent.problemIn((AuditRecord) record, now);
        if (implausible != null) {
            return implausible;
        }
        if (seq != expected) {
            return "its sequence number is " + seq + ", expected " + expected
                    + " (records were deleted, inserted or reordered)";
        }
        if (!prevHash.equals(lastHash)) {
            return expected == 1
                    ? "it does not start the chain: its prevHash is not the genesis value (64 zeros)"
                    : "it does not chain to record " + records + ": its prevHash is not that record's hash";
        }
        if (record instanceof FeedbackRecord feedback) {
            String assessed = assessments.get(feedback.assessmentRequestId());
            if (assessed == null && anchored) {
                linksUnchecked++;
            } else if (assessed == null) {
                return "it is feedback on request " + feedback.assessmentRequestId()
                        + ", which no earlier record of the chain holds";
            }
            if (assessed != null && !assessed.equals(feedback.assessmentHash())) {
                return "it is feedback on request " + feedback.assessmentRequestId()
                        + ", but names a different hash than that request's record";
            }
        }
        if (mac != null) {
            String macProblem = macProblem(mac, hash, keyId);
            if (macProblem != null) {
                return macProblem;
            }
        }
        if (record instanceof AuditRecord assessment) {
            assessments.put(assessment.requestId(), hash);
        }
        keyed |= mac != null;
        records = expected;
        lastHash = hash;
        last = record;
        return null;
    }

    private String formatProblem(int format, boolean hasMac) {
        if (format == 1 && !hasMac) {
            return keyed ? "it is an unkeyed record of format 1 after keyed records of format 2 (an unkeyed "
                    + "record was inserted, or the file was altered)" : null;
        }
        if (format == 2 && hasMac) {
            return null;
        }
        if (format == 1 || format == 2) {
            return format == 2 ? "it is of format 2 but has no mac (the record was changed after it was written)"
                    : "it is of format 1 but has a mac (the record was changed after it was written)";
        }
        return "its format " + format + " is not one this library reads (1 or 2)";
    }

    private String macProblem(String mac, String hash, String keyId) {
        AuditKey key = keys.get(keyId);
        if (key == null) {
            if (strict) {
                return "it was made with key id " + keyId + ", which is not among the audit keys given (give every "
                        + "key the file was written with; a record under an unknown key may be forged)";
            }
            macsUnchecked++;
            return null;
        }
        if (!java.security.MessageDigest.isEqual(key.chainMac(hash).getBytes(StandardCharsets.US_ASCII),
                mac.getBytes(StandardCharsets.US_ASCII))) {
            return "its mac is not the one its key (id " + keyId + ") gives (the record was changed or forged "
                    + "without the key)";
        }
        macsChecked++;
        return null;
    }

    /** Feedback records whose assessment lies in an archived segment, so their link was not checked. */
    long linksUnchecked() {
        return linksUnchecked;
    }

    /** The sequence number before the first record checked: 0 unless anchored after archived segments. */
    long start() {
        return start;
    }

    long records() {
        return records;
    }

    String lastHash() {
        return lastHash;
    }

    /** Records of format 2 whose MAC was checked, and those whose key was not given. */
    long macsChecked() {
        return macsChecked;
    }

    long macsUnchecked() {
        return macsUnchecked;
    }

    /** The last good record read (an {@link AuditRecord} or a {@link FeedbackRecord}), or null when none was. */
    Object last() {
        return last;
    }

    /** The hash of the assessment record of a request in the chain so far, or null when there is none. */
    String assessmentHash(UUID requestId) {
        return assessments.get(requestId);
    }
}
