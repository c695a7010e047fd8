package org.spinecare.advisor.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecare.advisor.audit.AuditVerifier.Verification;

class AuditHeadTest {
    static final AuditSigningKey SIGNER = AuditSigningKey.generate();

    @TempDir
    Path directory;

    static Path signedTrail(Path file, int n, List<AuditHead> copies) {
        try (JsonLinesAuditTrail trail = JsonLinesAuditTrail.open(file, AuditFixtures.KEY, SIGNER, w -> { },
                copies::add)) {
            for (int i = 0; i < n; i++) {
                trail.record(AuditFixtures.entry(i % 2 == 0 ? "patient-" + i : null, i));
            }
        }
        return file;
    }

    static AuditHead head(Path file) {
        return HeadFile.read(HeadFile.besideAuditFile(file));
    }

    @Test
    void every_commit_leaves_a_signed_head_that_the_public_key_alone_verifies() {
        // Given a trail with a signing key that records three assessments
        List<AuditHead> copies = new ArrayList<>();
        Path file = signedTrail(directory.resolve("a.jsonl"), 3, copies);
        // Then a head for each commit went to the copy consumer, and the head beside the file covers all three
        assertEquals(List.of(1L, 2L, 3L), copies.stream().map(AuditHead::records).toList());
        AuditHead head = head(file);
        assertEquals(copies.get(2), head);
        assertEquals(SIGNER.id(), head.keyId());
        Verification v = AuditVerifier.verify(file, head, AuditSigningKey.publicKeyFromPem(SIGNER.publicKeyPem()));
        assertTrue(v.ok(), v.message());
        assertTrue(v.message().startsWith("OK, 3 records, 3 under the signed head of "), v.message());
        // And its text parses back to the same head
        assertEquals(head, AuditHead.parse(head.text()));
    }

    @Test
    void a_tail_cut_at_any_byte_is_reported_against_the_head_with_the_first_missing_record() throws IOException {
        // Given a signed trail of four records
        Path file = signedTrail(directory.resolve("a.jsonl"), 4, new ArrayList<>());
        byte[] bytes = Files.readAllBytes(file);
        AuditHead head = head(file);
        List<Integer> lineEnds = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                lineEnds.add(i + 1);
            }
        }
        Path cut = directory.resolve("cut.jsonl");
        // When the file is cut at every length shorter than it is
        for (int length = 0; length < bytes.length; length++) {
            Files.write(cut, Arrays.copyOf(bytes, length));
            Verification v = AuditVerifier.verify(cut, head, SIGNER.publicKey());
            // Then each is reported at the first record that is not whole, as missing
            int cutAt = length;
            long wholeRecords = lineEnds.stream().filter(end -> end <= cutAt).count();
            assertFalse(v.ok(), "cut at " + length);
            assertEquals(wholeRecords + 1, v.badRecord(), "cut at " + length + ": " + v.message());
            assertTrue(v.problem().startsWith("missing: the file ends after record " + wholeRecords), v.message());
        }
    }

    @Test
    void a_consistently_rewritten_file_or_a_replaced_head_is_reported() throws IOException {
        // Given a signed trail, and a rewrite of it by someone without the signing key (same key, same count)
        Path file = signedTrail(directory.resolve("a.jsonl"), 3, new ArrayList<>());
        AuditHead head = head(file);
        Path rewritten = AuditFixtures.writeTrail(directory.resolve("rewritten.jsonl"), 3);
        assertTrue(AuditVerifier.verify(rewritten).ok());
        // When the rewrite is held to the genuine head
        Verification v = AuditVerifier.verify(rewritten, head, SIGNER.publicKey());
        // Then the last record under the head is named
        assertEquals(3, v.badRecord(), v.message());
        assertTrue(v.problem().contains("the file was rewritten"), v.message());
        // And a head for the rewrite, signed with another key, does not verify under the file's public key
        AuditHead forged = AuditHead.sign(3, AuditVerifier.verify(rewritten).lastHash(), Instant.now(),
                AuditSigningKey.generate());
        Verification replaced = AuditVerifier.verify(rewritten, forged, SIGNER.publicKey());
        assertEquals(3, replaced.badRecord());
        assertTrue(replaced.problem().contains("does not verify under the public key"), replaced.message());
        // As does the genuine head with its count changed
        AuditHead altered = new AuditHead(2, head.lastHash(), head.time(), head.keyId(), head.signature());
        assertFalse(altered.verifies(SIGNER.publicKey()));
    }

    @Test
    void opening_refuses_a_file_cut_inside_a_record_under_the_head_and_leaves_it_alone() throws IOException {
        // Given a signed trail of six records, cut by a bad restore in the middle of the third
        Path file = signedTrail(directory.resolve("a.jsonl"), 6, new ArrayList<>());
        List<String> lines = Files.readAllLines(file);
        String kept = lines.get(0) + "\n" + lines.get(1) + "\n" + lines.get(2).substring(0, 100);
        Files.writeString(file, kept);
        byte[] before = Files.readAllBytes(file);
        // When it is opened for appending with its signing key
        AuditException e = assertThrows(AuditException.class,
                () -> JsonLinesAuditTrail.open(file, AuditFixtures.KEY, SIGNER, w -> { }, h -> { }));
        // Then the opening is refused naming the first missing record, and the partial record is still there
        assertTrue(e.getMessage().contains("has 2 whole records but its signed head covers 6: record 3 onwards "
                + "were cut"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void a_torn_line_after_every_record_the_head_covers_is_still_removed_as_a_crash_leaves_it() throws IOException {
        // Given a signed trail of three records and the start of a fourth that a crash left
        Path file = signedTrail(directory.resolve("a.jsonl"), 3, new ArrayList<>());
        long size = Files.size(file);
        Files.writeString(file, "{\"format\":1,\"seq\":4,", java.nio.file.StandardOpenOption.APPEND);
        // When it is opened
        List<String> warnings = new ArrayList<>();
        try (JsonLinesAuditTrail trail = JsonLinesAuditTrail.open(file, AuditFixtures.KEY, SIGNER, warnings::add,
                h -> { })) {
            // Then the torn line is gone with a warning, and appending goes on under new heads
            assertEquals(size, Files.size(file));
            assertEquals(1, warnings.size(), warnings.toString());
            trail.record(AuditFixtures.entry("p", 9));
        }
        assertEquals(4, head(file).records());
        assertTrue(AuditVerifier.verify(file, head(file), SIGNER.publicKey()).ok());
    }

    @Test
    void opening_refuses_a_head_signed_by_another_key() {
        // Given a signed trail whose head was replaced by one signed with another key
        Path file = signedTrail(directory.resolve("a.jsonl"), 2, new ArrayList<>());
        AuditHead genuine = head(file);
        AuditSigningKey other = AuditSigningKey.generate();
        try {
            HeadFile.write(HeadFile.besideAuditFile(file), AuditHead.sign(genuine.records(), genuine.lastHash(),
                    Instant.now(), other));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // Then opening with the file's signing key is refused
        AuditException e = assertThrows(AuditException.class,
                () -> JsonLinesAuditTrail.open(file, AuditFixtures.KEY, SIGNER, w -> { }, h -> { }));
        assertTrue(e.getMessage().contains("was not signed by this trail's signing key"), e.getMessage());
    }

    @Test
    void a_signing_key_survives_its_pem_form_and_a_mismatched_pair_is_refused() {
        AuditSigningKey copy = AuditSigningKey.fromPem(SIGNER.toPem());
        assertEquals(SIGNER.id(), copy.id());
        String mismatched = SIGNER.toPem().substring(0, SIGNER.toPem().indexOf("-----BEGIN PUBLIC KEY"))
                + AuditSigningKey.generate().publicKeyPem();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AuditSigningKey.fromPem(mismatched));
        assertEquals("the public key does not belong to the private key", e.getMessage());
        assertFalse(SIGNER.toString().contains("PRIVATE"));
    }
}
