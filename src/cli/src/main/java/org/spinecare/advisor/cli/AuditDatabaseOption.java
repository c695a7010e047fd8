package org.spinecare.advisor.cli;

import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine.Option;

/**
 * {@code --audit-db} and {@code --audit-db-table}: the database trail (docs/audit.md, Database trail), for the
 * commands that write it ({@code serve}) and read it ({@code audit verify-table}). The password comes from the
 * environment, never from the command line, which other users of the machine can read.
 */
final class AuditDatabaseOption {
    static final String PASSWORD_ENV = "SPINE_AUDIT_DB_PASSWORD";

    @Option(names = "--audit-db", paramLabel = "JDBC_URL", description = "Keep the audit trail in PostgreSQL "
            + "(jdbc:postgresql://HOST[:PORT]/DATABASE?user=NAME) instead of a file, so that several instances "
            + "share one chain; the password comes from $" + PASSWORD_ENV + ".")
    String url;

    @Option(names = "--audit-db-table", paramLabel = "NAME", description = "The audit table (default "
            + "${DEFAULT-VALUE}; its head row is in NAME_head).")
    String table = "spine_audit";

    /**
     * A data source for the URL.
     *
     * @throws IllegalArgumentException naming what is wrong with the URL (without repeating it: it may hold a
     *                                  secret)
     */
    DataSource dataSource(Map<String, String> environment) {
        if (url.toLowerCase(Locale.ROOT).contains("password=")) {
            throw new IllegalArgumentException("--audit-db: give the database password in $" + PASSWORD_ENV
                    + ", not in the URL (a command line is visible to other users of the machine)");
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--audit-db must be a PostgreSQL JDBC URL "
                    + "(jdbc:postgresql://HOST[:PORT]/DATABASE?user=NAME)");
        }
        PGSimpleDataSource source = new PGSimpleDataSource();
        try {
            source.setURL(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--audit-db is not a valid PostgreSQL JDBC URL "
                    + "(jdbc:postgresql://HOST[:PORT]/DATABASE?user=NAME)");
        }
        String password = environment.get(PASSWORD_ENV);
        if (password != null && !password.isEmpty()) {
            source.setPassword(password);
        }
        // An unreachable server fails the start in seconds rather than hanging it.
        source.setConnectTimeout(10);
        return source;
    }
}
