package org.spinecare.advisor.audit;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Checks records one line at a time against the chain so far. The checks, in order: the line is UTF-8 and a
 * well-formed record; its hash matches its content; it is byte for byte in canonical form (so that no change,
 * even one that parses to the same values, goes unnoticed); its sequence number is its position; and its
 * prevHash is the hash of the record before it.
 */
final class ChainCheck {
    private long records;
    private String lastHash;
    private AuditRecord last;

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
        AuditRecord record;
        try {
            record = AuditCodec.parse(line);
        } catch (IllegalArgumentException e) {
            return "not a well-formed audit record: " + e.getMessage();
        }
        if (!record.hash().matches("[0-9a-f]{64}")) {
            return "its hash is not 64 lowercase hex digits (the record was changed after it was written)";
        }
        byte[] canonical = AuditCodec.line(record);
        if (!AuditCodec.hashOfLine(canonical).equals(record.hash())) {
            return "its hash does not match its content (the record was changed after it was written)";
        }
        if (!Arrays.equals(canonical, line)) {
            return "not in canonical form (the record was changed after it was written)";
        }
        if (record.seq() != expected) {
            return "its sequence number is " + record.seq() + ", expected " + expected
                    + " (records were deleted, inserted or reordered)";
        }
        if (!record.prevHash().equals(lastHash)) {
            return expected == 1
                    ? "it does not start the chain: its prevHash is not the genesis value (64 zeros)"
                    : "it does not chain to record " + records + ": its prevHash is not that record's hash";
        }
        records = expected;
        lastHash = record.hash();
        last = record;
        return null;
    }

    long records() {
        return records;
    }

    String lastHash() {
        return lastHash;
    }

    /** The last good record read, or null when none was. */
    AuditRecord last() {
        return last;
    }
}
