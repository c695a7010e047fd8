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
import org.spinecare.advisor.audit.AuditKey;

/**
 * Card links in a PostgreSQL table that every instance shares, created with the audit tables by their owner
 * ({@code ./spine audit init-db}; the schema is the audit trail's, docs/audit.md): this class runs no DDL. Each link
 * carries its MAC under the audit key, checked on every read, so a link rewritten to another patient's assessment is
 * refused instead of recording feedback against it. One connection, used by one call at a time and replaced after
 * a failure; a link is committed before its card is sent, so feedback that reaches any instance finds it.
 */
final class DatabaseCardLinks implements CardLinks {
    // A plain lowercase identifier, optionally schema-qualified: it is put into SQL text, so nothing else.
    private static final Pattern NAME = Pattern.compile("([a-z_][a-z0-9_]{0,40}\\.)?[a-z_][a-z0-9_]{0,52}");

    private final DataSource dataSource;
    private final String table;
    private final AuditKey key;
    private Connection connection;

    DatabaseCardLinks(DataSource dataSource, String table, AuditKey key) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.key = Objects.requireNonNull(key, "key");
        if (table == null || !NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("the card table name must be a lowercase SQL identifier (letters, "
                    + "digits, _; optionally schema.name), not " + table);
        }
        this.table = table;
        boolean missing = run(c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT to_regclass('" + table + "') IS NULL")) {
                return rs.next() && rs.getBoolean(1);
            }
        });
        if (missing) {
            throw new IllegalArgumentException("the card table " + table + " does not exist: create the audit tables "
                    + "once, as their owner, with ./spine audit init-db (docs/audit.md, Database trail)");
        }
    }

    @Override
    public void remember(UUID assessmentRequestId, List<UUID> cards) {
        run(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table
                    + " (card, request_id, mac) VALUES (?, ?, ?)")) {
                for (UUID card : cards) {
                    insert.setObject(1, card);
                    insert.setObject(2, assessmentRequestId);
                    insert.setString(3, key.cardLinkMac(card, assessmentRequestId));
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
            try (PreparedStatement find = c.prepareStatement("SELECT request_id, mac FROM " + table
                    + " WHERE card = ?")) {
                find.setObject(1, card);
                try (ResultSet rs = find.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    UUID assessment = rs.getObject(1, UUID.class);
                    if (!key.cardLinkMac(card, assessment).equals(rs.getString(2))) {
                        throw new IllegalStateException("the link of card " + card + " in " + table + " does not "
                                + "match its MAC: the card table was changed (see ./spine audit verify-table)");
                    }
                    return Optional.of(assessment);
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
