package org.spinecare.advisor.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** What docs/audit.md tells a database administrator is what the code does, and is enough. */
class PostgresGrantsTest {
    private static final Path DOC = Path.of("docs/audit.md");

    @Test
    void the_schema_in_the_documentation_is_the_one_the_trail_creates() throws IOException {
        // Given the statements a trail runs for the default table
        String schema = new AuditTable("spine_audit").schema().strip();

        // When the documentation is read, Then it shows them verbatim
        assertTrue(Files.readString(DOC).contains(schema), "docs/audit.md does not show the schema:\n" + schema);
    }

    @Test
    void a_writer_with_only_the_documented_grants_can_record_and_give_feedback_but_not_change_records()
            throws Exception {
        // Given tables made by their owner, and a writer role and an auditor role with exactly the grants of
        // docs/audit.md
        PostgresServer server = PostgresServer.shared();
        String table = server.freshTable("granted");
        PostgresAuditTrailTest.open(table).close();
        String writer = table + "_writer";
        String auditor = table + "_auditor";
        List<String> grants = Files.readAllLines(DOC).stream().filter(line -> line.startsWith("GRANT "))
                .map(line -> line.replace("spine_auditor", auditor).replace("spine_writer", writer)
                        .replace("spine_audit", table))
                .toList();
        assertEquals(4, grants.size(), "the grants in docs/audit.md");
        PostgresAuditTrailTest.sql("CREATE ROLE " + writer + " LOGIN");
        PostgresAuditTrailTest.sql("CREATE ROLE " + auditor + " LOGIN");
        for (String grant : grants) {
            PostgresAuditTrailTest.sql(grant);
        }

        // When the writer records an assessment and feedback on it without creating tables
        var entry = AuditFixtures.entry("p", 1);
        try (PostgresAuditTrail trail = PostgresAuditTrail.builder(as(server, writer), AuditFixtures.KEY)
                .table(table).signer(AuditFixtures.SIGNER).createTables(false).open()) {
            trail.record(entry);
            trail.recordFeedback(FeedbackRecordTest.overridden(entry.requestId()));
        }

        // Then both are in the chain, the auditor can verify it, and neither role can change a record
        var v = AuditTableVerifier.verify(as(server, auditor), table, AuditFixtures.SIGNER.publicKey(),
                List.of(AuditFixtures.KEY));
        assertTrue(v.message().startsWith("OK, 2 records, 2 under the signed head"), v.message());
        for (String role : List.of(writer, auditor)) {
            SQLException refused = assertThrows(SQLException.class, () -> {
                try (Connection c = as(server, role).getConnection(); Statement s = c.createStatement()) {
                    s.execute("DELETE FROM " + table);
                }
            });
            assertTrue(refused.getMessage().contains("permission denied"), refused.getMessage());
        }
        SQLException auditorWrites = assertThrows(SQLException.class, () -> {
            try (Connection c = as(server, auditor).getConnection(); Statement s = c.createStatement()) {
                s.execute("UPDATE " + table + "_head SET records = 0");
            }
        });
        assertFalse(auditorWrites.getMessage().isEmpty());
    }

    @Test
    void a_card_link_rewritten_to_another_assessment_is_found_by_its_mac_and_the_table_refuses_the_rewrite()
            throws Exception {
        // Given tables made by init-db's statements, two assessments and a card linked to the first, with its MAC
        PostgresServer server = PostgresServer.shared();
        String table = server.freshTable("linked");
        PostgresAuditTrail.createTables(server.dataSource(), table);
        assertEquals(List.of(), PostgresAuditTrail.missingTables(server.dataSource(), table));
        var first = AuditFixtures.entry("p-1", 1);
        var second = AuditFixtures.entry("p-2", 2);
        try (PostgresAuditTrail trail = PostgresAuditTrail.builder(server.dataSource(), AuditFixtures.KEY)
                .table(table).createTables(false).open()) {
            trail.record(first);
            trail.record(second);
        }
        java.util.UUID card = java.util.UUID.randomUUID();
        PostgresAuditTrailTest.sql("INSERT INTO " + table + "_cards (card, request_id, mac) VALUES ('" + card + "', '"
                + first.requestId() + "', '" + AuditFixtures.KEY.cardLinkMac(card, first.requestId()) + "')");
        java.util.Set<java.util.UUID> assessments = java.util.Set.of(first.requestId(), second.requestId());
        assertTrue(AuditTableVerifier.verifyCardLinks(server.dataSource(), table, List.of(AuditFixtures.KEY),
                assessments).ok());

        // When someone rewrites the link to the other patient's assessment: the trigger refuses, and with the
        // trigger dropped the rewrite goes through
        SQLException refused = assertThrows(SQLException.class, () -> PostgresAuditTrailTest.sql("UPDATE " + table
                + "_cards SET request_id = '" + second.requestId() + "'"));
        assertTrue(refused.getMessage().contains("the audit table " + table + "_cards is append-only"),
                refused.getMessage());
        PostgresAuditTrailTest.sql("ALTER TABLE " + table + "_cards DISABLE TRIGGER USER");
        PostgresAuditTrailTest.sql("UPDATE " + table + "_cards SET request_id = '" + second.requestId() + "'");

        // Then verification names the link
        AuditTableVerifier.CardLinks links = AuditTableVerifier.verifyCardLinks(server.dataSource(), table,
                List.of(AuditFixtures.KEY), assessments);
        assertEquals("card link 1 (card " + card + "): its MAC does not match under the keys given (the link was "
                + "rewritten, or written with another key)", links.problem());
    }

    @Test
    void tables_missing_are_named_and_a_trail_that_may_not_create_them_runs_no_ddl() throws Exception {
        // Given no tables for a name
        PostgresServer server = PostgresServer.shared();
        String table = server.freshTable("absent");

        // When asked which are missing, and a writer opens without creating them
        List<String> missing = PostgresAuditTrail.missingTables(server.dataSource(), table);
        AuditException e = assertThrows(AuditException.class, () -> PostgresAuditTrail.builder(server.dataSource(),
                AuditFixtures.KEY).table(table).createTables(false).open());

        // Then all three are named, the open fails, and still none exists
        assertEquals(List.of(table, table + "_head", table + "_cards"), missing);
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertEquals(missing, PostgresAuditTrail.missingTables(server.dataSource(), table));
    }

    private static PGSimpleDataSource as(PostgresServer server, String role) {
        PGSimpleDataSource source = (PGSimpleDataSource) server.dataSource();
        source.setUser(role);
        return source;
    }
}
