package org.spinecare.advisor.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.spinecare.advisor.FeedbackEntry;

/**
 * A validated CDS Hooks 2.0 feedback request: what the clinician did with each card. Only codes are kept; the
 * free-text {@code userComment} is dropped, because it could name a patient and the audit trail holds no free text.
 */
record FeedbackRequest(List<Item> items) {
    static final int MAX_ITEMS = 100;

    /** One card's outcome; {@code reason} is null when accepted or when the clinician gave none. */
    record Item(UUID card, boolean accepted, Card.Coding reason, Instant outcomeTime) {
        /** The audit entry for this item, linked to the assessment the card came from. */
        FeedbackEntry toEntry(UUID assessmentRequestId, Instant received) {
            return new FeedbackEntry(assessmentRequestId, null, card,
                    accepted ? FeedbackEntry.Outcome.ACCEPTED : FeedbackEntry.Outcome.OVERRIDDEN,
                    reason == null ? List.of() : List.of(new FeedbackEntry.OverrideReason(reason.system(), reason.code())),
                    outcomeTime, received);
        }
    }

    static FeedbackRequest parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw RequestException.badRequest("$", "the request body must be a JSON object");
        }
        JsonNode feedback = body.get("feedback");
        if (feedback == null || !feedback.isArray() || feedback.isEmpty()) {
            throw RequestException.badRequest("$.feedback", "is required and must be a non-empty array");
        }
        if (feedback.size() > MAX_ITEMS) {
            throw RequestException.badRequest("$.feedback", "holds more than " + MAX_ITEMS + " items");
        }
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < feedback.size(); i++) {
            items.add(item(feedback.get(i), "$.feedback[" + i + "]"));
        }
        return new FeedbackRequest(List.copyOf(items));
    }

    private static Item item(JsonNode node, String path) {
        if (!node.isObject()) {
            throw RequestException.badRequest(path, "must be an object");
        }
        UUID card = uuid(node.get("card"), path + ".card");
        String outcome = text(node.get("outcome"), path + ".outcome").toLowerCase(Locale.ROOT);
        if (!outcome.equals("accepted") && !outcome.equals("overridden")) {
            throw RequestException.badRequest(path + ".outcome", "must be accepted or overridden");
        }
        boolean accepted = outcome.equals("accepted");
        Instant time = instant(node.get("outcomeTimestamp"), path + ".outcomeTimestamp");
        JsonNode override = node.get("overrideReason");
        Card.Coding reason = null;
        if (override != null && !override.isNull()) {
            if (accepted) {
                throw RequestException.badRequest(path + ".overrideReason", "is only for an overridden card");
            }
            JsonNode coding = override.get("reason");
            if (!override.isObject() || coding == null || !coding.isObject()) {
                throw RequestException.badRequest(path + ".overrideReason.reason", "must be a Coding object");
            }
            reason = new Card.Coding(text(coding.get("system"), path + ".overrideReason.reason.system"),
                    text(coding.get("code"), path + ".overrideReason.reason.code"), null);
        }
        return new Item(card, accepted, reason, time);
    }

    private static String text(JsonNode value, String path) {
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw RequestException.badRequest(path, "is required and must be a non-empty string");
        }
        return value.asText();
    }

    private static UUID uuid(JsonNode value, String path) {
        String text = text(value, path);
        try {
            UUID id = UUID.fromString(text);
            if (id.toString().equals(text.toLowerCase(Locale.ROOT))) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw RequestException.badRequest(path, "must be the uuid of a card this service gave");
    }

    private static Instant instant(JsonNode value, String path) {
        String text = text(value, path);
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw RequestException.badRequest(path, "must be an ISO 8601 date-time with an offset");
        }
    }
}
