package org.spinecare.advisor.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecare.advisor.audit.AuditVerifier.Verification;

/**
 * A signed head that cannot be written (a full disk; here its temporary file's path is taken by a directory) fails
 * that record without stopping the trail: the next record writes a head over all records, and the file verifies.
 */
class AuditHeadRetryTest {
    @TempDir
    Path dir;

    @Test
    void a_head_that_cannot_be_written_fails_the_record_and_the_trail_appends_again_once_it_can() throws Exception {
        // Given a signed trail whose head cannot be written for a while
        Path file = dir.resolve("audit.jsonl");
        try (JsonLinesAuditTrail trail = JsonLinesAuditTrail.open(file, AuditFixtures.KEY, AuditFixtures.SIGNER,
                w -> { }, h -> { })) {
            trail.record(AuditFixtures.entry("p", 1));
            Path blocker = Files.createDirectory(dir.resolve("audit.jsonl.head.tmp"));

            // When a record is made then, and again once the head can be written
            AuditException failed = assertThrows(AuditException.class, () -> trail.record(AuditFixtures.entry("p", 2)));
            assertNull(trail.stoppedBecause(), "not stopped for good: " + trail.stoppedBecause());
            Files.deleteIfExists(blocker);
            trail.record(AuditFixtures.entry("p", 3));

            // Then the failure said so, the trail went on, and its head covers every record
            assertTrue(failed.getMessage().contains("cannot write the signed head"), failed.getMessage());
            assertEquals(3, trail.size());
        }
        Verification v = AuditVerifier.verify(file, AuditFixtures.head(file), AuditFixtures.SIGNER.publicKey());
        assertTrue(v.ok(), v.message());
        assertTrue(v.message().startsWith("OK, 3 records, 3 under the signed head"), v.message());
    }
}
