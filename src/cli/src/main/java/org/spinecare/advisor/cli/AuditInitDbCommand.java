package org.spinecare.advisor.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.spinecare.advisor.audit.AuditException;
import org.spinecare.advisor.audit.PostgresAuditTrail;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "init-db", description = "Create the database audit trail's tables (NAME, NAME_head, NAME_cards, "
        + "with their append-only triggers) where missing. Run once as the role that is to own them; serve "
        + "--audit-db then runs with the least-privilege grants of docs/audit.md and no DDL.")
final class AuditInitDbCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AuditDatabaseOption database;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (database.url == null) {
                throw new IllegalArgumentException("--audit-db JDBC_URL is required");
            }
            PostgresAuditTrail.createTables(database.dataSource(System.getenv()), database.table);
        } catch (AuditException | IllegalArgumentException e) {
            err.println("spine: " + Errors.oneLine(e));
            return SpineCli.FAILED;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("tables " + database.table + ", " + database.table + "_head and " + database.table
                + "_cards are in place; grant the writers and auditors what docs/audit.md (Database trail) lists");
        out.flush();
        return SpineCli.OK;
    }
}
