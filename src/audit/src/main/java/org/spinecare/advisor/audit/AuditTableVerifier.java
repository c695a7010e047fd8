package org.spinecare.advisor.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.spinecare.advisor.audit.AuditVerifier.Verification;

/**
 * Checks a database trail without changing it, with the file's verifier: the records are read in sequence order
 * as the lines of a file would be, in one snapshot together with the head row. Beyond the file's checks, the head
 * row's unsigned columns (record count, last hash) must agree with the records, so that a cut tail is found even
 * on a trail written without a signing key.
 */
public final class AuditTableVerifier {
    private AuditTableVerifier() {
    }

    /**
     * Checks the table, holds it to the signed head in its head row when a public key is given, and checks MACs
     * under the keys given (none: not checked), as {@link AuditVerifier#verify(java.nio.file.Path, AuditHead,
     * PublicKey, Collection)} does for a file.
     */
    public static Verification verify(DataSource dataSource, String table, PublicKey publicKey,
                                      Collection<AuditKey> keys) {
        return verify(dataSource, table, publicKey, keys, record -> { });
    }

    /** As {@link #verify(DataSource, String, PublicKey, Collection)}, handing every good record, in order, over. */
    public static Verification verify(DataSource dataSource, String table, PublicKey publicKey,
                                      Collection<AuditKey> keys, Consumer<Object> goodRecords) {
        AuditTable names = new AuditTable(table);
        ChainCheck check = ChainCheck.fromStart(keys, !keys.isEmpty());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            // One snapshot: the head row and the records as they were together, while writers go on.
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            String[] row;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(names.readHead())) {
                if (!rs.next()) {
                    return new Verification(0, 1, names.head + " has no head row (id 1): it was deleted", null);
                }
                row = new String[] {Long.toString(rs.getLong(1)), rs.getString(2), rs.getString(3)};
            }
            Verification v;
            try (PreparedStatement read = c.prepareStatement(names.linesAfter())) {
                read.setFetchSize(1000);
                read.setLong(1, 0);
                try (ResultSet rs = read.executeQuery(); InputStream lines = new RowLines(rs, names)) {
                    v = check(lines, row[2], publicKey, check, goodRecords);
                }
            }
            c.rollback();
            return v.ok() ? againstHeadRow(v, Long.parseLong(row[0]), row[1], names) : v;
        } catch (SQLException e) {
            throw new AuditException("cannot read " + names + ": " + PostgresSession.describe(e, names), e);
        } catch (IOException e) {
            throw new AuditException("cannot read " + names + ": " + e.getMessage(), e);
        }
    }

    /** What the card table holds: how many links, and the first one that does not hold (null when all do). */
    public record CardLinks(long links, String problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    /**
     * Checks the card table {@code TABLE_cards} (absent: no links): each link's MAC under one of {@code keys}, so
     * that a link rewritten to another assessment is found, and that it names an assessment in {@code
     * assessments}, the request ids of the chain's assessment records ({@link #verify} hands them over).
     */
    public static CardLinks verifyCardLinks(DataSource dataSource, String table, Collection<AuditKey> keys,
                                            java.util.Set<java.util.UUID> assessments) {
        AuditTable names = new AuditTable(table);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT to_regclass('" + names.cards + "') IS NULL")) {
                if (rs.next() && rs.getBoolean(1)) {
                    return new CardLinks(0, null);
                }
            }
            long links = 0;
            try (ResultSet rs = s.executeQuery("SELECT card, request_id, mac FROM " + names.cards
                    + " ORDER BY issued, card")) {
                while (rs.next()) {
                    links++;
                    java.util.UUID card = rs.getObject(1, java.util.UUID.class);
                    java.util.UUID request = rs.getObject(2, java.util.UUID.class);
                    String mac = rs.getString(3);
                    if (keys.stream().noneMatch(k -> k.cardLinkMac(card, request).equals(mac))) {
                        return new CardLinks(links, "card link " + links + " (card " + card + "): its MAC does not "
                                + "match under the keys given (the link was rewritten, or written with another key)");
                    }
                    if (!assessments.contains(request)) {
                        return new CardLinks(links, "card link " + links + " (card " + card + "): it names an "
                                + "assessment that is not in the chain");
                    }
                }
            }
            return new CardLinks(links, null);
        } catch (SQLException e) {
            throw new AuditException("cannot read " + names.cards + ": " + PostgresSession.describe(e, names), e);
        }
    }

    private static Verification check(InputStream lines, String headText, PublicKey publicKey, ChainCheck check,
                                       Consumer<Object> goodRecords) throws IOException {
        if (publicKey == null) {
            return AuditVerifier.scan(lines, 0, check, goodRecords).verification();
        }
        if (headText == null) {
            return new Verification(0, 1, "no signed head in the head row (the trail was written without a signing "
                    + "key, or the head was removed)", null);
        }
        AuditHead head;
        try {
            head = AuditHead.parse(headText);
        } catch (IllegalArgumentException e) {
            return new Verification(0, 1, "the head row holds no signed head: " + e.getMessage(), null);
        }
        if (!head.verifies(publicKey)) {
            return AuditVerifier.unsigned(head, publicKey, check);
        }
        return AuditVerifier.verify(lines, "table", head, check, goodRecords);
    }

    private static Verification againstHeadRow(Verification v, long records, String lastHash, AuditTable names) {
        if (v.records() == records && v.lastHash().equals(lastHash)) {
            return v;
        }
        String problem = records > v.records()
                ? "missing: the table ends after record " + v.records() + " but its head row states " + records
                + " records (records were deleted)"
                : "the head row states " + records + " records ending in another hash than the table's (the head "
                + "row of " + names.head + " was changed)";
        return new Verification(v.records(), Math.min(records, v.records()) + 1, problem, v.lastHash());
    }

    /** The records' lines, each followed by a line break, as a file would hold them. */
    private static final class RowLines extends InputStream {
        private final ResultSet rows;
        private final AuditTable names;
        private byte[] current = new byte[0];
        private int at;
        private boolean ended;

        RowLines(ResultSet rows, AuditTable names) {
            this.rows = rows;
            this.names = names;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            while (at == current.length) {
                if (ended || !nextRow()) {
                    return -1;
                }
            }
            int n = Math.min(length, current.length - at);
            System.arraycopy(current, at, bytes, offset, n);
            at += n;
            return n;
        }

        private boolean nextRow() throws IOException {
            try {
                if (!rows.next()) {
                    ended = true;
                    return false;
                }
                byte[] line = rows.getString(2).getBytes(StandardCharsets.UTF_8);
                current = java.util.Arrays.copyOf(line, line.length + 1);
                current[line.length] = '\n';
                at = 0;
                return true;
            } catch (SQLException e) {
                throw new IOException(PostgresSession.describe(e, names), e);
            }
        }
    }
}
