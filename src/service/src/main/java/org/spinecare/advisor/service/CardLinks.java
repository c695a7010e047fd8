package org.spinecare.advisor.service;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.spinecare.advisor.audit.AuditKey;

/**
 * Which audited assessment each card answers, so that feedback on a card can be linked to its record in the audit
 * chain. In memory for one instance; in PostgreSQL for several instances behind one address, so that feedback on a
 * card may reach another instance than the one that gave it (docs/cds-hooks.md, Several instances).
 */
public interface CardLinks {
    /** Remembers the cards given for the assessment of {@code assessmentRequestId}, before they are sent. */
    void remember(UUID assessmentRequestId, List<UUID> cards);

    /** The request id of the assessment a card answers, or empty for a card not given (or forgotten). */
    Optional<UUID> assessmentOf(UUID card);

    /** At most {@code capacity} cards, the oldest forgotten first; lost on restart. */
    static CardLinks inMemory(int capacity) {
        return new IssuedCards(capacity);
    }

    /**
     * In the card table {@code table} ({@code AUDIT_TABLE_cards}, made with the audit tables: {@code ./spine audit
     * init-db}) of the database the data source reaches, each link with its MAC under {@code key}, the audit key:
     * every instance writing one audit table uses its card table too.
     */
    static CardLinks database(DataSource dataSource, String table, AuditKey key) {
        return new DatabaseCardLinks(dataSource, table, key);
    }
}
