package org.spinecare.advisor.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Card links in memory: bounded, the oldest cards forgotten first (feedback for a forgotten card is refused like an
 * unknown one), and lost on restart.
 */
final class IssuedCards implements CardLinks {
    private final Map<UUID, UUID> cards;

    IssuedCards(int capacity) {
        this.cards = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, UUID> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public synchronized void remember(UUID assessmentRequestId, List<UUID> given) {
        for (UUID card : given) {
            cards.put(card, assessmentRequestId);
        }
    }

    @Override
    public synchronized Optional<UUID> assessmentOf(UUID card) {
        return Optional.ofNullable(cards.get(card));
    }
}
