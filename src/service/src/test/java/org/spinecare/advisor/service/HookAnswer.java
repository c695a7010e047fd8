package org.spinecare.advisor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spinecare.advisor.Assessment;
import org.spinecare.advisor.audit.AuditRecord;
import org.spinecare.kb.Finding;
import org.spinecare.kb.TriageLevel;

/** What a hook answer's triage card says: the triage, the red flags present and those not screened. */
record HookAnswer(TriageLevel triage, Set<String> present, Set<String> unscreened, String detail) {
    /** The card links to its explanation by the audit record's request id. */
    private static final Pattern REQUEST_ID = Pattern.compile("/explanations/([0-9a-f\\-]{36})");

    /**
     * The answer as the service recorded it: the card speaks in words, so the triage and the red flags are read, as
     * codes, from the audit record the card's explanation link names.
     */
    static HookAnswer of(RunningService server, HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        Card card;
        try {
            card = ServiceCallTest.cards(response).get(0);
        } catch (Exception e) {
            throw new AssertionError("not a CDS Hooks answer: " + response.body(), e);
        }
        String links = String.valueOf(card.links());
        Matcher m = REQUEST_ID.matcher(links);
        assertTrue(m.find(), "no explanation link on the card: " + links);
        UUID requestId = UUID.fromString(m.group(1));
        AuditRecord.Outcome outcome = server.audit.records().stream().filter(r -> requestId.equals(r.requestId()))
                .findFirst().orElseThrow(() -> new AssertionError("no audit record " + requestId)).outcome();
        return new HookAnswer(TriageLevel.valueOf(outcome.triage()), new LinkedHashSet<>(outcome.redFlags()),
                new LinkedHashSet<>(outcome.unscreenedRedFlags()), card.detail());
    }

    /**
     * The input path's safety rule where everything could be read: as urgent as the same facts sent clean, or
     * more, and every red flag present there present here.
     */
    void assertNotLessUrgentThan(Assessment clean) {
        assertTriageNotLessUrgentThan(clean);
        for (Finding flag : clean.redFlags()) {
            assertTrue(present.contains(flag.name()), flag + " is present in the facts but not in the answer:\n"
                    + detail);
        }
    }

    void assertTriageNotLessUrgentThan(Assessment clean) {
        assertFalse(triage.compareTo(clean.triage()) > 0, "less urgent (" + triage + ") than the same facts sent "
                + "clean (" + clean.triage() + "):\n" + detail);
    }

    /**
     * The rule where part of the data could not be read: a red flag present in the facts is present or not
     * screened, never absent, and the answer is never self-care with something unread.
     */
    void assertNothingTakenAsAbsent(Assessment clean) {
        for (Finding flag : clean.redFlags()) {
            assertTrue(present.contains(flag.name()) || unscreened.contains(flag.name()),
                    flag + " is present in the facts but neither present nor unscreened in the answer:\n" + detail);
        }
        assertTrue(triage != TriageLevel.SELF_CARE, "self-care although data could not be read:\n" + detail);
    }

    void assertSays(String text) {
        assertTrue(detail.contains(text), "the card should say \"" + text + "\":\n" + detail);
    }
}
