package org.spinecare.advisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecare.advisor.audit.AuditKey;
import org.spinecare.advisor.audit.AuditSigningKey;
import org.spinecare.advisor.audit.PostgresServer;

/**
 * Two {@code ./spine serve --audit-db} instances writing one database trail, as replicas behind a load balancer
 * would, then {@code ./spine audit verify-table} on it; and the refusals that keep the instances' keys shared and
 * the password off the command line. Runs against the PostgreSQL server the core tests start (skipped without).
 */
class AuditDatabaseCliTest {
    private static final Pattern URL = Pattern.compile("CDS Hooks service at (http://\\S+)/cds-services");
    private static final Pattern CARD = Pattern.compile("\"uuid\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static PostgresServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() {
        server = PostgresServer.shared();
    }

    private Path secret(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    @Test
    void two_serve_instances_on_one_table_share_feedback_and_leave_one_chain_that_verify_table_holds_to_its_head()
            throws Exception {
        // Given the keys every instance shares, and two instances started on one table
        String table = server.freshTable("served");
        Path key = secret("audit.key", AuditKey.generate().toHex());
        AuditSigningKey signing = AuditSigningKey.generate();
        Path signingKey = secret("audit.signing-key", signing.toPem());
        Path publicKey = Files.writeString(dir.resolve("audit.pub"), signing.publicKeyPem());
        CliRun init = CliRun.of("audit", "init-db", "--audit-db", server.jdbcUrl(), "--audit-db-table", table);
        assertEquals(0, init.exit(), init.err());
        List<Process> instances = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Process instance = new ProcessBuilder(ChildCli.command("serve", "--port", "0", "--audit-db",
                        server.jdbcUrl(), "--audit-db-table", table, "--audit-key-file", key.toString(),
                        "--audit-signing-key-file", signingKey.toString()))
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                instances.add(instance);
                urls.add(serviceUrl(instance));
            }

            // When each answers three CDS Hooks calls, in turn, and feedback on a card of the first reaches the
            // second
            String call = Files.readString(Path.of("docs/examples/cds-hooks-call.json"));
            String firstCard = null;
            for (int n = 0; n < 6; n++) {
                String body = call.replace("d1577c69-dfbe-44ad-ba6d-3e05e953b2ea", UUID.randomUUID().toString());
                HttpResponse<String> response = post(urls.get(n % 2) + "/cds-services/spine-lower-back", body);
                assertEquals(200, response.statusCode(), response.body());
                if (firstCard == null) {
                    Matcher card = CARD.matcher(response.body());
                    assertTrue(card.find(), response.body());
                    firstCard = card.group(1);
                }
            }
            HttpResponse<String> feedback = post(urls.get(1) + "/cds-services/spine-lower-back/feedback",
                    "{\"feedback\":[{\"card\":\"" + firstCard + "\",\"outcome\":\"accepted\","
                            + "\"outcomeTimestamp\":\"2026-11-24T10:00:00Z\"}]}");
            assertEquals(200, feedback.statusCode(), feedback.body());
        } finally {
            for (Process instance : instances) {
                instance.destroy();
                instance.waitFor(30, TimeUnit.SECONDS);
            }
        }

        // Then the table is one chain of six assessments and the feedback under the shared signed head, MACs
        // checked
        CliRun verified = CliRun.of("audit", "verify-table", "--audit-db", server.jdbcUrl(), "--audit-db-table",
                table, "--public-key", publicKey.toString(), "--audit-key-file", key.toString());
        assertEquals(0, verified.exit(), verified.err());
        assertTrue(verified.out().startsWith("OK, 7 records, 7 under the signed head of "), verified.out());
        assertTrue(verified.out().lines().findFirst().orElse("").endsWith("; MACs checked"), verified.out());
        assertTrue(verified.out().contains("\nOK, 6 card links, MACs checked"), verified.out());

        // And records cut from its end are reported by number
        try (Connection c = server.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE " + table + " DISABLE TRIGGER USER");
            s.execute("DELETE FROM " + table + " WHERE seq > 4");
            s.execute("ALTER TABLE " + table + " ENABLE TRIGGER USER");
        }
        CliRun cut = CliRun.of("audit", "verify-table", "--audit-db", server.jdbcUrl(), "--audit-db-table", table,
                "--public-key", publicKey.toString());
        assertEquals(1, cut.exit());
        assertTrue(cut.out().startsWith("record 5: missing: the table ends after record 4 but its signed head"),
                cut.out());
    }

    @Test
    void serve_with_only_the_documented_grants_runs_without_ddl_and_verify_table_finds_a_rewritten_card_link()
            throws Exception {
        // Given tables made by their owner with init-db, and a writer role with exactly the grants of docs/audit.md
        String table = server.freshTable("least");
        assertEquals(0, CliRun.of("audit", "init-db", "--audit-db", server.jdbcUrl(), "--audit-db-table", table)
                .exit());
        String writer = table + "_writer";
        sql("CREATE ROLE " + writer + " LOGIN");
        for (String grant : Files.readAllLines(Path.of("docs/audit.md")).stream()
                .filter(line -> line.startsWith("GRANT ") && line.contains("spine_writer")).toList()) {
            sql(grant.replace("spine_writer", writer).replace("spine_audit", table));
        }
        Path key = secret("audit.key", AuditKey.generate().toHex());
        Path signingKey = secret("audit.signing-key", AuditSigningKey.generate().toPem());

        // When serve runs as that writer and answers two calls, and the link of the first call's card is then
        // rewritten to the second call's assessment
        List<String> cards = new ArrayList<>();
        Process instance = new ProcessBuilder(ChildCli.command("serve", "--port", "0", "--audit-db",
                server.jdbcUrl().replace("user=spine", "user=" + writer), "--audit-db-table", table,
                "--audit-key-file", key.toString(), "--audit-signing-key-file", signingKey.toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String url = serviceUrl(instance);
            String call = Files.readString(Path.of("docs/examples/cds-hooks-call.json"));
            for (int n = 0; n < 2; n++) {
                HttpResponse<String> response = post(url + "/cds-services/spine-lower-back",
                        call.replace("d1577c69-dfbe-44ad-ba6d-3e05e953b2ea", UUID.randomUUID().toString()));
                assertEquals(200, response.statusCode(), response.body());
                Matcher card = CARD.matcher(response.body());
                assertTrue(card.find(), response.body());
                cards.add(card.group(1));
            }
        } finally {
            instance.destroy();
            instance.waitFor(30, TimeUnit.SECONDS);
        }
        CliRun intact = CliRun.of("audit", "verify-table", "--audit-db", server.jdbcUrl(), "--audit-db-table", table,
                "--no-head", "--audit-key-file", key.toString());
        sql("ALTER TABLE " + table + "_cards DISABLE TRIGGER USER");
        sql("UPDATE " + table + "_cards SET request_id = (SELECT request_id FROM " + table + "_cards WHERE card = '"
                + cards.get(1) + "') WHERE card = '" + cards.get(0) + "'");
        CliRun rewritten = CliRun.of("audit", "verify-table", "--audit-db", server.jdbcUrl(), "--audit-db-table",
                table, "--no-head", "--audit-key-file", key.toString());

        // Then the writer's trail verified with its card links, and the rewritten link is named
        assertEquals(0, intact.exit(), intact.out() + intact.err());
        assertTrue(intact.out().contains("OK, 2 card links, MACs checked"), intact.out());
        assertEquals(1, rewritten.exit(), rewritten.out());
        assertTrue(rewritten.out().contains("(card " + cards.get(0) + "): its MAC does not match"), rewritten.out());
    }

    @Test
    void serve_on_tables_not_yet_created_refuses_to_start_naming_init_db() throws Exception {
        // Given a table name without tables
        String table = server.freshTable("uncreated");

        // When serve is started on it
        ChildCli.Result run = ChildCli.run("", "serve", "--port", "0", "--audit-db", server.jdbcUrl(),
                "--audit-db-table", table, "--audit-key-file", secret("k", AuditKey.generate().toHex()).toString(),
                "--audit-signing-key-file", secret("s.pem", AuditSigningKey.generate().toPem()).toString());

        // Then it refuses in one line naming the tables and the command that creates them, and creates nothing
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("the audit table(s) " + table + ", " + table + "_head, " + table
                + "_cards do not exist: create them once, as the role that is to own them, with ./spine audit "
                + "init-db"), run.err());
    }

    private static void sql(String statement) throws java.sql.SQLException {
        try (Connection c = server.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Test
    void serve_on_a_database_refuses_to_start_without_the_shared_keys_naming_the_option() throws Exception {
        // Given no audit key anywhere (the environment of this JVM has none either)
        Path signingKey = secret("s.pem", AuditSigningKey.generate().toPem());

        // When serve is started on a database without the audit key, and without the signing key
        ChildCli.Result noKey = ChildCli.run("", "serve", "--port", "0", "--audit-db", server.jdbcUrl(),
                "--audit-signing-key-file", signingKey.toString());
        ChildCli.Result noSigningKey = ChildCli.run("", "serve", "--port", "0", "--audit-db", server.jdbcUrl(),
                "--audit-key-file", secret("k", AuditKey.generate().toHex()).toString());

        // Then each refuses to start, naming what to give
        assertEquals(1, noKey.exit());
        assertTrue(noKey.err().contains("--audit-db needs the audit key every instance shares: give "
                + "--audit-key-file or $SPINE_AUDIT_KEY"), noKey.err());
        assertEquals(1, noSigningKey.exit());
        assertTrue(noSigningKey.err().contains("give --audit-signing-key-file"), noSigningKey.err());
    }

    @Test
    void a_password_in_the_database_url_is_refused_without_being_repeated() {
        // Given a URL with a password in it
        String url = "jdbc:postgresql://127.0.0.1:1/postgres?user=spine&password=hunter2-secret";

        // When verify-table is given it
        CliRun run = CliRun.of("audit", "verify-table", "--audit-db", url, "--no-head");

        // Then it refuses, pointing to the environment variable, and never prints the password
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("give the database password in $SPINE_AUDIT_DB_PASSWORD, not in the URL"),
                run.err());
        assertFalse(run.err().contains("hunter2") || run.out().contains("hunter2"));
    }

    @Test
    void verify_table_without_a_public_key_says_how_to_give_one_or_to_check_the_chain_alone() {
        // When verify-table is run on a database without --public-key
        CliRun run = CliRun.of("audit", "verify-table", "--audit-db", server.jdbcUrl());

        // Then it names the option and the alternative
        assertEquals(1, run.exit());
        assertEquals("spine: --public-key PEMFILE is required (--no-head checks the chain alone)",
                run.err().strip());
    }

    private static HttpResponse<String> post(String url, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The URL the instance prints once it listens. */
    private static String serviceUrl(Process instance) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(instance.getInputStream(),
                StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            Matcher m = URL.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("serve stopped before it listened (exit " + instance.exitValue() + ")");
    }
}
