package org.spinecare.advisor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spinecare.advisor.Assessment;
import org.spinecare.kb.Finding;
import org.spinecare.kb.TriageLevel;

/** What a hook answer's triage card says: the triage, the red flags present and those not screened. */
record HookAnswer(TriageLevel triage, Set<String> present, Set<String> unscreened, String detail) {
    private static final Pattern TRIAGE = Pattern.compile("\\*\\*Triage:\\*\\* ([A-Z_]+)");
    private static final Pattern PRESENT = Pattern.compile("\\*\\*Red flags present:\\*\\* ([^\\n]*)");
    private static final Pattern UNSCREENED = Pattern.compile("\\*\\*Red flags not screened[^*]*:\\*\\* ([^\\n]*)");
    private static final Pattern CODE = Pattern.compile("`([A-Z0-9_]+)`");

    static HookAnswer of(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        String detail;
        try {
            detail = ServiceCallTest.cards(response).get(0).detail();
        } catch (Exception e) {
            throw new AssertionError("not a CDS Hooks answer: " + response.body(), e);
        }
        return new HookAnswer(TriageLevel.valueOf(first(TRIAGE, detail)), codes(first(PRESENT, detail)),
                codes(first(UNSCREENED, detail)), detail);
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

    private static String first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertTrue(m.find(), pattern + " not in the card:\n" + text);
        return m.group(1);
    }

    private static Set<String> codes(String list) {
        Set<String> codes = new LinkedHashSet<>();
        Matcher m = CODE.matcher(list);
        while (m.find()) {
            codes.add(m.group(1));
        }
        return codes;
    }
}
