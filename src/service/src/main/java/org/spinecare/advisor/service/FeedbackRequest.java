package org.spinecare.advisor.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.spinecare.advisor.FeedbackEntry;

/**
 * A validated CDS Hooks 2.0 feedback request: what the clinician did with each card. Only codes are kept; the
 * free-text {@code userComment} is dropped, because it could name a patient and the audit trail holds no free text.
 * Every shape the specification allows is accepted: an override with a comment only (no reason), a reason from a
 * code system the EHR added itself, any RFC 3339 timestamp up to {@link #CLOCK_SKEW} ahead of this service's clock.
 */
record FeedbackRequest(List<Item> items) {
    static final int MAX_ITEMS = 100;
    /** How far an EHR's clock may run ahead of this service's before its outcomeTimestamp is refused. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral('T').append(DateTimeFormatter.ISO_LOCAL_TIME)
            .appendOffsetId().toFormatter(Locale.ROOT);

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

    /** Parses and checks the whole request; {@code now} bounds the outcome timestamps. */
    static FeedbackRequest parse(JsonNode body, Instant now) {
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
            items.add(item(feedback.get(i), "$.feedback[" + i + "]", now));
        }
        return new FeedbackRequest(List.copyOf(items));
    }

    private static Item item(JsonNode node, String path, Instant now) {
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
        if (time.isAfter(now.plus(CLOCK_SKEW))) {
            throw RequestException.badRequest(path + ".outcomeTimestamp", "is more than " + CLOCK_SKEW.toMinutes()
                    + " minutes ahead of this service's clock");
        }
        JsonNode override = node.get("overrideReason");
        Card.Coding reason = null;
        if (override != null && !override.isNull()) {
            if (accepted) {
                throw RequestException.badRequest(path + ".overrideReason", "is only for an overridden card");
            }
            if (!override.isObject()) {
                throw RequestException.badRequest(path + ".overrideReason", "must be an object");
            }
            JsonNode coding = override.get("reason");
            // A comment-only override has no reason: the clinician wrote why instead of choosing.
            if (coding != null && !coding.isNull()) {
                reason = coding(coding, path + ".overrideReason.reason");
            }
        }
        return new Item(card, accepted, reason, time);
    }

    /** A reason the card offered or one the EHR added itself: kept as a code, never its display text. */
    private static Card.Coding coding(JsonNode coding, String path) {
        if (!coding.isObject()) {
            throw RequestException.badRequest(path, "must be a Coding object");
        }
        Card.Coding reason = new Card.Coding(text(coding.get("system"), path + ".system"),
                text(coding.get("code"), path + ".code"), null);
        try {
            new FeedbackEntry.OverrideReason(reason.system(), reason.code());
        } catch (IllegalArgumentException e) {
            throw RequestException.badRequest(path, "must be a code system URI and a code (printable ASCII, no "
                    + "spaces; at most 255 and 64 characters)");
        }
        if (reason.system().equals(CardFactory.OVERRIDE_SYSTEM) && CardFactory.OVERRIDE_REASONS.stream()
                .noneMatch(r -> r.code().equals(reason.code()))) {
            // This service's own code system is closed: a code it never offered is a mistake, not an EHR's own.
            throw RequestException.badRequest(path, "must be one of the card's overrideReasons");
        }
        return reason;
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
            // RFC 3339 allows a leap second (:60), which java.time cannot hold: it is the next second's start.
            boolean leap = text.length() > 19 && text.startsWith(":60", 16);
            String parsed = leap ? text.substring(0, 17) + "59" + text.substring(19) : text;
            Instant instant = OffsetDateTime.parse(parsed, RFC_3339).toInstant();
            return leap ? instant.plusSeconds(1) : instant;
        } catch (DateTimeParseException e) {
            throw RequestException.badRequest(path, "must be an RFC 3339 date-time with an offset, e.g. "
                    + "1985-04-12T23:20:50.52Z");
        }
    }
}
