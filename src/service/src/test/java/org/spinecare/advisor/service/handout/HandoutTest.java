package org.spinecare.advisor.service.handout;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spinecare.advisor.Assessment;
import org.spinecare.advisor.Recommendation;
import org.spinecare.advisor.SpineAdvisor;
import org.spinecare.advisor.SpineJson;
import org.spinecare.advisor.fhir.ClinicalLabels;
import org.spinecare.kb.Advice;

class HandoutTest {
    private static final Pattern CODE = Pattern.compile("\\b[A-Z]{2,}_[A-Z0-9_]+\\b");
    private static SpineAdvisor advisor;

    @BeforeAll
    static void load() {
        advisor = SpineAdvisor.create();
    }

    @AfterAll
    static void close() {
        advisor.close();
    }

    @Test
    @DisplayName("Given every piece of advice a patient can be given, each has a handout section, and every self-care "
            + "technique has steps, a dose and a figure")
    void everyRecommendableAdviceHasASection() {
        for (Advice advice : Advice.values()) {
            HandoutTexts.Section section = HandoutTexts.get().advice().get(advice);
            if (!advice.forPatient()) {
                assertTrue(section == null, advice + " is for the clinician, never on the handout");
                continue;
            }
            assertNotNull(section, advice + " has no handout section");
            assertFalse(section.text().isBlank(), advice + " has no text");
            if (advice.isSelfCareTechnique()) {
                assertFalse(section.steps().isEmpty(), advice + " has no steps");
                assertNotNull(section.dose(), advice + " has no dose or limit");
                assertTrue(section.figure() != null && section.figure().startsWith("<svg ")
                        && section.figure().contains("<title>"), advice + " has no titled figure");
            }
        }
    }

    @Test
    @DisplayName("Given every reason a technique can be withheld for, the handout says it in plain words")
    void everyReasonHasPlainWords() {
        for (org.spinecare.kb.ContraindicationReason reason : org.spinecare.kb.ContraindicationReason.values()) {
            String text = HandoutTexts.get().reasons().get(reason);
            assertTrue(text != null && !text.isBlank() && !CODE.matcher(text).find(), reason + ": " + text);
        }
    }

    @Test
    @DisplayName("Given heat, cold and the pelvic tilt, their limits are the article's: 15 to 20 minutes, wrapped "
            + "ice, 3 to 10 sets by pain")
    void dosesAndLimits() {
        var texts = HandoutTexts.get().advice();
        assertTrue(texts.get(Advice.HEAT_THERAPY).dose().contains("15 to 20 minutes"));
        assertTrue(texts.get(Advice.COLD_THERAPY).dose().contains("15 to 20 minutes"));
        assertTrue(String.join(" ", texts.get(Advice.COLD_THERAPY).steps()).contains("towel"));
        assertTrue(texts.get(Advice.STRETCH_PELVIC_TILT).dose().contains("3 to 10"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cauda-equina", "stenosis-back-tension", "self-care-urge-to-pop"})
    @DisplayName("Given a README example, the handout leads with the triage instruction, shows each recommended "
            + "technique's steps and figure, names no patient and shows no code")
    void readmeExampleHandout(String example) throws Exception {
        Assessment a = advisor.assess(SpineJson.readFacts(Files.readAllBytes(Path.of("scenarios/examples/"
                + example + ".json"))));

        String html = Handout.html(a, null);

        assertTrue(html.indexOf("<h2 id=\"first\">First: ") < html.indexOf("<h2 id=\"help\">"), html);
        for (Recommendation r : a.recommendations()) {
            assertTrue(html.contains(Handout.escape(ClinicalLabels.advice(r.code()))), r.code() + " missing");
            HandoutTexts.Section section = HandoutTexts.get().advice().get(r.code());
            section.steps().forEach(step -> assertTrue(html.contains(Handout.escape(step)), step));
            if (section.figure() != null) {
                assertTrue(html.contains(section.figure()), r.code() + "'s figure missing");
            }
        }
        assertFalse(html.contains("example-"), "the patient reference is not printed");
        assertFalse(CODE.matcher(html.replaceAll("<[^>]*>", "")).find(), "a code on the handout");
        assertFalse(html.contains("<script") || html.contains("src=\"http") || html.contains("href=\"http"),
                "nothing runs or loads from elsewhere");
        assertTrue(html.contains("@media print"), "a print stylesheet");
    }

    @Test
    @DisplayName("Given any answer, the handout's help section sends routine-review features (tingling, no "
            + "improvement after 4 weeks, very bad pain) to a booked visit, not to a doctor within a day or two")
    void routineReviewFeaturesAreABookedVisit() throws Exception {
        Assessment a = advisor.assess(SpineJson.readFacts(Files.readAllBytes(Path.of(
                "scenarios/examples/self-care-urge-to-pop.json"))));

        String html = Handout.html(a, null);

        int soon = html.indexOf("within a day or two");
        int visit = html.indexOf("Book a visit");
        assertTrue(soon > 0 && visit > soon, html);
        for (String routine : HandoutTexts.get().seekHelp().routine()) {
            assertTrue(html.indexOf(Handout.escape(routine)) > visit, routine + " is not under the booked visit");
        }
        assertTrue(html.indexOf("no better after 4 weeks") > visit, "no improvement is a routine review");
    }

    @Test
    @DisplayName("Given a display name for printing, it is printed escaped, and nothing else names the patient")
    void displayNameIsPrintedEscaped() throws Exception {
        Assessment a = advisor.assess(SpineJson.readFacts(Files.readAllBytes(Path.of(
                "scenarios/examples/self-care-urge-to-pop.json"))));

        String html = Handout.html(a, "Ann <Lee>");

        assertTrue(html.contains("<p class=\"for\">For Ann &lt;Lee&gt;</p>"), html);
    }
}
