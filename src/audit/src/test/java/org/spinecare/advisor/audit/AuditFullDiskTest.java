package org.spinecare.advisor.audit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecare.advisor.AuditEntry;
import org.spinecare.advisor.audit.AuditVerifier.Verification;

/**
 * A real full disk: a 96 KiB tmpfs mounted by the test. Mounting needs root, so elsewhere the test is skipped and
 * says why.
 */
class AuditFullDiskTest {
    @TempDir
    Path dir;
    private Path mount;

    @BeforeEach
    void mountSmallTmpfs() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "skipped: mounting a small tmpfs to fill needs root, and this runs as " + System.getProperty("user.name"));
        mount = Files.createDirectory(dir.resolve("tiny"));
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=96k", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assumeTrue(p.waitFor() == 0, "skipped: cannot mount a tmpfs here (" + output.strip() + ")");
    }

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            new ProcessBuilder("umount", mount.toString()).start().waitFor();
        }
    }

    @Test
    void a_full_disk_fails_the_record_cleanly_removes_the_partial_line_and_loses_nothing_written()
            throws IOException {
        // Given a trail without heads on a tiny disk, appended to until the disk is full
        Path file = mount.resolve("plain.jsonl");
        Set<String> reported = new HashSet<>();
        String failure;
        try (JsonLinesAuditTrail trail = JsonLinesAuditTrail.open(file, AuditFixtures.KEY)) {
            failure = fill(trail, reported);
        }
        // Then the record failed saying why, its partial line is gone at once, and every reported record is there
        assertTrue(failure.contains("No space left on device") && failure.contains("the partial line was removed"),
                failure);
        assertTrue(Files.readString(file).endsWith("\n"), "a partial line was left");
        assertHolds(file, reported);
        Files.delete(file);
    }

    @Test
    void a_full_disk_while_writing_a_head_refuses_the_record_and_leaves_a_file_that_verifies() throws IOException {
        // Given a signed trail on a tiny disk, appended to until the disk is full
        Path file = mount.resolve("signed.jsonl");
        Set<String> reported = new HashSet<>();
        String failure;
        try (JsonLinesAuditTrail trail = JsonLinesAuditTrail.open(file, AuditFixtures.KEY, AuditFixtures.SIGNER,
                w -> { }, h -> { })) {
            failure = fill(trail, reported);
        }
        // Then a record failed saying why, and the file verifies against its last head with every reported record
        assertTrue(failure.contains("No space left on device"), failure);
        assertHolds(file, reported);
        assertTrue(AuditVerifier.verify(file, AuditFixtures.head(file), AuditFixtures.SIGNER.publicKey()).ok());
    }

    private static String fill(JsonLinesAuditTrail trail, Set<String> reported) {
        for (int i = 0; i < 1000; i++) {
            AuditEntry entry = AuditFixtures.entry("p" + i, i);
            try {
                trail.record(entry);
                reported.add(entry.requestId().toString());
            } catch (AuditException e) {
                System.out.println("AuditFullDiskTest: " + reported.size() + " records, then: " + e.getMessage());
                return e.getMessage();
            }
        }
        throw new AssertionError("the disk never filled");
    }

    private static void assertHolds(Path file, Set<String> reported) {
        Set<String> present = new HashSet<>();
        Verification v = AuditVerifier.verify(file, r -> present.add(r.requestId().toString()));
        assertTrue(v.ok(), v.message());
        assertTrue(present.containsAll(reported), "reported records were lost");
    }
}
