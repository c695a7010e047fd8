package org.spinecare.advisor.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.spinecare.advisor.Assessment;

/**
 * The answers behind the cards' links (explanation and handout), by their audit record's request id: in memory, at
 * most {@code capacity}, the oldest forgotten first, lost on restart. Nothing that names the patient is kept.
 */
final class KeptAnswers {
    record Kept(Assessment assessment, List<String> notes) {
    }

    private final Map<UUID, Kept> answers;

    KeptAnswers(int capacity) {
        this.answers = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Kept> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void keep(UUID requestId, Assessment assessment, List<String> notes) {
        answers.put(requestId, new Kept(assessment, List.copyOf(notes)));
    }

    synchronized Optional<Kept> get(UUID requestId) {
        return Optional.ofNullable(answers.get(requestId));
    }
}
