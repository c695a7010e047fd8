package org.spinecare.advisor.audit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The keyed end of a format 2 line: {@code ,"mac":"<64 hex>"} after the {@code hash} member, where the MAC is
 * {@link AuditKey#chainMac} of the record's hash. Without the key nobody can write a record that verifies, so a
 * changed record cannot be re-sealed, nor a file rewritten into a new chain, by whoever can merely write the file.
 */
final class RecordMac {
    private static final byte[] PREFIX = ",\"mac\":\"".getBytes(StandardCharsets.US_ASCII);
    static final int MEMBER_BYTES = PREFIX.length + 64 + 2;

    private RecordMac() {
    }

    /** The line with the MAC member added before its closing brace. */
    static byte[] seal(byte[] line, String hash, AuditKey key) {
        byte[] mac = key.chainMac(hash).getBytes(StandardCharsets.US_ASCII);
        byte[] sealed = Arrays.copyOf(line, line.length - 1 + MEMBER_BYTES);
        int at = line.length - 1;
        System.arraycopy(PREFIX, 0, sealed, at, PREFIX.length);
        System.arraycopy(mac, 0, sealed, at + PREFIX.length, mac.length);
        sealed[sealed.length - 2] = '"';
        sealed[sealed.length - 1] = '}';
        return sealed;
    }

    /** The MAC at the end of the line, or null when the line does not end with a MAC member. */
    static String macOf(byte[] line) {
        int at = line.length - MEMBER_BYTES;
        if (at < 1 || line[line.length - 1] != '}' || line[line.length - 2] != '"'
                || !Arrays.equals(line, at, at + PREFIX.length, PREFIX, 0, PREFIX.length)) {
            return null;
        }
        for (int i = at + PREFIX.length; i < line.length - 2; i++) {
            byte b = line[i];
            if (!(b >= '0' && b <= '9' || b >= 'a' && b <= 'f')) {
                return null;
            }
        }
        return new String(line, at + PREFIX.length, 64, StandardCharsets.US_ASCII);
    }

    /** The line without its MAC member (closed again). */
    static byte[] strip(byte[] line) {
        byte[] body = Arrays.copyOf(line, line.length - MEMBER_BYTES + 1);
        body[body.length - 1] = '}';
        return body;
    }
}
