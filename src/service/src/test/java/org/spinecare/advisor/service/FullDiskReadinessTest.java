package org.spinecare.advisor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.advisor.audit.AuditHead;
import org.spinecare.advisor.audit.AuditKey;
import org.spinecare.advisor.audit.AuditSigningKey;
import org.spinecare.advisor.audit.AuditVerifier;
import org.spinecare.advisor.audit.JsonLinesAuditTrail;

/**
 * A real full disk under the running service's signed audit file: a 64 KiB tmpfs mounted by the test (root only;
 * skipped, saying why, elsewhere).
 */
class FullDiskReadinessTest {
    @TempDir
    Path dir;
    private Path mount;

    @BeforeEach
    void mountSmallTmpfs() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "skipped: mounting a small tmpfs to fill needs root, and this runs as " + System.getProperty("user.name"));
        mount = Files.createDirectory(dir.resolve("tiny"));
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            mount = null;
        }
        assumeTrue(mount != null, "skipped: cannot mount a tmpfs here (" + output.strip() + ")");
    }

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            new ProcessBuilder("umount", mount.toString()).start().waitFor();
        }
    }

    @Test
    @DisplayName("Given the disk under the audit file fills, calls fail with 500 and /ready answers 503; once space "
            + "is freed, /ready answers 200 by itself, calls get cards again and the file verifies to its head")
    void fullDiskThenFreed() throws Exception {
        Path file = mount.resolve("audit.jsonl");
        AuditSigningKey signer = AuditSigningKey.generate();
        String call = Prefetch.call("p-disk", ServiceCallTest.BACK_PAIN_ONLY).toString();
        try (JsonLinesAuditTrail trail = JsonLinesAuditTrail.open(file, AuditKey.generate(), signer, w -> { },
                h -> { });
             RunningService server = new RunningService(trail, AuditProbe.file(trail, file))) {
            assertEquals(200, server.post(ServiceCallTest.PATH, call, null).statusCode());

            Path filler = fill(mount.resolve("filler"));
            HttpResponse<String> failed = server.post(ServiceCallTest.PATH, call, null);
            assertEquals(500, failed.statusCode(), failed.body());
            assertEquals(503, server.get("/ready", null).statusCode());

            Files.delete(filler);
            assertEquals(200, ReadinessTest.awaitReady(server), "ready again once the disk has room");
            HttpResponse<String> again = server.post(ServiceCallTest.PATH, call, null);
            assertEquals(200, again.statusCode(), again.body());
        }
        AuditHead head = AuditHead.parse(Files.readString(file.resolveSibling("audit.jsonl.head")).strip());
        AuditVerifier.Verification verification = AuditVerifier.verify(file, head, signer.publicKey());
        assertTrue(verification.ok(), verification.message());
    }

    /** Writes until the file system is full; the filler file. */
    private static Path fill(Path filler) throws IOException {
        try (OutputStream out = Files.newOutputStream(filler)) {
            byte[] block = new byte[512];
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            assertTrue(String.valueOf(full.getMessage()).contains("No space left"), full.toString());
            return filler;
        }
    }
}
