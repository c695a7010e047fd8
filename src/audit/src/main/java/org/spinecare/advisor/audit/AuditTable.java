package org.spinecare.advisor.audit;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The PostgreSQL tables of a database audit trail (docs/audit.md, Database trail), named after one base name:
 * {@code NAME} holds the records, one row per record with its line exactly as the file trail writes it, and
 * {@code NAME_head} holds the one row every writer locks to append: the chain's length, its last hash and the
 * signed head over both, changed in the same transaction as the records it covers.
 */
final class AuditTable {
    // A plain lowercase identifier, optionally schema-qualified: it is put into SQL text, so nothing else.
    private static final Pattern NAME = Pattern.compile("([a-z_][a-z0-9_]{0,40}\\.)?[a-z_][a-z0-9_]{0,40}");

    final String records;
    final String head;
    final String cards;
    private final String guard;

    AuditTable(String name) {
        Objects.requireNonNull(name, "table");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("the audit table name must be a lowercase SQL identifier (letters, "
                    + "digits, _; optionally schema.name), not " + name);
        }
        this.records = name;
        this.head = name + "_head";
        this.guard = name + "_append_only";
        this.cards = name + "_cards";
    }

    /**
     * The statements that create the tables when they are missing. The trigger refuses UPDATE, DELETE and TRUNCATE
     * of records for everyone, the owner included, until it is dropped: verification finds such changes anyway, but
     * an operator's mistake should fail, not be found later. {@code NAME_cards} links each card the CDS Hooks
     * service gave to the assessment it answers, each link with its MAC ({@link AuditKey#cardLinkMac}), append-only
     * too.
     */
    String schema() {
        return """
                CREATE TABLE IF NOT EXISTS %1$s (
                    seq  BIGINT PRIMARY KEY CHECK (seq > 0),
                    line TEXT NOT NULL
                );
                CREATE TABLE IF NOT EXISTS %2$s (
                    id        SMALLINT PRIMARY KEY CHECK (id = 1),
                    records   BIGINT NOT NULL CHECK (records >= 0),
                    last_hash CHAR(64) NOT NULL,
                    head      TEXT
                );
                INSERT INTO %2$s (id, records, last_hash) VALUES (1, 0, '%4$s') ON CONFLICT (id) DO NOTHING;
                CREATE OR REPLACE FUNCTION %3$s() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'the audit table %% is append-only (%% refused)', TG_TABLE_NAME, TG_OP;
                END $$;
                CREATE OR REPLACE TRIGGER %3$s BEFORE UPDATE OR DELETE ON %1$s
                    FOR EACH ROW EXECUTE FUNCTION %3$s();
                CREATE OR REPLACE TRIGGER %3$s_truncate BEFORE TRUNCATE ON %1$s
                    FOR EACH STATEMENT EXECUTE FUNCTION %3$s();
                CREATE TABLE IF NOT EXISTS %5$s (
                    card       UUID PRIMARY KEY,
                    request_id UUID NOT NULL,
                    issued     TIMESTAMPTZ NOT NULL DEFAULT now(),
                    mac        CHAR(64) NOT NULL
                );
                CREATE OR REPLACE TRIGGER %5$s_append_only BEFORE UPDATE OR DELETE ON %5$s
                    FOR EACH ROW EXECUTE FUNCTION %3$s();
                CREATE OR REPLACE TRIGGER %5$s_append_only_truncate BEFORE TRUNCATE ON %5$s
                    FOR EACH STATEMENT EXECUTE FUNCTION %3$s();
                """.formatted(records, head, guard, Digests.GENESIS, cards);
    }

    /** Serialises the schema's creation between writers opening at once (IF NOT EXISTS alone can race). */
    String schemaLock() {
        return "SELECT pg_advisory_xact_lock(hashtext('" + records + "'))";
    }

    /** Which of the tables do not exist, in one row of three booleans: records, head, cards. */
    String missing() {
        return "SELECT to_regclass('" + records + "') IS NULL, to_regclass('" + head + "') IS NULL, to_regclass('"
                + cards + "') IS NULL";
    }

    /** Whether both tables exist: then opening runs no DDL, which would wait for writers' transactions. */
    String exists() {
        return "SELECT to_regclass('" + records + "') IS NOT NULL AND to_regclass('" + head + "') IS NOT NULL";
    }

    String lockHead() {
        return "SELECT records, last_hash, head FROM " + head + " WHERE id = 1 FOR UPDATE";
    }

    String readHead() {
        return "SELECT records, last_hash, head FROM " + head + " WHERE id = 1";
    }

    String linesAfter() {
        return "SELECT seq, line FROM " + records + " WHERE seq > ? ORDER BY seq";
    }

    String insert() {
        return "INSERT INTO " + records + " (seq, line) VALUES (?, ?)";
    }

    String updateHead() {
        return "UPDATE " + head + " SET records = ?, last_hash = ?, head = ? WHERE id = 1";
    }

    @Override
    public String toString() {
        return "the audit table " + records;
    }
}
