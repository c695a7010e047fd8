package org.spinecare.advisor.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Which audited assessment each card this service gave answers, so that feedback can be linked to its record.
 * Bounded: the oldest cards are forgotten first, and feedback for a forgotten card is refused like an unknown one.
 * Held in memory only, so feedback on cards given before a restart is refused too.
 */
final class IssuedCards {
    /** A card this service gave: the assessment it came from and the override reasons it offered. */
    record Issued(UUID assessmentRequestId, List<Card.Coding> overrideReasons) {
    }

    private final Map<UUID, Issued> cards;

    IssuedCards(int capacity) {
        this.cards = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Issued> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void remember(UUID assessmentRequestId, List<Card> given) {
        for (Card card : given) {
            cards.put(UUID.fromString(card.uuid()), new Issued(assessmentRequestId, card.overrideReasons()));
        }
    }

    synchronized Optional<Issued> find(UUID card) {
        return Optional.ofNullable(cards.get(card));
    }
}
