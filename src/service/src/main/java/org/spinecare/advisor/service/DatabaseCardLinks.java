package org.spinecare.advisor.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Card links in a PostgreSQL table that every instance shares. One connection, used by one call at a time and
 * replaced after a failure; a link is committed before its card is sent, so feedback that reaches any instance
 * finds it.
 */
final class DatabaseCardLinks implements CardLinks {
    // A plain lowercase identifier, optionally schema-qualified: it is put into SQL text, so nothing else.
    private static final Pattern NAME = Pattern.compile("([a-z_][a-z0-9_]{0,40}\\.)?[a-z_][a-z0-9_]{0,52}");

    private final DataSource dataSource;
    private final String table;
    private Connection connection;

    DatabaseCardLinks(DataSource dataSource, String table) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        if (table == null || !NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("the card table name must be a lowercase SQL identifier (letters, "
                    + "digits, _; optionally schema.name), not " + table);
        }
        this.table = table;
        run(c -> {
            try (Statement s = c.createStatement()) {
                // Instances starting together must not race on CREATE TABLE IF NOT EXISTS.
                s.execute("SELECT pg_advisory_xact_lock(hashtext('" + table + "'))");
                s.execute("CREATE TABLE IF NOT EXISTS " + table + " (card UUID PRIMARY KEY, request_id UUID NOT "
                        + "NULL, issued TIMESTAMPTZ NOT NULL DEFAULT now())");
            }
            return null;
        });
    }

    @Override
    public void remember(UUID assessmentRequestId, List<UUID> cards) {
        run(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table
                    + " (card, request_id) VALUES (?, ?)")) {
                for (UUID card : cards) {
                    insert.setObject(1, card);
                    insert.setObject(2, assessmentRequestId);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    @Override
    public Optional<UUID> assessmentOf(UUID card) {
        return run(c -> {
            try (PreparedStatement find = c.prepareStatement("SELECT request_id FROM " + table + " WHERE card = ?")) {
                find.setObject(1, card);
                try (ResultSet rs = find.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
                }
            }
        });
    }

    private interface Work<T> {
        T on(Connection c) throws SQLException;
    }

    /** One transaction on the shared connection; after a failure the connection is replaced on the next call. */
    private synchronized <T> T run(Work<T> work) {
        try {
            if (connection == null) {
                connection = dataSource.getConnection();
                connection.setAutoCommit(false);
            }
            T result = work.on(connection);
            connection.commit();
            return result;
        } catch (SQLException e) {
            try {
                if (connection != null) {
                    connection.close();
                }
            } catch (SQLException ignored) {
                // Replaced on the next call; the first error is the one to report.
            }
            connection = null;
            throw new IllegalStateException("the card table " + table + " failed: " + e.getMessage()
                    + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")"), e);
        }
    }
}
