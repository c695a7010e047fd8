package org.spinecare.advisor;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a clinician did with an advisor card, as a CDS Hooks client reports it in a feedback request, to be recorded
 * in the audit trail beside the assessment the card came from (see {@link AuditTrail#recordFeedback}).
 *
 * <p>Only codes are kept: the client's free-text {@code userComment} and the reasons' display texts are left out,
 * because an audit record holds no text from outside the library (it could name a patient).
 *
 * @param assessmentRequestId the request id of the audited assessment the card answered
 * @param assessmentHash      that assessment record's hash, when the host knows it; else null (the trail fills it in)
 * @param card                the card's uuid
 * @param outcome             accepted or overridden
 * @param overrideReasons     the coded reasons for an override; empty when accepted or when none was given
 * @param outcomeTime         when the clinician acted, as the client reports it ({@code outcomeTimestamp})
 * @param time                when the host received the feedback
 */
public record FeedbackEntry(UUID assessmentRequestId, String assessmentHash, UUID card, Outcome outcome,
                            List<OverrideReason> overrideReasons, Instant outcomeTime, Instant time) {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    /** The CDS Hooks feedback outcomes. */
    public enum Outcome {
        ACCEPTED, OVERRIDDEN
    }

    /**
     * A coded override reason: a code from a code system (a URI), as the CDS Hooks {@code overrideReason.reason}
     * Coding gives it, without its display text.
     */
    public record OverrideReason(String system, String code) {
        // Codes and code-system URIs are short printable ASCII without spaces; anything else is not a code.
        private static final Pattern SYSTEM = Pattern.compile("[!-~]{1,255}");
        private static final Pattern CODE = Pattern.compile("[!-~]{1,64}");

        public OverrideReason {
            if (system == null || !SYSTEM.matcher(system).matches()) {
                throw new IllegalArgumentException("overrideReason.system must be a code system URI: 1 to 255 "
                        + "printable ASCII characters without spaces");
            }
            if (code == null || !CODE.matcher(code).matches()) {
                throw new IllegalArgumentException("overrideReason.code must be 1 to 64 printable ASCII characters "
                        + "without spaces");
            }
        }
    }

    public FeedbackEntry {
        Objects.requireNonNull(assessmentRequestId, "assessmentRequestId");
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(outcomeTime, "outcomeTime");
        Objects.requireNonNull(time, "time");
        overrideReasons = List.copyOf(Objects.requireNonNull(overrideReasons, "overrideReasons"));
        if (assessmentHash != null && !HASH.matcher(assessmentHash).matches()) {
            throw new IllegalArgumentException("assessmentHash must be 64 lowercase hex digits");
        }
        if (outcome == Outcome.ACCEPTED && !overrideReasons.isEmpty()) {
            throw new IllegalArgumentException("overrideReasons must be empty when the outcome is accepted");
        }
    }
}
