package org.spinecare.advisor.audit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** How the database trail sets up its sessions and words the database's errors. */
final class PostgresSession {
    private PostgresSession() {
    }

    /**
     * Explicit transactions; a bounded wait for the head row's lock, so that a stopped writer cannot hold every
     * other one for ever; a name others can see in {@code pg_stat_activity}; and never a commit that returns before
     * its log is flushed ({@code synchronous_commit = off} would confirm records a server crash can lose).
     */
    static void prepare(Connection c, Duration lockWait) throws SQLException {
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        try (Statement s = c.createStatement()) {
            s.execute("SET lock_timeout = " + lockWait.toMillis());
            s.execute("SET application_name = 'spine-audit pid " + ProcessHandle.current().pid() + "'");
            try (ResultSet rs = s.executeQuery("SHOW synchronous_commit")) {
                if (rs.next() && "off".equals(rs.getString(1))) {
                    s.execute("SET synchronous_commit = on");
                }
            }
        }
        c.commit();
    }

    /** The database's reason in one line, with advice for the usual set-up mistakes. */
    static String describe(SQLException e, AuditTable table) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = firstLine(e.getMessage());
        if (state.equals("42P01")) {
            return table.records + ", " + table.head + " or " + table.cards + " does not exist (create them as "
                    + "their owner with ./spine audit init-db, PostgresAuditTrail.createTables, or the schema in "
                    + "docs/audit.md): " + message;
        }
        if (state.equals("42501")) {
            return "the database user may not do this (see the grants in docs/audit.md): " + message;
        }
        if (state.startsWith("08")) {
            return "the database cannot be reached: " + message;
        }
        return message + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }
}
