package org.spinecare.advisor.audit;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.spinecare.advisor.AuditEntry;

/**
 * The child of {@link AuditCrashTest}: appends records to a file (for ever, or as many as the second argument
 * says) and prints each request id once {@code record} has returned, that is once the record is durable and
 * under a signed head. The
 * parent kills it at random moments, or runs several at once on one file.
 */
public final class AuditAppenderMain {
    private AuditAppenderMain() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        long count = args.length > 1 ? Long.parseLong(args[1]) : Long.MAX_VALUE;
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false);
        // A third argument rotates the trail at that many bytes (RotationCrashTest, RotationProcessesTest).
        JsonLinesAuditTrailBuilder builder = JsonLinesAuditTrail.builder(file, AuditFixtures.KEY)
                .signer(AuditFixtures.SIGNER).warnings(warning -> System.err.println(warning));
        if (args.length > 2) {
            builder.rotateAtBytes(Long.parseLong(args[2]));
        }
        try (JsonLinesAuditTrail trail = builder.open()) {
            // Load the classes a record needs before saying READY, so that the parent's random delay lands
            // among appends rather than in class loading.
            AuditCodec.line(AuditRecord.chained(AuditFixtures.entry("warm-up", 0), 1, Digests.GENESIS,
                    AuditFixtures.KEY));
            out.println("READY " + trail.size());
            out.flush();
            for (int i = 0; i < count; i++) {
                AuditEntry entry = AuditFixtures.entry("crash-patient-" + i, i);
                trail.record(entry);
                out.println(entry.requestId());
                out.flush();
            }
        }
    }
}
