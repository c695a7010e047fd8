package org.spinecare.advisor.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spinecare.advisor.audit.AuditVerifier.Verification;

/** The database trail with a head every N records or T milliseconds (docs/audit.md, Signed heads, "How often"). */
class PostgresHeadPolicyTest {
    private static PostgresServer server;
    private static DataSource db;

    @BeforeAll
    static void startServer() {
        server = PostgresServer.shared();
        db = server.dataSource();
    }

    private static PostgresAuditTrail open(String table, HeadPolicy policy, List<AuditHead> copies) {
        return PostgresAuditTrail.builder(db, AuditFixtures.KEY).table(table).signer(AuditFixtures.SIGNER)
                .headPolicy(policy).headCopies(copies::add).open();
    }

    /** The signed head in the head row, or null. */
    private static AuditHead head(String table) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT head FROM " + table + "_head")) {
            rs.next();
            return rs.getString(1) == null ? null : AuditHead.parse(rs.getString(1));
        }
    }

    private static long headRecords(String table) throws SQLException {
        AuditHead head = head(table);
        return head == null ? 0 : head.records();
    }

    @Test
    void a_head_every_three_records_is_kept_in_the_head_row_and_other_writers_accept_records_past_it()
            throws SQLException {
        // Given a writer that signs every 3 records (or after an hour)
        String table = server.freshTable("policy");
        List<AuditHead> copies = new ArrayList<>();
        List<Long> headAfterEach = new ArrayList<>();
        try (PostgresAuditTrail first = open(table, new HeadPolicy(3, Duration.ofHours(1)), copies)) {
            // When it makes five records
            for (int i = 0; i < 5; i++) {
                first.record(AuditFixtures.entry("patient-" + i, i));
                headAfterEach.add(headRecords(table));
            }
            // Then the head row's signed head covers the first three only, and the table verifies past it
            assertEquals(List.of(0L, 0L, 3L, 3L, 3L), headAfterEach);
            Verification v = PostgresAuditTrailTest.verify(table);
            assertTrue(v.message().startsWith("OK, 5 records, 3 under the signed head of "), v.message());
            // And a second writer, signing in every transaction, opens it and goes on from record 5
            try (PostgresAuditTrail second = open(table, HeadPolicy.EVERY_COMMIT, new ArrayList<>())) {
                second.record(AuditFixtures.entry("patient-5", 5));
            }
            assertEquals(6, headRecords(table));
            // And the first writer checks that head and goes on after it without signing (one record past it)
            first.record(AuditFixtures.entry("patient-6", 6));
            assertEquals(6, headRecords(table));
        }
        // And closing signed a head over all seven
        assertEquals(List.of(3L, 7L), copies.stream().map(AuditHead::records).toList());
        assertEquals(7, headRecords(table));
        assertTrue(PostgresAuditTrailTest.verify(table).ok());
    }

    @Test
    void a_head_is_signed_by_the_timer_within_its_time_when_no_further_record_comes()
            throws SQLException, InterruptedException {
        // Given a writer signing every 1,000 records or 300 ms, with one record made
        String table = server.freshTable("timer");
        try (PostgresAuditTrail trail = open(table, HeadPolicy.every(1000, 300), new ArrayList<>())) {
            long start = System.nanoTime();
            trail.record(AuditFixtures.entry("patient-1", 1));
            // Then it is committed before any head covers it
            assertNull(head(table));
            // And a head covers it within its time (plus a loaded machine's slack), with no other record made
            while (headRecords(table) == 0 && System.nanoTime() - start < Duration.ofSeconds(20).toNanos()) {
                Thread.sleep(20);
            }
            assertEquals(1, headRecords(table));
            assertTrue(System.nanoTime() - start >= Duration.ofMillis(300).toNanos(), "signed before its time");
        }
    }

    @Test
    void a_consistent_rewrite_under_the_audit_key_is_found_at_the_record_the_older_head_covers() throws SQLException {
        // Given a trail whose head covers 3 of its 5 records, and a chain of 5 other records made with the same
        // audit key but without the signing key (an attacker holding the writer's audit key only)
        String table = server.freshTable("window");
        String forged = server.freshTable("forged");
        try (PostgresAuditTrail trail = open(table, new HeadPolicy(3, Duration.ofHours(1)), new ArrayList<>())) {
            for (int i = 0; i < 5; i++) {
                trail.record(AuditFixtures.entry("patient-" + i, i));
            }
            AuditHead genuine = head(table);
            try (PostgresAuditTrail other = PostgresAuditTrail.builder(db, AuditFixtures.KEY).table(forged).open()) {
                for (int i = 0; i < 5; i++) {
                    other.record(AuditFixtures.entry("other-" + i, i));
                }
            }
            // When the records and the head row's plain columns are replaced, keeping the genuine signed head
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                s.execute("ALTER TABLE " + table + " DISABLE TRIGGER USER");
                s.execute("DELETE FROM " + table);
                s.execute("INSERT INTO " + table + " SELECT * FROM " + forged);
                s.execute("UPDATE " + table + "_head SET (records, last_hash) = (SELECT records, last_hash FROM "
                        + forged + "_head)");
                s.execute("ALTER TABLE " + table + " ENABLE TRIGGER USER");
            }
            assertEquals(genuine, head(table));
        }
        // Then the verifier names record 3, the last the head covers
        Verification v = AuditTableVerifier.verify(db, table, AuditFixtures.SIGNER.publicKey(), List.of());
        assertTrue(v.message().startsWith("record 3: its hash is not the one its signed head of "), v.message());
        // And a writer opening it refuses it
        AuditException e = assertThrows(AuditException.class,
                () -> open(table, HeadPolicy.EVERY_COMMIT, new ArrayList<>()));
        assertTrue(e.getMessage().contains("states another hash for record 3"), e.getMessage());
    }
}
