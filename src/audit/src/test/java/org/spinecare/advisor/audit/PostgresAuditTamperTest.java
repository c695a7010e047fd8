package org.spinecare.advisor.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spinecare.advisor.audit.AuditVerifier.Verification;

/**
 * What an attacker with SQL access (or an unlucky operator) can do to the table, each found by the verifier with
 * the record's number, and refused by a writer opening the table. The append-only trigger is dropped for the
 * attack first, as the table's owner could.
 */
class PostgresAuditTamperTest {
    private static final int RECORDS = 5;
    private static PostgresServer server;
    private static DataSource db;

    @BeforeAll
    static void startServer() {
        server = PostgresServer.shared();
        db = server.dataSource();
    }

    /** A fresh table of five signed records. */
    private static String trail(String prefix) {
        String table = server.freshTable(prefix);
        try (PostgresAuditTrail trail = PostgresAuditTrailTest.open(table)) {
            for (int i = 0; i < RECORDS; i++) {
                trail.record(AuditFixtures.entry("patient-" + i, i));
            }
        }
        return table;
    }

    private static void tamper(String table, String... statements) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE " + table + " DISABLE TRIGGER USER");
            for (String statement : statements) {
                s.execute(statement);
            }
            s.execute("ALTER TABLE " + table + " ENABLE TRIGGER USER");
        }
    }

    private static String refusedOpening(String table) {
        return assertThrows(AuditException.class, () -> PostgresAuditTrailTest.open(table)).getMessage();
    }

    @Test
    void a_changed_record_is_reported_by_number_and_no_writer_appends_after_it() throws SQLException {
        // Given a trail whose third record's triage is changed in place
        String table = trail("changed");
        tamper(table, "UPDATE " + table + " SET line = replace(line, '\"triage\":\"ROUTINE\"', "
                + "'\"triage\":\"SELF_CARE\"') WHERE seq = 3");

        // When it is verified and opened
        Verification v = PostgresAuditTrailTest.verify(table);

        // Then record 3 is named, and opening refuses the table
        assertEquals("record 3: its hash does not match its content (the record was changed after it was written)",
                v.message());
        assertTrue(refusedOpening(table).contains("is damaged at record 3"));
    }

    @Test
    void records_cut_from_the_end_are_reported_against_the_signed_head_and_against_the_head_row() throws SQLException {
        // Given a trail whose last two records were deleted
        String table = trail("cut");
        tamper(table, "DELETE FROM " + table + " WHERE seq > 3");

        // When it is verified with the public key, and without (a trail written without a signing key)
        Verification signed = PostgresAuditTrailTest.verify(table);
        Verification unsigned = AuditTableVerifier.verify(db, table, null, List.of(AuditFixtures.KEY));

        // Then both name record 4 as the first one missing, and opening refuses the table
        assertTrue(signed.message().startsWith("record 4: missing: the table ends after record 3 but its signed "
                + "head of "), signed.message());
        assertTrue(signed.message().endsWith(" covers 5 records (records were cut from the end)"), signed.message());
        assertEquals("record 4: missing: the table ends after record 3 but its head row states 5 records (records "
                + "were deleted)", unsigned.message());
        assertTrue(refusedOpening(table).contains("holds 3 records but its head row states 5: records were deleted"));
    }

    @Test
    void a_cut_with_the_head_row_counts_lowered_is_still_found_by_the_signed_head() throws SQLException {
        // Given records 4 and 5 deleted, and the head row's plain columns set back to record 3
        String table = trail("cutcovered");
        tamper(table, "DELETE FROM " + table + " WHERE seq > 3", "UPDATE " + table + "_head SET records = 3, "
                + "last_hash = (SELECT substring(line from '\"hash\":\"([0-9a-f]{64})\"') FROM " + table
                + " WHERE seq = 3)");

        // When it is verified
        Verification v = PostgresAuditTrailTest.verify(table);

        // Then the head, which cannot be re-signed without the key, still shows the cut
        assertTrue(v.message().startsWith("record 4: missing: the table ends after record 3"), v.message());
        assertTrue(refusedOpening(table).contains("covers 5 records, but the head row states 3"));
    }

    @Test
    void a_table_rewritten_into_a_new_consistent_chain_under_other_keys_is_reported() throws SQLException {
        // Given the table replaced by a chain an attacker made with an audit key and a signing key of their own
        String table = trail("rewritten");
        String forged = server.freshTable("forged");
        AuditSigningKey attackerSigner = AuditSigningKey.generate();
        try (PostgresAuditTrail trail = PostgresAuditTrail.builder(db, AuditKey.generate()).table(forged)
                .signer(attackerSigner).open()) {
            for (int i = 0; i < RECORDS; i++) {
                trail.record(AuditFixtures.entry("patient-" + i, i));
            }
        }
        tamper(table, "DELETE FROM " + table, "INSERT INTO " + table + " SELECT * FROM " + forged);

        // When it is verified while the genuine head is still in the head row
        Verification keptHead = PostgresAuditTrailTest.verify(table);

        // Then the records do not match the head (or, with keys, their MACs)
        assertTrue(keptHead.message().startsWith("record 1: it was made with key id "), keptHead.message());
        Verification chainAgainstHead = AuditTableVerifier.verify(db, table, AuditFixtures.SIGNER.publicKey(),
                List.of());
        assertEquals("record 5: its hash is not the one its signed head of " + head(table).time()
                + " states for it (the table was rewritten after the head was signed)", chainAgainstHead.message());

        // And when the attacker also puts their own head in, it does not verify under the genuine public key
        tamper(table, "UPDATE " + table + "_head SET (records, last_hash, head) = (SELECT records, last_hash, head "
                + "FROM " + forged + "_head)");
        assertEquals("record 5: the signed head for record 5 does not verify under the public key with id "
                + AuditFixtures.SIGNER.id() + " (the head was replaced or altered, or this is not the trail's key)",
                AuditTableVerifier.verify(db, table, AuditFixtures.SIGNER.publicKey(), List.of()).message());
        assertTrue(refusedOpening(table).contains("was not signed by this trail's signing key"));
    }

    @Test
    void reordered_records_are_reported_at_the_first_one_out_of_place() throws SQLException {
        // Given records 2 and 3 swapped by their sequence numbers
        String table = trail("reordered");
        tamper(table, "UPDATE " + table + " SET seq = seq + 1000 WHERE seq IN (2, 3)",
                "UPDATE " + table + " SET seq = CASE seq WHEN 1002 THEN 3 ELSE 2 END WHERE seq > 1000");

        // When it is verified, Then record 2 is the first out of place
        assertEquals("record 2: its sequence number is 3, expected 2 (records were deleted, inserted or reordered)",
                PostgresAuditTrailTest.verify(table).message());
    }

    @Test
    void a_single_changed_byte_anywhere_in_a_record_is_found() throws SQLException {
        // Given a trail, and every seventh byte position of its second record in turn: every field is hit, and the
        // verifier is the file's, which AuditTamperTest holds to every position of a file
        String table = trail("bytes");
        String line = PostgresAuditTrailTest.lines(table).get(1);
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE " + table + " DISABLE TRIGGER USER");
        }
        try (Connection c = db.getConnection();
             PreparedStatement update = c.prepareStatement("UPDATE " + table + " SET line = ? WHERE seq = 2")) {
            for (int at = 0; at < line.length(); at += 7) {
                // When that one character is changed (to another printable one)
                char changed = line.charAt(at) == 'a' ? 'b' : 'a';
                update.setString(1, line.substring(0, at) + changed + line.substring(at + 1));
                update.executeUpdate();

                // Then verification stops at record 2
                Verification v = PostgresAuditTrailTest.verify(table);
                assertEquals(2, v.badRecord(), "a change at " + at + " went unnoticed: " + v.message());
            }
        }
    }

    private static AuditHead head(String table) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT head FROM " + table + "_head")) {
            rs.next();
            return AuditHead.parse(rs.getString(1));
        }
    }
}
