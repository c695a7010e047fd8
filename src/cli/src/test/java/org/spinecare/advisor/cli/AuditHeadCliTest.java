package org.spinecare.advisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signed head on the command line, on trails made by {@code assess --audit}. */
class AuditHeadCliTest {
    private static final String EXAMPLE = "scenarios/examples/cauda-equina.json";

    @TempDir
    Path dir;

    private Path trailOf(String name, int records) {
        Path audit = dir.resolve(name);
        for (int i = 0; i < records; i++) {
            CliRun run = CliRun.of("assess", "--audit", audit.toString(), EXAMPLE);
            assertEquals(0, run.exit(), run.err());
        }
        return audit;
    }

    @Test
    void assess_audit_signs_a_head_that_verify_holds_the_file_to() throws IOException {
        // Given three assessments recorded by the command line
        Path audit = trailOf("audit.jsonl", 3);
        // Then the signing key is private, its public key and the head lie beside the file, and verify says OK
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("audit.jsonl.signing-key"))));
        assertTrue(Files.readString(dir.resolve("audit.jsonl.pub")).startsWith("-----BEGIN PUBLIC KEY-----"));
        CliRun verify = CliRun.of("audit", "verify", audit.toString());
        assertEquals(0, verify.exit(), verify.out() + verify.err());
        assertTrue(verify.out().startsWith("OK, 3 records, 3 under the signed head of "), verify.out());
    }

    @Test
    void verify_reports_a_cut_tail_with_the_first_missing_record() throws IOException {
        // Given a trail of three records cut after the second, and one cut in the middle of the third
        Path audit = trailOf("audit.jsonl", 3);
        List<String> lines = Files.readAllLines(audit);
        Files.writeString(audit, lines.get(0) + "\n" + lines.get(1) + "\n");
        CliRun whole = CliRun.of("audit", "verify", audit.toString());
        Files.writeString(audit, lines.get(0) + "\n" + lines.get(1) + "\n" + lines.get(2).substring(0, 500));
        CliRun partial = CliRun.of("audit", "verify", audit.toString());
        // Then both name record 3 as missing, and assess refuses to append to the partial one
        assertEquals(1, whole.exit());
        assertTrue(whole.out().startsWith("record 3: missing: the file ends after record 2 but its signed head"),
                whole.out());
        assertEquals(1, partial.exit());
        assertTrue(partial.out().startsWith("record 3: missing: the file ends after record 2 and part of a line"),
                partial.out());
        byte[] before = Files.readAllBytes(audit);
        CliRun append = CliRun.of("assess", "--audit", audit.toString(), EXAMPLE);
        assertEquals(1, append.exit());
        assertTrue(append.err().contains("record 3 onwards were cut"), append.err());
        assertTrue(Arrays.equals(before, Files.readAllBytes(audit)));
    }

    @Test
    void verify_reports_a_rewritten_file_and_a_replaced_head_with_the_record_number() throws IOException {
        // Given a genuine trail of two records and another consistent trail made with other keys
        Path audit = trailOf("audit.jsonl", 2);
        Path other = trailOf("other.jsonl", 2);
        // When the genuine file is replaced by the other one (its own head left in place)
        Files.copy(other, audit, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        CliRun rewritten = CliRun.of("audit", "verify", audit.toString());
        // Then its first record is reported: it was not made with the file's audit key
        assertEquals(1, rewritten.exit());
        assertTrue(rewritten.out().startsWith("record 1: it was made with key id "), rewritten.out());
        // And even when the verifier is handed the rewriter's key, record 2, the last under the head, is reported
        CliRun withTheirKey = CliRun.of("audit", "verify", audit.toString(), "--audit-key-file",
                dir.resolve("other.jsonl.key").toString());
        assertEquals(1, withTheirKey.exit());
        assertTrue(withTheirKey.out().startsWith("record 2: its hash is not the one its signed head"),
                withTheirKey.out());
        // And when the head is replaced too, by the other trail's, it does not verify under the public key
        Files.copy(dir.resolve("other.jsonl.head"), dir.resolve("audit.jsonl.head"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        CliRun replaced = CliRun.of("audit", "verify", audit.toString());
        assertEquals(1, replaced.exit());
        assertTrue(replaced.out().startsWith("record 2: the signed head for record 2 does not verify"),
                replaced.out());
        // And a head kept elsewhere can be given instead of the one beside the file
        CliRun elsewhere = CliRun.of("audit", "verify", other.toString(), "--head",
                dir.resolve("other.jsonl.head").toString(), "--public-key", dir.resolve("other.jsonl.pub").toString());
        assertEquals(0, elsewhere.exit(), elsewhere.out() + elsewhere.err());
    }

    @Test
    void verify_without_a_head_fails_unless_told_to_check_the_chain_alone() throws IOException {
        Path audit = trailOf("audit.jsonl", 1);
        Files.delete(dir.resolve("audit.jsonl.head"));
        CliRun missing = CliRun.of("audit", "verify", audit.toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("no signed head") && missing.err().contains("--no-head"), missing.err());
        CliRun chainOnly = CliRun.of("audit", "verify", "--no-head", audit.toString());
        assertEquals(0, chainOnly.exit());
        assertEquals("OK, 1 record; MACs checked", chainOnly.out().strip());
    }

    @Test
    void messages_name_the_real_problem_with_a_directory_an_unreadable_file_or_a_key_file() throws IOException {
        // A directory given as the audit file
        Path folder = Files.createDirectory(dir.resolve("folder"));
        CliRun directory = CliRun.of("assess", "--audit", folder.toString(), EXAMPLE);
        assertEquals(2, directory.exit());
        assertTrue(directory.err().contains("is a directory"), directory.err());
        assertFalse(directory.err().contains("has records"), directory.err());
        CliRun verifyDirectory = CliRun.of("audit", "verify", "--no-head", folder.toString());
        assertEquals(1, verifyDirectory.exit());
        assertTrue(verifyDirectory.err().contains("is a directory, not a file"), verifyDirectory.err());
        // A key file with mode 700 exposes nothing to others and is used
        Path audit = trailOf("audit.jsonl", 1);
        Path key = dir.resolve("audit.jsonl.key");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rwx------"));
        CliRun ownerOnly = CliRun.of("assess", "--audit", audit.toString(), EXAMPLE);
        assertEquals(0, ownerOnly.exit(), ownerOnly.err());
        // A key file the group may read is refused with its real permissions
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
        CliRun exposed = CliRun.of("assess", "--audit", audit.toString(), EXAMPLE);
        assertEquals(2, exposed.exit());
        assertTrue(exposed.err().contains("has permissions rw-r-----") && exposed.err().contains("chmod 600"),
                exposed.err());
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        // An audit file that others may write is refused
        Files.setPosixFilePermissions(audit, PosixFilePermissions.fromString("rw-rw-rw-"));
        CliRun writable = CliRun.of("assess", "--audit", audit.toString(), EXAMPLE);
        assertEquals(1, writable.exit());
        assertTrue(writable.err().contains("other users may change it"), writable.err());
    }

    @Test
    void audit_show_escapes_control_characters_from_a_record() throws Exception {
        // Given a record whose rule name holds an escape sequence (as JSON writes it canonically), re-sealed and
        // re-keyed with the file's own key, so that it verifies
        Path audit = trailOf("audit.jsonl", 1);
        String line = Files.readAllLines(audit).get(0);
        String changed = line.replaceFirst("\"name\":\"", "\"name\":\"\\\\u001B[2J\\\\u001B]0;pwned\\\\u0007");
        String unsealed = changed.replaceFirst(",\"hash\":\"[0-9a-f]{64}\",\"mac\":\"[0-9a-f]{64}\"}$", "}");
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(unsealed.getBytes(StandardCharsets.UTF_8)));
        byte[] key = HexFormat.of().parseHex(Files.readString(dir.resolve("audit.jsonl.key")).strip());
        byte[] chainKey = hmac(key, "spine-audit chain v2");
        String mac = HexFormat.of().formatHex(hmac(chainKey, hash));
        Files.writeString(audit, unsealed.substring(0, unsealed.length() - 1) + ",\"hash\":\"" + hash
                + "\",\"mac\":\"" + mac + "\"}\n");
        // When it is shown (the chain alone: show holds the file to its head as verify does, and the head, which
        // this test cannot re-sign, still states the record's old hash)
        CliRun show = CliRun.of("audit", "show", "--no-head", audit.toString());
        // Then no control character reaches the terminal: they are written as escapes
        assertEquals(0, show.exit(), show.err());
        assertFalse(show.out().chars().anyMatch(c -> c == 0x1b || c == 0x07), show.out());
        assertTrue(show.out().contains("\\u001b[2J\\u001b]0;pwned\\u0007"), show.out());
    }

    private static byte[] hmac(byte[] key, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message.getBytes(StandardCharsets.US_ASCII));
    }
}
