package org.spinecare.advisor.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rotated trail held as a whole to its newest head kept elsewhere (the last head handed to headCopies). */
class TrailNewestHeadTest {
    private final List<AuditHead> copies = new ArrayList<>();

    private Path trail(Path dir, int records) {
        Path file = dir.resolve("trail.jsonl");
        try (JsonLinesAuditTrail trail = JsonLinesAuditTrail.builder(file, AuditFixtures.KEY)
                .signer(AuditFixtures.SIGNER).headCopies(copies::add).rotateAtBytes(3000).open()) {
            for (int i = 0; i < records; i++) {
                trail.record(AuditFixtures.entry("patient-" + i, i));
            }
        }
        return file;
    }

    private TrailVerifier.Result verify(Path file, AuditHead newest) {
        return TrailVerifier.verify(file, AuditFixtures.SIGNER.publicKey(), List.of(AuditFixtures.KEY), null, newest);
    }

    private AuditHead newest() {
        return copies.get(copies.size() - 1);
    }

    @Test
    @DisplayName("Given an intact rotated trail, when held to its newest head, then it verifies")
    void anIntactTrailVerifiesAgainstItsNewestHead(@TempDir Path dir) {
        Path file = trail(dir, 9);
        TrailVerifier.Result result = verify(file, newest());
        assertTrue(result.ok(), result.message());
        assertEquals(9, newest().records());
    }

    @Test
    @DisplayName("Given the newest segment deleted, when held to the newest head, then the missing records are named")
    void aDeletedNewestSegmentShowsOnlyAgainstTheNewestHead(@TempDir Path dir) throws Exception {
        Path file = trail(dir, 9);
        long newestSegment = Segments.present(file).lastKey();
        Path gone = Segments.numbered(file, newestSegment);
        long kept = 9 - Files.readAllLines(gone).size();
        Files.delete(gone);
        Files.delete(HeadFile.besideAuditFile(gone));
        // The segments alone look whole: that is what the head kept elsewhere is for
        assertTrue(verify(file, null).ok());
        TrailVerifier.Result result = verify(file, newest());
        assertFalse(result.ok());
        Path last = Segments.numbered(file, newestSegment - 1);
        assertEquals(last, result.badFile());
        assertEquals(Files.readAllLines(last).size() + 1, result.badLine());
        assertTrue(result.problem().startsWith("missing: the trail ends after record " + kept + " but the signed "
                + "head of "), result.problem());
        assertTrue(result.problem().contains("covers 9 records"), result.problem());
    }

    @Test
    @DisplayName("Given the live segment cut and its head replaced by an older one, when held to the newest head, "
            + "then the cut shows")
    void aCutLiveSegmentWithAnOlderHeadShowsAgainstTheNewestHead(@TempDir Path dir) throws Exception {
        Path file = trail(dir, 9);
        Path live = Segments.numbered(file, Segments.present(file).lastKey());
        List<String> lines = Files.readAllLines(live);
        assertTrue(lines.size() >= 2, "the live segment has " + lines.size() + " records");
        Files.write(live, lines.subList(0, lines.size() - 1));
        AuditHead older = copies.get(copies.size() - 2);
        Path temporary = Files.writeString(dir.resolve("older.head"), older.text() + "\n");
        Files.move(temporary, HeadFile.besideAuditFile(live), StandardCopyOption.REPLACE_EXISTING);
        assertTrue(verify(file, null).ok());
        TrailVerifier.Result result = verify(file, newest());
        assertFalse(result.ok());
        assertEquals(live, result.badFile());
        assertEquals(lines.size(), result.badLine());
        assertTrue(result.problem().startsWith("missing: the trail ends after record 8 "), result.problem());
    }

    @Test
    @DisplayName("Given a head copy that fails once, when records go on, then the failed record is refused and no "
            + "head beside the file gets ahead of the copy")
    void aFailedCopyFailsTheRecordAndKeepsTheCopyAhead(@TempDir Path dir) {
        Path file = dir.resolve("trail.jsonl");
        boolean[] failNext = {false};
        try (JsonLinesAuditTrail trail = JsonLinesAuditTrail.builder(file, AuditFixtures.KEY)
                .signer(AuditFixtures.SIGNER).headCopies(head -> {
                    if (failNext[0]) {
                        failNext[0] = false;
                        throw new AuditException("the copy's disk is full");
                    }
                    copies.add(head);
                }).open()) {
            trail.record(AuditFixtures.entry("a", 1));
            // When the copy fails for the second record
            failNext[0] = true;
            AuditException refused = assertThrows(AuditException.class,
                    () -> trail.record(AuditFixtures.entry("b", 2)));
            assertEquals("the copy's disk is full", refused.getMessage());
            // Then the head beside the file still covers only the first record, as the copy does
            assertEquals(1, AuditFixtures.head(file).records());
            // And the next record puts both under a head, in the copy and beside the file
            trail.record(AuditFixtures.entry("c", 3));
        }
        assertEquals(3, newest().records());
        assertEquals(newest(), AuditFixtures.head(file));
        assertTrue(verify(file, newest()).ok());
    }

    @Test
    @DisplayName("Given a head not signed with the trail's key, when the trail is held to it, then it is refused")
    void aHeadFromAnotherKeyIsRefused(@TempDir Path dir) {
        Path file = trail(dir, 4);
        AuditHead forged = AuditHead.sign(newest().records(), newest().lastHash(), newest().time(),
                AuditSigningKey.generate());
        TrailVerifier.Result result = verify(file, forged);
        assertFalse(result.ok());
        assertTrue(result.problem().contains("does not verify under the public key with id"), result.problem());
    }

    @Test
    @DisplayName("Given a head stating another hash for a record, when the trail is held to it, then that record "
            + "is named as rewritten")
    void aHeadWithAnotherHashNamesTheRecord(@TempDir Path dir) throws Exception {
        Path file = trail(dir, 9);
        AuditHead other = AuditHead.sign(5, "ab".repeat(32), newest().time(), AuditFixtures.SIGNER);
        TrailVerifier.Result result = verify(file, other);
        assertFalse(result.ok());
        long before = 0;
        Path holding = null;
        for (Path segment : Segments.present(file).values()) {
            long n = Files.readAllLines(segment).size();
            if (before < 5 && before + n >= 5) {
                holding = segment;
                break;
            }
            before += n;
        }
        assertEquals(holding, result.badFile());
        assertEquals(5 - before, result.badLine());
        assertTrue(result.problem().startsWith("its hash is not the one the signed head of "), result.problem());
    }
}
