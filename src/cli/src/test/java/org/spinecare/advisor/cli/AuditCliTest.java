package org.spinecare.advisor.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecare.advisor.audit.AuditKey;
import org.spinecare.advisor.audit.AuditRecord;
import org.spinecare.advisor.audit.AuditVerifier;

class AuditCliTest {
    private static final String EXAMPLE = "scenarios/examples/cauda-equina.json";
    private static final Pattern RECORDED = Pattern.compile("audit record of request ([0-9a-f-]{36}) appended");

    @TempDir
    Path dir;

    @Test
    void assess_with_audit_appends_a_record_and_creates_a_private_key_on_first_use_then_reuses_it()
            throws IOException {
        Path audit = dir.resolve("audit.jsonl");
        // When the example is assessed twice with --audit
        CliRun first = CliRun.of("assess", "--audit", audit.toString(), EXAMPLE);
        byte[] keyAfterFirst = Files.readAllBytes(dir.resolve("audit.jsonl.key"));
        CliRun second = CliRun.of("assess", "--audit", audit.toString(), EXAMPLE);
        // Then each printed its assessment and said which request it recorded
        assertEquals(0, first.exit(), first.err());
        assertEquals(0, second.exit(), second.err());
        JsonNode assessment = new ObjectMapper().readTree(first.out());
        assertEquals("EMERGENCY", assessment.get("triage").asText());
        assertTrue(first.err().contains("created the audit key file"), first.err());
        assertFalse(second.err().contains("created"), second.err());
        // And a key file beside the audit file, owner-only, was made once and reused
        Path keyFile = dir.resolve("audit.jsonl.key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        assertArrayEquals(keyAfterFirst, Files.readAllBytes(keyFile));
        List<AuditRecord> records = new ArrayList<>();
        assertTrue(AuditVerifier.verify(audit, records::add).ok());
        assertEquals(2, records.size());
        assertEquals(records.get(0).patientPseudonym(), records.get(1).patientPseudonym());
        assertEquals(AuditKey.fromHex(Files.readString(keyFile)).pseudonym("example-cauda-equina"),
                records.get(0).patientPseudonym());
        assertEquals(requestIdIn(second), records.get(1).requestId().toString());
    }

    @Test
    void audit_verify_says_ok_with_the_count_or_names_the_first_bad_record() throws IOException {
        Path audit = dir.resolve("audit.jsonl");
        CliRun.of("assess", "--audit", audit.toString(), EXAMPLE);
        CliRun.of("assess", "--audit", audit.toString(), EXAMPLE);
        CliRun ok = CliRun.of("audit", "verify", audit.toString());
        assertEquals(0, ok.exit());
        assertTrue(ok.out().startsWith("OK, 2 records, 2 under the signed head"), ok.out());
        // When the second record's triage is changed
        List<String> lines = Files.readAllLines(audit);
        lines.set(1, lines.get(1).replace("\"triage\":\"EMERGENCY\"", "\"triage\":\"SELF_CARE\""));
        Files.write(audit, lines);
        CliRun bad = CliRun.of("audit", "verify", audit.toString());
        // Then verify fails on record 2, and assess refuses to append to the damaged file
        assertEquals(1, bad.exit());
        assertTrue(bad.out().startsWith("record 2: its hash does not match"), bad.out());
        byte[] before = Files.readAllBytes(audit);
        CliRun refused = CliRun.of("assess", "--audit", audit.toString(), EXAMPLE);
        assertEquals(1, refused.exit());
        assertTrue(refused.err().contains("damaged at record 2"), refused.err());
        assertEquals("", refused.out());
        assertArrayEquals(before, Files.readAllBytes(audit));
        assertEquals(1, CliRun.of("audit", "verify", dir.resolve("none.jsonl").toString()).exit());
    }

    @Test
    void audit_show_prints_records_readably_and_can_pick_one_request() {
        Path audit = dir.resolve("audit.jsonl");
        CliRun.of("assess", "--audit", audit.toString(), EXAMPLE);
        String id = requestIdIn(CliRun.of("assess", "--audit", audit.toString(), EXAMPLE));
        CliRun all = CliRun.of("audit", "show", audit.toString());
        assertEquals(0, all.exit(), all.err());
        assertTrue(all.out().contains("record 1 ") && all.out().contains("record 2 "), all.out());
        assertTrue(all.out().contains("triage           EMERGENCY"), all.out());
        assertTrue(all.out().contains("matched SADDLE_SENSATION_LOSS=PRESENT"), all.out());
        CliRun one = CliRun.of("audit", "show", audit.toString(), "--request", id);
        assertEquals(0, one.exit());
        assertTrue(one.out().startsWith("record 2 ") && one.out().contains(id) && !one.out().contains("record 1 "));
        CliRun missing = CliRun.of("audit", "show", audit.toString(), "--request",
                "00000000-0000-0000-0000-000000000000");
        assertEquals(1, missing.exit());
    }

    @Test
    void the_key_comes_from_the_key_file_option_or_the_environment_before_the_file_beside_the_audit()
            throws IOException {
        AuditKey key = AuditKey.generate();
        Path keyFile = Files.writeString(dir.resolve("host.key"), key.toHex() + "\n");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        Path audit = dir.resolve("audit.jsonl");
        // The option
        CliRun run = CliRun.of("assess", "--audit", audit.toString(), "--audit-key-file", keyFile.toString(),
                EXAMPLE);
        assertEquals(0, run.exit(), run.err());
        List<AuditRecord> records = new ArrayList<>();
        AuditVerifier.verify(audit, records::add);
        assertEquals(key.pseudonym("example-cauda-equina"), records.get(0).patientPseudonym());
        assertFalse(Files.exists(dir.resolve("audit.jsonl.key")), "no key file is made when one is given");
        // The environment, and its precedence below the option
        AuditKey fromEnvironment = AuditKey.generate();
        Map<String, String> env = Map.of(AuditKeys.ENV, fromEnvironment.toHex());
        assertEquals(fromEnvironment, AuditKeys.resolve(audit, null, env, note -> { }));
        assertEquals(key, AuditKeys.resolve(audit, keyFile, env, note -> { }));
        // A different key on a file with records is allowed, with a warning that pseudonyms change
        Path otherKey = Files.writeString(dir.resolve("other.key"), AuditKey.generate().toHex());
        Files.setPosixFilePermissions(otherKey, PosixFilePermissions.fromString("rw-------"));
        CliRun rotated = CliRun.of("assess", "--audit", audit.toString(), "--audit-key-file", otherKey.toString(),
                EXAMPLE);
        assertEquals(0, rotated.exit(), rotated.err());
        assertTrue(rotated.err().contains("different pseudonym"), rotated.err());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> AuditKeys.resolve(audit, null, Map.of(AuditKeys.ENV, "my-secret-passphrase"), n -> { }));
        assertTrue(bad.getMessage().startsWith(AuditKeys.ENV) && !bad.getMessage().contains("my-secret"));
    }

    @Test
    void a_key_is_not_invented_for_a_file_with_records_nor_read_from_a_file_others_can_read() throws IOException {
        // Given an audit file with a record whose key file has gone
        Path audit = dir.resolve("audit.jsonl");
        CliRun.of("assess", "--audit", audit.toString(), EXAMPLE);
        Path keyFile = dir.resolve("audit.jsonl.key");
        Files.move(keyFile, dir.resolve("elsewhere.key"));
        CliRun missing = CliRun.of("assess", "--audit", audit.toString(), EXAMPLE);
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("key file") && missing.err().contains("missing"), missing.err());
        assertFalse(Files.exists(keyFile));
        // And a key file readable by the group
        Files.move(dir.resolve("elsewhere.key"), keyFile);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r-----"));
        CliRun exposed = CliRun.of("assess", "--audit", audit.toString(), EXAMPLE);
        assertEquals(2, exposed.exit());
        assertTrue(exposed.err().contains("chmod 600"), exposed.err());
        assertEquals("OK, 1 record", AuditVerifier.verify(audit).message());
        // And a key file option that names no file
        CliRun noFile = CliRun.of("assess", "--audit", audit.toString(), "--audit-key-file",
                dir.resolve("absent.key").toString(), EXAMPLE);
        assertEquals(2, noFile.exit());
        assertTrue(noFile.err().contains("no audit key file"), noFile.err());
    }

    @Test
    void audit_input_hash_recomputes_the_input_hash_a_record_holds() {
        Path audit = dir.resolve("audit.jsonl");
        CliRun.of("assess", "--audit", audit.toString(), EXAMPLE);
        List<AuditRecord> records = new ArrayList<>();
        AuditVerifier.verify(audit, records::add);
        CliRun hash = CliRun.of("audit", "input-hash", EXAMPLE);
        assertEquals(0, hash.exit(), hash.err());
        assertEquals(records.get(0).inputSha256(), hash.out().strip());
        CliRun canonical = CliRun.of("audit", "input-hash", "--canonical", EXAMPLE);
        assertTrue(canonical.out().startsWith("{\"ageYears\":47,\"cracking\":{\"forceful\":true,"), canonical.out());
        assertFalse(canonical.out().contains("example-cauda-equina"));
    }

    private static String requestIdIn(CliRun run) {
        Matcher m = RECORDED.matcher(run.err());
        assertTrue(m.find(), run.err());
        return m.group(1);
    }
}
