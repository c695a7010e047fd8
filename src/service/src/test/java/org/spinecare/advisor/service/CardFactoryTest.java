package org.spinecare.advisor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spinecare.advisor.Assessment;
import org.spinecare.advisor.Contraindication;
import org.spinecare.advisor.FiredRule;
import org.spinecare.advisor.Recommendation;
import org.spinecare.advisor.SpineAdvisor;
import org.spinecare.advisor.SpineJson;
import org.spinecare.kb.Finding;

/** The cards say what the library's assessment says, for every scenario patient, on the real knowledge base. */
class CardFactoryTest {
    private static SpineAdvisor advisor;

    @BeforeAll
    static void loadKnowledgeBase() {
        advisor = SpineAdvisor.create();
    }

    @AfterAll
    static void close() {
        advisor.close();
    }

    static Stream<Scenarios.Patient> patients() {
        return Scenarios.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patients")
    @DisplayName("Given a scenario patient, when cards are made from the assessment, then they state its triage, "
            + "advice, contraindications and fired rules")
    void cardsFollowTheAssessment(Scenarios.Patient patient) {
        Assessment assessment = advisor.assess(SpineJson.readFacts(patient.factsJson()));

        List<Card> cards = new CardFactory(UUID::randomUUID).cards(assessment, List.of());

        CardExpectations.assertCardsMatch(assessment, cards);
    }

    @org.junit.jupiter.api.Test
    @DisplayName("Given release 1.0.0, which escalates a patient with nothing reported without giving advice, the "
            + "triage card still names the escalated triage")
    void escalationWithoutAdviceKeepsItsTriage() {
        try (SpineAdvisor v1 = SpineAdvisor.builder().release(org.spinecare.advisor.KnowledgeRelease.fromJar(
                org.spinecare.advisor.Releases.v1())).build()) {
            Assessment assessment = v1.assess(org.spinecare.advisor.PatientFacts.empty());

            List<Card> cards = new CardFactory(UUID::randomUUID).cards(assessment, List.of());

            assertTrue(assessment.recommendations().isEmpty(), "the case this test is about");
            assertTrue(cards.get(0).summary().startsWith(assessment.triage().name() + ": "), cards.get(0).summary());
            assertTrue(cards.get(0).source().label().endsWith("spine-kjar:1.0.0"), cards.get(0).source().label());
        }
    }

    /** Shared with the tests against the running server. */
    static final class CardExpectations {
        private CardExpectations() {
        }

        static void assertCardsMatch(Assessment assessment, List<Card> cards) {
            Card triage = cards.get(0);
            String expectedIndicator = switch (assessment.triage()) {
                case EMERGENCY, URGENT -> "critical";
                case ROUTINE -> "warning";
                case SELF_CARE -> "info";
            };
            assertEquals(expectedIndicator, triage.indicator(), "the first card's indicator follows the triage");
            assertEquals(CardFactory.escalated(assessment.triage()) ? 1 : 0,
                    cards.stream().filter(c -> !c.indicator().equals("info")).count(),
                    "an escalated triage is one critical or warning card; self-care advice is info");
            List<Recommendation> advice = assessment.recommendations();
            if (CardFactory.escalated(assessment.triage())) {
                assertTrue(triage.summary().contains(advice.get(0).summary().substring(0, 40)),
                        "the summary says what to do: " + triage.summary());
            }
            List<Recommendation> infoAdvice = advice.subList(CardFactory.escalated(assessment.triage()) ? 1 : 0, advice.size());
            assertEquals(infoAdvice.size() + 1, cards.size(), "one info card per piece of advice besides the escalation");
            for (int i = 0; i < infoAdvice.size(); i++) {
                Card card = cards.get(i + 1);
                assertEquals("info", card.indicator());
                assertEquals(CardFactory.fit(infoAdvice.get(i).summary()), card.summary());
                assertEquals(infoAdvice.get(i).code().name(), card.source().topic().code());
            }
            String detail = triage.detail();
            for (FiredRule rule : assessment.firedRules()) {
                assertTrue(detail.contains(rule.id() + " " + rule.name() + " (" + rule.basis() + "; source: "
                        + rule.source() + ")"), "the detail lists fired rule " + rule.id());
            }
            for (Finding flag : assessment.redFlags()) {
                assertTrue(detail.contains("`" + flag + "`"), "the detail names red flag " + flag);
            }
            for (Finding unscreened : assessment.unscreenedRedFlags()) {
                assertTrue(detail.contains("`" + unscreened + "`"), "the detail names unscreened " + unscreened);
            }
            for (Contraindication c : assessment.contraindications()) {
                assertTrue(detail.contains("- `" + c.code() + "`: " + c.reasons().get(0)),
                        "the detail states contraindication " + c.code());
            }
            for (Recommendation task : assessment.clinicianActions()) {
                assertTrue(detail.contains("`" + task.code() + "`"), "the detail asks the clinician " + task.code());
            }
            var uuids = new HashSet<String>();
            for (Card card : cards) {
                assertTrue(card.summary().length() <= Card.MAX_SUMMARY, "summary within 140 characters");
                assertTrue(card.source().label().contains(assessment.knowledgeBase().releaseId()),
                        "the source names the knowledge base release");
                assertEquals(CardFactory.OVERRIDE_REASONS, card.overrideReasons(), "override reasons are coded");
                assertTrue(uuids.add(UUID.fromString(card.uuid()).toString()), "every card has its own uuid");
            }
        }
    }
}
