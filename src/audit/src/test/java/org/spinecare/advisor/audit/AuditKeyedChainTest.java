package org.spinecare.advisor.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecare.advisor.audit.AuditVerifier.Verification;

/**
 * The attacks on an unkeyed chain: change a record, re-seal it with SHA-256 and re-chain everything after it.
 * Format 2 records carry a MAC under the host's key, so that only the key holder can do this; format 1 files,
 * which have none, still verify, and their content is still checked for codes and times.
 */
class AuditKeyedChainTest {
    private static final AuditKey OTHER = AuditKey.generate();

    @TempDir
    Path directory;

    /** A record as the verifier reads it back from a line. */
    private static AuditRecord parse(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return AuditCodec.parse(RecordMac.macOf(bytes) == null ? bytes : RecordMac.strip(bytes));
    }

    private static AuditRecord copy(AuditRecord r, int format, Instant time, String keyId, String triage,
                                    String prevHash) {
        AuditRecord.Outcome o = r.outcome();
        AuditRecord.Outcome outcome = new AuditRecord.Outcome(triage, o.redFlags(), o.unscreenedRedFlags(),
                o.stenosisStatus(), o.stenosisIndicators(), o.recommended(), o.contraindicated());
        AuditRecord unsealed = new AuditRecord(format, r.seq(), r.requestId(), time, r.libraryVersion(),
                r.knowledgeBase(), keyId, r.patientPseudonym(), r.inputSha256(), r.evaluationDate(),
                r.inputMapping(), outcome, r.firedRules(), prevHash, null);
        return unsealed.withHash(AuditCodec.hashOf(unsealed));
    }

    /**
     * Rewrites record {@code index} with {@code change}, then re-seals it and every later record so that the chain
     * is consistent again: with SHA-256 only, or with a MAC under {@code key} (an attacker's own key).
     */
    private static List<String> rewrite(List<String> lines, int index, UnaryOperator<AuditRecord> change,
                                        AuditKey key) {
        List<String> out = new ArrayList<>(lines.subList(0, index));
        String prev = index == 0 ? Digests.GENESIS : parse(lines.get(index - 1)).hash();
        for (int i = index; i < lines.size(); i++) {
            AuditRecord original = parse(lines.get(i));
            AuditRecord changed = i == index ? change.apply(original) : original;
            AuditRecord resealed = copy(changed, changed.format(), changed.time(), changed.keyId(),
                    changed.outcome().triage(), prev);
            byte[] line = AuditCodec.line(resealed);
            out.add(new String(key == null ? line : RecordMac.seal(line, resealed.hash(), key),
                    StandardCharsets.UTF_8));
            prev = resealed.hash();
        }
        return out;
    }

    private Verification verify(List<String> lines, List<AuditKey> keys) throws IOException {
        Path file = Files.write(directory.resolve("changed.jsonl"), lines);
        return AuditVerifier.verify(file, null, null, keys);
    }

    @Test
    void a_record_changed_and_the_chain_resealed_without_the_key_is_detected_at_that_record() throws IOException {
        // Given a keyed trail of six records
        List<String> lines = Files.readAllLines(AuditFixtures.writeTrail(directory.resolve("a.jsonl"), 6));
        assertTrue(verify(lines, List.of(AuditFixtures.KEY)).message().endsWith("; MACs checked"));
        List<UnaryOperator<AuditRecord>> changes = List.of(
                r -> copy(r, r.format(), r.time(), r.keyId(), "EMERGENCY", r.prevHash()),
                r -> copy(r, r.format(), Instant.parse("2026-11-25T00:00:00Z"), r.keyId(), r.outcome().triage(),
                        r.prevHash()));
        for (UnaryOperator<AuditRecord> change : changes) {
            // When record 3 is changed to another valid value and the chain is re-sealed, with a MAC under a key
            // that is not the file's, or with the original MACs left as they were
            for (AuditKey attackersKey : new AuditKey[] {OTHER, AuditFixtures.KEY}) {
                List<String> changed = rewrite(lines, 2, change, attackersKey);
                if (attackersKey == AuditFixtures.KEY) {
                    // (the attacker has no key: keep the genuine MACs)
                    for (int i = 2; i < changed.size(); i++) {
                        String genuine = lines.get(i);
                        String line = changed.get(i);
                        changed.set(i, line.substring(0, line.length() - 66) + genuine.substring(genuine.length() - 66));
                    }
                }
                Verification v = verify(changed, List.of(AuditFixtures.KEY));
                // Then the verifier with the file's key rejects record 3 by its MAC
                assertEquals(3, v.badRecord(), v.message());
                assertTrue(v.problem().startsWith("its mac is not the one its key"), v.message());
            }
        }
    }

    @Test
    void a_record_under_another_key_id_or_turned_into_format_1_is_detected() throws IOException {
        List<String> lines = Files.readAllLines(AuditFixtures.writeTrail(directory.resolve("a.jsonl"), 4));
        // A record moved to another key (the attacker's, with a correct MAC under it)
        List<String> otherKey = rewrite(lines, 1, r -> copy(r, 2, r.time(), OTHER.id(), r.outcome().triage(),
                r.prevHash()), OTHER);
        Verification v = verify(otherKey, List.of(AuditFixtures.KEY));
        assertEquals(2, v.badRecord(), v.message());
        assertTrue(v.problem().contains("key id " + OTHER.id() + ", which is not among the audit keys given"),
                v.message());
        // An unkeyed format 1 record slipped in after keyed ones
        List<String> downgraded = rewrite(lines, 2, r -> copy(r, 1, r.time(), r.keyId(), r.outcome().triage(),
                r.prevHash()), null);
        Verification down = verify(downgraded, List.of());
        assertEquals(3, down.badRecord(), down.message());
        assertTrue(down.problem().contains("unkeyed record of format 1 after keyed records"), down.message());
    }

    @Test
    void a_format_1_file_still_verifies_and_its_codes_and_times_are_checked() throws IOException {
        // Given a file of format 1 (no MACs), as the library wrote before the keyed chain
        List<String> keyed = Files.readAllLines(AuditFixtures.writeTrail(directory.resolve("a.jsonl"), 4));
        List<String> format1 = rewrite(keyed, 0, r -> copy(r, 1, r.time(), r.keyId(), r.outcome().triage(),
                r.prevHash()), null);
        format1 = rewrite(format1, 1, r -> copy(r, 1, r.time(), r.keyId(), r.outcome().triage(), r.prevHash()), null);
        format1 = rewrite(format1, 2, r -> copy(r, 1, r.time(), r.keyId(), r.outcome().triage(), r.prevHash()), null);
        format1 = rewrite(format1, 3, r -> copy(r, 1, r.time(), r.keyId(), r.outcome().triage(), r.prevHash()), null);
        assertTrue(format1.get(3).startsWith("{\"format\":1,"), format1.get(3));
        // Then it verifies, with or without the key
        assertEquals("OK, 4 records", verify(format1, List.of()).message());
        assertEquals("OK, 4 records", verify(format1, List.of(AuditFixtures.KEY)).message());
        // But a re-sealed record with an unknown triage code or a 1970 time is found
        Verification unknown = verify(rewrite(format1, 1, r -> copy(r, 1, r.time(), r.keyId(), "NOTHING_TO_SEE",
                r.prevHash()), null), List.of());
        assertEquals(2, unknown.badRecord(), unknown.message());
        assertTrue(unknown.problem().startsWith("its outcome.triage holds a code this library does not know"),
                unknown.message());
        Verification epoch = verify(rewrite(format1, 2, r -> copy(r, 1, Instant.EPOCH, r.keyId(),
                r.outcome().triage(), r.prevHash()), null), List.of());
        assertEquals(3, epoch.badRecord(), epoch.message());
        assertTrue(epoch.problem().startsWith("its time 1970-01-01T00:00:00Z is before 2026-01-01"), epoch.message());
        // And the trail continues a format 1 file with keyed records
        Path file = Files.write(directory.resolve("old.jsonl"), format1);
        try (JsonLinesAuditTrail trail = JsonLinesAuditTrail.open(file, AuditFixtures.KEY)) {
            trail.record(AuditFixtures.entry("p", 9));
        }
        assertEquals("OK, 5 records; MACs checked",
                AuditVerifier.verify(file, null, null, List.of(AuditFixtures.KEY)).message());
    }

    @Test
    void without_the_key_the_macs_are_counted_as_not_checked() throws IOException {
        Path file = AuditFixtures.writeTrail(directory.resolve("a.jsonl"), 2);
        Verification v = AuditVerifier.verify(file);
        assertEquals("OK, 2 records", v.message());
        assertEquals(2, v.macsUnchecked());
        assertEquals(0, v.macsChecked());
    }
}
