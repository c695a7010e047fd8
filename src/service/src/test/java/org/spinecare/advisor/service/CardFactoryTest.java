package org.spinecare.advisor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.spinecare.advisor.Assessment;
import org.spinecare.advisor.Contraindication;
import org.spinecare.advisor.FiredRule;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.advisor.Recommendation;
import org.spinecare.advisor.SpineAdvisor;
import org.spinecare.advisor.SpineJson;
import org.spinecare.advisor.fhir.ClinicalLabels;
import org.spinecare.kb.Finding;

/** The card says what the library's assessment says, in words, for every scenario patient, on the real rules. */
class CardFactoryTest {
    /** A code of the contract (UPPER_SNAKE) or a rule id (TR-003): neither belongs in what the clinician reads. */
    static final Pattern CODE = Pattern.compile("\\b[A-Z]{2,}_[A-Z0-9_]+\\b|\\b[A-Z]{2}-\\d{3}\\b");
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
    @DisplayName("Given a scenario patient, when the card is made from the assessment, then it states the triage, "
            + "red flags, what is not yet asked, advice and contraindications in words, with no code")
    void cardsFollowTheAssessment(Scenarios.Patient patient) {
        PatientFacts facts = SpineJson.readFacts(patient.factsJson());
        Assessment assessment = advisor.assess(facts);

        List<Card> cards = new CardFactory(UUID::randomUUID).cards(assessment, facts, List.of(), List.of());

        CardExpectations.assertCardsMatch(assessment, cards);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cauda-equina", "stenosis-back-tension", "self-care-urge-to-pop"})
    @DisplayName("Given a README example, the card's detail stays within its budget and leads with what to do")
    void readmeExamplesStayWithinTheBudget(String example) throws Exception {
        PatientFacts facts = SpineJson.readFacts(Files.readAllBytes(Path.of("scenarios/examples/" + example
                + ".json")));
        Assessment assessment = advisor.assess(facts);

        Card card = new CardFactory(UUID::randomUUID).cards(assessment, facts, List.of(),
                AnswerPages.links(URI.create("http://127.0.0.1:8080"), UUID.randomUUID())).get(0);

        assertTrue(card.detail().length() <= CardDetail.BUDGET, card.detail().length() + " characters:\n"
                + card.detail());
        assertTrue(card.detail().startsWith("**Do now:** "), card.detail());
        assertEquals(List.of("absolute", "absolute"), card.links().stream().map(Card.Link::type).toList());
    }

    @Test
    @DisplayName("Given release 1.0.0, which escalates a patient with nothing reported without giving advice, the "
            + "card still names the escalated triage")
    void escalationWithoutAdviceKeepsItsTriage() {
        try (SpineAdvisor v1 = SpineAdvisor.builder().release(org.spinecare.advisor.KnowledgeRelease.fromJar(
                org.spinecare.advisor.Releases.v1())).build()) {
            Assessment assessment = v1.assess(PatientFacts.empty());

            List<Card> cards = new CardFactory(UUID::randomUUID).cards(assessment, PatientFacts.empty(), List.of(),
                    List.of());

            assertTrue(assessment.recommendations().isEmpty(), "the case this test is about");
            assertTrue(cards.get(0).summary().startsWith(ClinicalLabels.triage(assessment.triage()) + ": "),
                    cards.get(0).summary());
            assertTrue(cards.get(0).source().label().endsWith("spine-kjar:1.0.0"), cards.get(0).source().label());
        }
    }

    @Test
    @DisplayName("Given notes about input that could not be used, the detail lists them last")
    void notesAreListed() {
        PatientFacts facts = ServiceCallTest.BACK_PAIN_ONLY;

        Card card = new CardFactory(UUID::randomUUID).cards(advisor.assess(facts), facts,
                List.of("an Observation of sciatica had no value"), List.of()).get(0);

        assertTrue(card.detail().endsWith("- an Observation of sciatica had no value\n"), card.detail());
    }

    /** Shared with the tests against the running server. */
    static final class CardExpectations {
        private CardExpectations() {
        }

        static void assertCardsMatch(Assessment assessment, List<Card> cards) {
            assertEquals(1, cards.size(), "one card per answer");
            Card card = cards.get(0);
            String expectedIndicator = switch (assessment.triage()) {
                case EMERGENCY, URGENT -> "critical";
                case ROUTINE -> "warning";
                case SELF_CARE -> "info";
            };
            assertEquals(expectedIndicator, card.indicator(), "the indicator follows the triage");
            assertTrue(card.summary().startsWith(ClinicalLabels.triage(assessment.triage()) + ": "), card.summary());
            assertTrue(card.summary().length() <= Card.MAX_SUMMARY, "summary within 140 characters");
            String detail = card.detail();
            assertNoCode(card.summary());
            assertNoCode(detail);
            assertTrue(detail.startsWith("**Do now:** "), "the detail leads with what to do:\n" + detail);
            List<Recommendation> advice = assessment.recommendations();
            boolean escalation = CardFactory.escalated(assessment.triage()) && !advice.isEmpty();
            if (escalation) {
                assertTrue(detail.startsWith("**Do now:** " + advice.get(0).summary()), detail);
            }
            for (Recommendation r : advice.subList(escalation ? 1 : 0, advice.size())) {
                assertTrue(detail.contains(ClinicalLabels.advice(r.code())), "the detail names " + r.code());
            }
            for (Recommendation task : assessment.clinicianActions()) {
                assertTrue(detail.contains(ClinicalLabels.advice(task.code())), "the detail asks " + task.code());
            }
            for (Finding flag : assessment.redFlags()) {
                assertTrue(detail.toLowerCase().contains(ClinicalLabels.finding(flag).toLowerCase()),
                        "the detail names red flag " + flag);
            }
            if (!assessment.unscreenedRedFlags().isEmpty()) {
                assertTrue(detail.contains("**Not yet asked** (unknown, not absent): ")
                        && detail.contains("(" + assessment.unscreenedRedFlags().size() + " red flags)"), detail);
            }
            for (Contraindication c : assessment.contraindications()) {
                assertTrue(detail.contains(ClinicalLabels.advice(c.code())), "the detail forbids " + c.code());
                c.reasons().forEach(r -> assertTrue(detail.contains(ClinicalLabels.reason(r)),
                        "the detail says why " + c.code() + " must not be used: " + r));
            }
            for (FiredRule rule : assessment.firedRules()) {
                assertFalse(detail.contains(rule.id()), "rules are behind the link, not inline: " + rule.id());
            }
            assertTrue(card.source().label().contains(assessment.knowledgeBase().releaseId()),
                    "the source names the knowledge base release");
            assertEquals(CardFactory.OVERRIDE_REASONS, card.overrideReasons(), "override reasons are coded");
            UUID.fromString(card.uuid());
        }

        static void assertNoCode(String text) {
            Matcher code = CODE.matcher(text);
            assertFalse(code.find(), () -> "a code in what the clinician reads: " + code.group() + "\n" + text);
        }
    }
}
