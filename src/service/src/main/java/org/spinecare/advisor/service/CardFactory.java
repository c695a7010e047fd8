package org.spinecare.advisor.service;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.spinecare.advisor.Assessment;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.advisor.fhir.ClinicalLabels;
import org.spinecare.kb.FindingGroup;
import org.spinecare.kb.FindingState;
import org.spinecare.kb.TriageLevel;

/**
 * Turns the library's {@link Assessment} into the one card a clinician reads in five seconds: its indicator the
 * triage (critical for EMERGENCY and URGENT, warning for ROUTINE, info for SELF_CARE), its summary the triage and the
 * reason in words, its detail ({@link CardDetail}) what to do, why, what is not yet asked and what must not be done;
 * the fired rules and sources, and the patient handout, behind its links. Every code is shown by its label
 * ({@code ClinicalLabels}); nothing is added that the assessment does not say.
 */
final class CardFactory {
    static final String OVERRIDE_SYSTEM = "https://spinecare.org/fhir/CodeSystem/cds-override-reason";
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

    /**
     * @param facts the facts assessed: the findings reported present are the ones that led to the answer
     * @param notes input statements that could not be used, listed last in the detail
     * @param links the explanation and the handout of this answer, or none when it was not kept
     */
    List<Card> cards(Assessment assessment, PatientFacts facts, List<String> notes, List<Card.Link> links) {
        // From the assessment, never from the service: after a release swap it is the release that made this answer.
        String label = label(assessment.knowledgeBase());
        return List.of(new Card(ids.get().toString(), triageSummary(assessment, facts),
                CardDetail.of(assessment, facts, notes), indicator(assessment.triage()),
                new Card.Source(label, null, null), OVERRIDE_REASONS, links));
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

    /** The triage and its reason in words: the red flags present, else what keeps the answer from self-care. */
    static String triageSummary(Assessment a, PatientFacts facts) {
        String head = ClinicalLabels.triage(a.triage()) + ": ";
        if (!a.redFlags().isEmpty()) {
            String named = head + a.redFlags().stream().map(ClinicalLabels::finding).map(CardDetail::lowerFirst)
                    .collect(Collectors.joining(", "));
            return named.length() <= Card.MAX_SUMMARY ? named
                    : fit(head + CardDetail.groupedRedFlags(a.redFlags()) + " present");
        }
        if (escalated(a.triage()) && a.recommendations().isEmpty()) {
            // An older release swapped in (1.0.0 for a patient with nothing reported) may escalate without advice:
            // the triage is still shown, never dropped or turned into a self-care card.
            return head + "this knowledge base release gives no reason in words; see the explanation";
        }
        if (!a.unscreenedRedFlags().isEmpty()) {
            return head + a.unscreenedRedFlags().size() + " red flags not yet asked; no self-care until they are";
        }
        if (!a.clinicianActions().isEmpty()) {
            return fit(head + "red flags screened; first " + CardDetail.lowerFirst(
                    ClinicalLabels.advice(a.clinicianActions().get(0).code())));
        }
        if (a.triage() == TriageLevel.SELF_CARE) {
            return head + "red-flag screen complete and negative";
        }
        List<String> reasons = new ArrayList<>();
        facts.diagnoses().forEach(d -> reasons.add(CardDetail.lowerFirst(ClinicalLabels.diagnosis(d))));
        facts.findings().forEach((finding, state) -> {
            if (state == FindingState.PRESENT && finding.group() == FindingGroup.PROFESSIONAL_REVIEW) {
                reasons.add(CardDetail.lowerFirst(ClinicalLabels.finding(finding)));
            }
        });
        if (reasons.isEmpty() && a.stenosis().status().suspectedOrKnown()) {
            reasons.add(CardDetail.lowerFirst(ClinicalLabels.stenosis(a.stenosis().status())));
        }
        return fit(head + (reasons.isEmpty() ? "assessment by a physician or physical therapist advised"
                : String.join(", ", reasons)));
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
