package org.spinecare.advisor.audit;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import org.postgresql.ds.PGSimpleDataSource;
import org.spinecare.advisor.AuditEntry;

/**
 * A writer in another process for {@link PostgresMultiWriterTest}: appends {@code count} records to the table
 * and prints each request id once {@code record} has returned, that is once its transaction has committed.
 */
public final class PostgresAppenderMain {
    private PostgresAppenderMain() {
    }

    public static void main(String[] args) {
        PGSimpleDataSource db = new PGSimpleDataSource();
        db.setURL(args[0]);
        String table = args[1];
        long count = Long.parseLong(args[2]);
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false);
        try (PostgresAuditTrail trail = PostgresAuditTrail.builder(db, AuditFixtures.KEY).table(table)
                .signer(AuditFixtures.SIGNER).open()) {
            out.println("READY " + trail.size());
            out.flush();
            for (int i = 0; i < count; i++) {
                AuditEntry entry = AuditFixtures.entry("child-" + ProcessHandle.current().pid() + "-" + i, i);
                trail.record(entry);
                out.println(entry.requestId());
                out.flush();
            }
        }
    }
}
