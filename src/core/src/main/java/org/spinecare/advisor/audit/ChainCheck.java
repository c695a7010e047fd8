package org.spinecare.advisor.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Checks records one line at a time against the chain so far. The checks, in order: the line is UTF-8 and a
 * well-formed record; its hash matches its content; it is byte for byte in canonical form (so that no change,
 * even one that parses to the same values, goes unnoticed); its sequence number is its position; and its
 * prevHash is the hash of the record before it; and a feedback record answers an assessment record earlier in
 * the chain, named by its request id and hash.
 */
final class ChainCheck {
    private long records;
    private String lastHash;
    private Object last;
    // requestId -> hash of every assessment record accepted so far: what feedback may link to.
    private final Map<UUID, String> assessments = new HashMap<>();

    ChainCheck(long records, String lastHash) {
        this.records = records;
        this.lastHash = lastHash;
    }

    static ChainCheck fromStart() {
        return new ChainCheck(0, Digests.GENESIS);
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
        Object record;
        long seq;
        String prevHash;
        String hash;
        try {
            JsonNode root = AuditCodec.tree(line);
            if (root.has("type")) {
                FeedbackRecord feedback = FeedbackCodec.parse(root);
                record = feedback;
                seq = feedback.seq();
                prevHash = feedback.prevHash();
                hash = feedback.hash();
            } else {
                AuditRecord assessment = AuditCodec.parse(root);
                record = assessment;
                seq = assessment.seq();
                prevHash = assessment.prevHash();
                hash = assessment.hash();
            }
        } catch (IllegalArgumentException e) {
            return "not a well-formed audit record: " + e.getMessage();
        }
        if (!hash.matches("[0-9a-f]{64}")) {
            return "its hash is not 64 lowercase hex digits (the record was changed after it was written)";
        }
        byte[] canonical = record instanceof FeedbackRecord f ? FeedbackCodec.line(f)
                : AuditCodec.line((AuditRecord) record);
        if (!AuditCodec.hashOfLine(canonical).equals(hash)) {
            return "its hash does not match its content (the record was changed after it was written)";
        }
        if (!Arrays.equals(canonical, line)) {
            return "not in canonical form (the record was changed after it was written)";
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
            if (assessed == null) {
                return "it is feedback on request " + feedback.assessmentRequestId()
                        + ", which no earlier record of the chain holds";
            }
            if (!assessed.equals(feedback.assessmentHash())) {
                return "it is feedback on request " + feedback.assessmentRequestId()
                        + ", but names a different hash than that request's record";
            }
        } else {
            assessments.put(((AuditRecord) record).requestId(), hash);
        }
        records = expected;
        lastHash = hash;
        last = record;
        return null;
    }

    long records() {
        return records;
    }

    String lastHash() {
        return lastHash;
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
