package org.spinecare.advisor.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecare.advisor.audit.AuditVerifier.Verification;

/** A head signed every N records or T milliseconds (docs/audit.md, Signed heads, "How often"): the window. */
class HeadPolicyTest {
    private static final AuditSigningKey SIGNER = AuditHeadTest.SIGNER;

    @TempDir
    Path directory;

    private static JsonLinesAuditTrail open(Path file, HeadPolicy policy, List<AuditHead> copies) {
        return JsonLinesAuditTrail.builder(file, AuditFixtures.KEY).signer(SIGNER).headPolicy(policy)
                .headCopies(copies::add).open();
    }

    private static void record(JsonLinesAuditTrail trail, int i) {
        trail.record(AuditFixtures.entry("patient-" + i, i));
    }

    @Test
    void a_head_every_four_records_leaves_at_most_three_confirmed_records_outside_it_and_closing_signs_the_rest() {
        // Given a trail that signs a head every 4 records (or after an hour)
        Path file = directory.resolve("a.jsonl");
        List<AuditHead> copies = new ArrayList<>();
        List<Long> headAfterEach = new ArrayList<>();
        try (JsonLinesAuditTrail trail = open(file, new HeadPolicy(4, Duration.ofHours(1)), copies)) {
            // When ten records are made one by one
            for (int i = 0; i < 10; i++) {
                record(trail, i);
                AuditHead head = AuditHeadTest.head(file);
                headAfterEach.add(head == null ? 0 : head.records());
            }
            // Then heads were signed at records 4 and 8 only, never leaving more than 3 outside
            assertEquals(List.of(0L, 0L, 0L, 4L, 4L, 4L, 4L, 8L, 8L, 8L), headAfterEach);
            assertEquals(List.of(4L, 8L), copies.stream().map(AuditHead::records).toList());
        }
        // And closing signed one over all ten
        assertEquals(List.of(4L, 8L, 10L), copies.stream().map(AuditHead::records).toList());
        Verification v = AuditVerifier.verify(file, AuditHeadTest.head(file), SIGNER.publicKey());
        assertTrue(v.message().startsWith("OK, 10 records, 10 under the signed head of "), v.message());
    }

    @Test
    void a_head_is_signed_by_the_timer_within_its_time_when_no_further_record_comes() throws InterruptedException {
        // Given a trail that signs every 1,000 records or 300 ms, with one record made
        Path file = directory.resolve("a.jsonl");
        List<AuditHead> copies = new ArrayList<>();
        try (JsonLinesAuditTrail trail = open(file, HeadPolicy.every(1000, 300), copies)) {
            long start = System.nanoTime();
            record(trail, 1);
            // Then it is confirmed before any head covers it
            assertNull(AuditHeadTest.head(file));
            // And within the time (plus a loaded machine's slack) a head covers it, with no other record made
            AuditHead head = null;
            while (head == null && System.nanoTime() - start < Duration.ofSeconds(20).toNanos()) {
                Thread.sleep(20);
                head = AuditHeadTest.head(file);
            }
            assertTrue(head != null && head.records() == 1, "no head over the record within 20 s");
            assertTrue(System.nanoTime() - start >= Duration.ofMillis(300).toNanos(), "signed before its time");
            assertEquals(List.of(1L), copies.stream().map(AuditHead::records).toList());
        }
    }

    @Test
    void records_after_the_newest_head_are_still_checked_as_a_chain_and_a_cut_under_it_or_a_rewrite_is_found()
            throws IOException {
        // Given a trail signing every 4 records, copied as it stands after 6 records (what a crash leaves:
        // records 5 and 6 confirmed but outside the newest head)
        Path file = directory.resolve("a.jsonl");
        Path crashed = directory.resolve("crashed.jsonl");
        try (JsonLinesAuditTrail trail = open(file, new HeadPolicy(4, Duration.ofHours(1)), new ArrayList<>())) {
            for (int i = 0; i < 6; i++) {
                record(trail, i);
            }
            Files.copy(file, crashed);
            Files.copy(HeadFile.besideAuditFile(file), HeadFile.besideAuditFile(crashed));
        }
        AuditHead head = AuditHeadTest.head(crashed);
        assertEquals(4, head.records());
        List<String> lines = Files.readAllLines(crashed);
        // Then the whole file verifies, two records past its head
        Verification whole = AuditVerifier.verify(crashed, head, SIGNER.publicKey(), List.of(AuditFixtures.KEY));
        assertTrue(whole.message().startsWith("OK, 6 records, 4 under the signed head of "), whole.message());
        // And a changed record past the head is found by the chain at that record
        Path changed = directory.resolve("changed.jsonl");
        Files.writeString(changed, String.join("\n", lines.get(0), lines.get(1), lines.get(2), lines.get(3),
                lines.get(4).replace("\"SELF_CARE\"", "\"URGENT\"").replace("\"ROUTINE\"", "\"URGENT\""),
                lines.get(5)) + "\n");
        assertTrue(!Files.readString(changed).equals(Files.readString(crashed)), "the test changed nothing");
        Verification v = AuditVerifier.verify(changed, head, SIGNER.publicKey(), List.of(AuditFixtures.KEY));
        assertEquals(5, v.badRecord(), v.message());
        // And the window: cutting the two records past the head does not contradict it (docs/audit.md)
        Path windowCut = directory.resolve("window-cut.jsonl");
        Files.write(windowCut, (String.join("\n", lines.subList(0, 4)) + "\n").getBytes(StandardCharsets.UTF_8));
        assertTrue(AuditVerifier.verify(windowCut, head, SIGNER.publicKey()).ok());
        // But cutting into the records under the head is reported as missing records
        Path deepCut = directory.resolve("deep-cut.jsonl");
        Files.write(deepCut, (String.join("\n", lines.subList(0, 3)) + "\n").getBytes(StandardCharsets.UTF_8));
        Verification cut = AuditVerifier.verify(deepCut, head, SIGNER.publicKey());
        assertFalse(cut.ok());
        assertEquals(4, cut.badRecord(), cut.message());
        assertTrue(cut.problem().startsWith("missing: the file ends after record 3"), cut.message());
        // And a consistent rewrite of the first four records is found at the head's record
        Path rewritten = AuditFixtures.writeTrail(directory.resolve("rewritten.jsonl"), 6);
        Verification r = AuditVerifier.verify(rewritten, head, SIGNER.publicKey());
        assertEquals(4, r.badRecord(), r.message());
        assertTrue(r.problem().contains("the file was rewritten"), r.message());
        // And a writer opening the crashed copy accepts the records past the head and goes on from them
        try (JsonLinesAuditTrail reopened = open(crashed, HeadPolicy.EVERY_COMMIT, new ArrayList<>())) {
            assertEquals(6, reopened.size());
            record(reopened, 7);
        }
        assertEquals(7, AuditHeadTest.head(crashed).records());
        // While one opening the copy with a changed record past the head refuses it
        Files.copy(HeadFile.besideAuditFile(crashed), HeadFile.besideAuditFile(changed));
        AuditException refused = assertThrows(AuditException.class,
                () -> open(changed, HeadPolicy.EVERY_COMMIT, new ArrayList<>()));
        assertTrue(refused.getMessage().contains("damaged at record 5"), refused.getMessage());
    }

    @Test
    void an_interval_of_zero_milliseconds_or_one_record_signs_in_every_commit_as_before() {
        // Given the policies that keep the former behaviour
        int copiesMade = 0;
        for (HeadPolicy policy : List.of(HeadPolicy.every(1000, 0), HeadPolicy.every(1, 1000))) {
            Path file = directory.resolve(copiesMade++ + ".jsonl");
            List<AuditHead> copies = new ArrayList<>();
            // When three records are made
            try (JsonLinesAuditTrail trail = open(file, policy, copies)) {
                for (int i = 0; i < 3; i++) {
                    record(trail, i);
                    // Then each is under a head when record returns
                    assertEquals(i + 1, AuditHeadTest.head(file).records());
                }
            }
            assertEquals(List.of(1L, 2L, 3L), copies.stream().map(AuditHead::records).toList());
            assertTrue(policy.everyCommit());
        }
        assertThrows(IllegalArgumentException.class, () -> HeadPolicy.every(0, 100));
        assertThrows(IllegalArgumentException.class, () -> HeadPolicy.every(10, -1));
    }
}
