package org.spinecare.advisor.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecare.advisor.AuditEntry;
import org.spinecare.advisor.audit.AuditVerifier.Verification;

/** The database trail against a real PostgreSQL server on loopback (skipped, saying why, without one). */
class PostgresAuditTrailTest {
    private static PostgresServer server;
    // Set before any test of any class runs (PostgresServer.shared() is one server per JVM).
    private static DataSource db;

    @TempDir
    Path directory;

    @BeforeAll
    static void startServer() {
        server = PostgresServer.shared();
        db = server.dataSource();
    }

    /** The shared helpers below serve the other database trail tests too, which may run first. */
    private static DataSource db() {
        if (db == null) {
            db = PostgresServer.shared().dataSource();
        }
        return db;
    }

    static PostgresAuditTrail open(String table) {
        return PostgresAuditTrail.builder(db(), AuditFixtures.KEY).table(table).signer(AuditFixtures.SIGNER).open();
    }

    static List<String> lines(String table) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection c = db().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT line FROM " + table + " ORDER BY seq")) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        return lines;
    }

    static Verification verify(String table) {
        return AuditTableVerifier.verify(db(), table, AuditFixtures.SIGNER.publicKey(), List.of(AuditFixtures.KEY));
    }

    static void sql(String statement) throws SQLException {
        try (Connection c = db().getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Test
    void the_table_holds_byte_for_byte_the_lines_the_file_trail_writes_for_the_same_assessments_and_feedback()
            throws Exception {
        // Given the same assessments, and feedback on two of them, for a file trail and a database trail
        String table = server.freshTable("same");
        Path file = directory.resolve("same.jsonl");
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            entries.add(AuditFixtures.entry(i % 3 == 0 ? null : "patient-" + i, i));
        }
        // When both record them in the same order
        try (JsonLinesAuditTrail fileTrail = JsonLinesAuditTrail.open(file, AuditFixtures.KEY, AuditFixtures.SIGNER,
                w -> { }, h -> { }); PostgresAuditTrail dbTrail = open(table)) {
            for (AuditEntry entry : entries) {
                fileTrail.record(entry);
                dbTrail.record(entry);
            }
            for (int i : new int[] {4, 9}) {
                var feedback = FeedbackRecordTest.overridden(entries.get(i).requestId());
                fileTrail.recordFeedback(feedback);
                dbTrail.recordFeedback(feedback);
            }
        }

        // Then the rows are the file's lines, and both verify, MACs and signed head included
        assertEquals(Files.readAllLines(file), lines(table));
        Verification v = verify(table);
        assertTrue(v.message().startsWith("OK, 14 records, 14 under the signed head of "), v.message());
        assertTrue(v.message().endsWith("; MACs checked"), v.message());
        assertEquals(AuditFixtures.head(file).lastHash(), v.head().lastHash());
    }

    @Test
    void a_writer_opened_again_continues_the_chain_and_refuses_feedback_on_an_assessment_the_table_lacks() {
        // Given a table with three records, closed
        String table = server.freshTable("reopen");
        try (PostgresAuditTrail trail = open(table)) {
            for (int i = 0; i < 3; i++) {
                trail.record(AuditFixtures.entry("p" + i, i));
            }
        }

        // When it is opened again, appended to, and given feedback on an unknown request
        try (PostgresAuditTrail trail = open(table)) {
            assertEquals(3, trail.size());
            trail.record(AuditFixtures.entry("p3", 3));
            UnknownAssessmentException refused = assertThrows(UnknownAssessmentException.class,
                    () -> trail.recordFeedback(FeedbackRecordTest.overridden(UUID.randomUUID())));

            // Then the chain goes on, the feedback is refused by name, and the writer still works
            assertTrue(refused.getMessage().contains("in the audit table " + table), refused.getMessage());
            trail.record(AuditFixtures.entry("p4", 4));
        }
        assertTrue(verify(table).message().startsWith("OK, 5 records, 5 under the signed head"));
    }

    @Test
    void records_cannot_be_changed_or_deleted_through_sql_while_the_append_only_trigger_stands() throws Exception {
        // Given a table with two records
        String table = server.freshTable("guard");
        try (PostgresAuditTrail trail = open(table)) {
            trail.record(AuditFixtures.entry("a", 1));
            trail.record(AuditFixtures.entry("b", 2));
        }

        // When someone updates, deletes or truncates records
        for (String change : List.of("UPDATE " + table + " SET line = 'x' WHERE seq = 1",
                "DELETE FROM " + table + " WHERE seq = 2", "TRUNCATE " + table)) {
            SQLException refused = assertThrows(SQLException.class, () -> sql(change));

            // Then the database refuses it, naming the table
            assertTrue(refused.getMessage().contains("the audit table " + table + " is append-only"),
                    refused.getMessage());
        }
        assertEquals(2, lines(table).size());
    }

    @Test
    void a_writer_whose_database_session_is_killed_fails_that_record_and_the_next_record_reconnects()
            throws Exception {
        // Given an open writer with one record
        String table = server.freshTable("killed");
        try (PostgresAuditTrail trail = open(table)) {
            trail.record(AuditFixtures.entry("a", 1));

            // When the database ends its session (a restart, a failover, an administrator)
            sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'spine-audit pid "
                    + ProcessHandle.current().pid() + "' AND pid <> pg_backend_pid()");
            AuditException failed = assertThrows(AuditException.class,
                    () -> trail.record(AuditFixtures.entry("b", 2)));

            // Then that record fails and says nothing was recorded; the next one reconnects and continues the chain
            assertTrue(failed.getMessage().contains("nothing was recorded"), failed.getMessage());
            trail.record(AuditFixtures.entry("c", 3));
        }
        assertEquals(2, lines(table).size());
        assertTrue(verify(table).ok(), verify(table).message());
    }

    @Test
    void a_writer_waiting_longer_than_its_lock_wait_for_a_stopped_writer_fails_clearly_and_recovers_after()
            throws Exception {
        // Given a table whose head row another session holds locked (a writer stopped mid-transaction)
        String table = server.freshTable("locked");
        try (PostgresAuditTrail trail = PostgresAuditTrail.builder(db, AuditFixtures.KEY).table(table)
                .lockWait(Duration.ofMillis(300)).open()) {
            try (Connection holder = db.getConnection()) {
                holder.setAutoCommit(false);
                try (Statement s = holder.createStatement()) {
                    s.executeQuery("SELECT * FROM " + table + "_head WHERE id = 1 FOR UPDATE").close();
                }

                // When a record is made
                AuditException failed = assertThrows(AuditException.class,
                        () -> trail.record(AuditFixtures.entry("a", 1)));

                // Then it fails after the wait, saying who to look for, and nothing is recorded
                assertTrue(failed.getMessage().contains("held its head row for more than 300 ms"),
                        failed.getMessage());
                holder.rollback();
            }
            // And once the holder is gone, records go in again
            trail.record(AuditFixtures.entry("b", 2));
        }
        assertEquals(1, lines(table).size());
    }

    @Test
    void a_writer_opens_and_checks_the_table_while_another_writer_holds_the_head_row() throws Exception {
        // Given a table with records, and another session in the middle of an append (holding the head row)
        String table = server.freshTable("busy");
        try (PostgresAuditTrail trail = open(table)) {
            trail.record(AuditFixtures.entry("a", 1));
        }
        try (Connection holder = db().getConnection()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.executeQuery("SELECT * FROM " + table + "_head WHERE id = 1 FOR UPDATE").close();
            }

            // When a new writer opens it, with a lock wait far shorter than the holder's transaction
            try (PostgresAuditTrail trail = PostgresAuditTrail.builder(db(), AuditFixtures.KEY).table(table)
                    .signer(AuditFixtures.SIGNER).lockWait(Duration.ofMillis(200)).open()) {

                // Then opening read the whole table from a snapshot without waiting for the lock
                assertEquals(1, trail.size());
            } finally {
                holder.rollback();
            }
        }
    }

    @Test
    void without_create_tables_a_missing_table_is_one_clear_error_naming_it() {
        // Given a table name that does not exist, and a writer that may not create tables
        String table = server.freshTable("absent");

        // When it is opened
        AuditException refused = assertThrows(AuditException.class, () -> PostgresAuditTrail.builder(db,
                AuditFixtures.KEY).table(table).createTables(false).open());

        // Then the message names the table and says how to create it
        assertTrue(refused.getMessage().startsWith("cannot open the audit table " + table + ": " + table + ", "
                + table + "_head or " + table + "_cards does not exist (create them as their owner with ./spine audit "
                + "init-db"), refused.getMessage());
    }

    @Test
    void a_table_name_that_is_not_a_plain_identifier_is_refused_before_any_sql() {
        // Given names that would be SQL, not a name
        for (String name : List.of("x; DROP TABLE y", "Audit", "a.b.c", "")) {
            // When a trail is asked to use them, Then it refuses by name
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> PostgresAuditTrail.builder(db, AuditFixtures.KEY).table(name));
            assertTrue(refused.getMessage().startsWith("the audit table name must be"), refused.getMessage());
        }
    }

    @Test
    void a_trail_written_without_a_signing_key_verifies_as_a_chain_but_not_against_a_public_key() {
        // Given a table written without a signer
        String table = server.freshTable("unsigned");
        try (PostgresAuditTrail trail = PostgresAuditTrail.builder(db, AuditFixtures.KEY).table(table).open()) {
            trail.record(AuditFixtures.entry("a", 1));
        }

        // When it is verified with and without the public key
        Verification chainOnly = AuditTableVerifier.verify(db, table, null, List.of(AuditFixtures.KEY));
        Verification headed = verify(table);

        // Then the chain is fine, and the missing head is reported rather than passed over
        assertEquals("OK, 1 record; MACs checked", chainOnly.message());
        assertNull(chainOnly.head());
        assertEquals("record 1: no signed head in the head row (the trail was written without a signing key, or "
                + "the head was removed)", headed.message());
    }
}
