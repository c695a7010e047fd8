package org.spinecare.advisor.service;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.spinecare.advisor.Assessment;
import org.spinecare.advisor.Recommendation;
import org.spinecare.kb.TriageLevel;

/**
 * Turns the library's {@link Assessment} into cards a clinician can act on: first the triage card (critical for
 * EMERGENCY and URGENT, warning for ROUTINE, info for SELF_CARE) whose detail holds the red flags, what was not
 * screened, the clinician's tasks, the contraindications and every fired rule; then one info card per piece of
 * advice the patient is given besides the escalation. Nothing is added or left out: the cards say what the
 * assessment says.
 */
final class CardFactory {
    static final String OVERRIDE_SYSTEM = "https://spinecare.org/fhir/CodeSystem/cds-override-reason";
    static final String ADVICE_SYSTEM = "https://spinecare.org/fhir/CodeSystem/spine-advice";
    /** Coded, so that feedback can be counted by reason; the EHR shows the display text. */
    static final List<Card.Coding> OVERRIDE_REASONS = List.of(
            new Card.Coding(OVERRIDE_SYSTEM, "already-addressed", "Already assessed or referred"),
            new Card.Coding(OVERRIDE_SYSTEM, "clinical-judgement", "Clinical judgement differs"),
            new Card.Coding(OVERRIDE_SYSTEM, "data-incorrect", "Patient data incorrect or incomplete"),
            new Card.Coding(OVERRIDE_SYSTEM, "patient-declined", "Patient declined"));

    private final Supplier<UUID> ids;

    CardFactory(Supplier<UUID> ids) {
        this.ids = ids;
    }

    /** The cards' {@code source.label}: names the release, as the audit record does. */
    static String label(org.spinecare.advisor.KnowledgeBaseInfo release) {
        return "Spine advisor knowledge base " + release.releaseId();
    }

    /** @param notes input statements that could not be used, listed in the triage card's detail */
    List<Card> cards(Assessment assessment, List<String> notes) {
        // From the assessment, never from the service: after a release swap it is the release that made this answer.
        String label = label(assessment.knowledgeBase());
        List<Card> cards = new ArrayList<>();
        cards.add(new Card(ids.get().toString(), triageSummary(assessment), CardDetail.of(assessment, notes),
                indicator(assessment.triage()), new Card.Source(label, null, null), OVERRIDE_REASONS));
        List<Recommendation> advice = assessment.recommendations();
        int first = escalated(assessment.triage()) ? 1 : 0;
        for (Recommendation r : advice.subList(Math.min(first, advice.size()), advice.size())) {
            cards.add(new Card(ids.get().toString(), fit(r.summary()), CardDetail.of(r), "info",
                    new Card.Source(label, null, new Card.Coding(ADVICE_SYSTEM, r.code().name(), null)),
                    OVERRIDE_REASONS));
        }
        return cards;
    }

    /**
     * Above self-care the patient is sent to a professional, and the answer starts with that escalation. (The
     * library's {@code TriageLevel.escalated()} means EMERGENCY and URGENT only: the triages that withdraw all
     * other advice.)
     */
    static boolean escalated(TriageLevel triage) {
        return triage != TriageLevel.SELF_CARE;
    }

    static String indicator(TriageLevel triage) {
        return switch (triage) {
            case EMERGENCY, URGENT -> "critical";
            case ROUTINE -> "warning";
            case SELF_CARE -> "info";
        };
    }

    /** What to do, first: the escalation the patient is given, headed by its triage when that fits. */
    static String triageSummary(Assessment assessment) {
        TriageLevel triage = assessment.triage();
        if (!escalated(triage)) {
            return assessment.clinicianActions().isEmpty()
                    ? "Self-care: red-flag screen complete and negative; advice follows."
                    : "Self-care once the clinician tasks in the detail are done; advice follows.";
        }
        // The contract puts the escalation first above SELF_CARE (TR-003, AN-001); SafetyInvariants enforce it. An
        // older release swapped in (1.0.0 for a patient with nothing reported) may escalate without any advice: the
        // triage is still shown, never dropped or turned into a self-care card.
        if (assessment.recommendations().isEmpty()) {
            return fit(triage.name() + ": this knowledge base release gives no escalation advice; see the detail");
        }
        String escalation = assessment.recommendations().get(0).summary();
        String headed = triage.name() + ": " + escalation;
        return fit(headed.length() <= Card.MAX_SUMMARY ? headed : escalation);
    }

    /** Shortens at a word only when a text does not fit; the full text is always in the detail. */
    static String fit(String text) {
        if (text.length() <= Card.MAX_SUMMARY) {
            return text;
        }
        int cut = text.lastIndexOf(' ', Card.MAX_SUMMARY - 2);
        return text.substring(0, cut > 0 ? cut : Card.MAX_SUMMARY - 1) + "…";
    }
}
