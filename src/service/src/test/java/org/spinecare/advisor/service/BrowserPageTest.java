package org.spinecare.advisor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecare.advisor.Assessment;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.advisor.SpineAdvisor;
import org.spinecare.advisor.SpineJson;

/**
 * The clinicians' page in a real browser: headless Chromium (Debian's {@code chromium}; CI installs it, see
 * .ci/run) loads the form from the Questionnaire, submits the answers and shows the service's cards. Skipped, with
 * the reason, where Chromium is not installed.
 */
class BrowserPageTest {
    @TempDir
    Path profile;

    @Test
    @DisplayName("Given a patient with saddle numbness entered in the page, the browser shows the critical card the "
            + "library's assessment gives with its links, the page passes the accessibility checks, the FHIR it sends "
            + "holds to the structural rules, and a screenshot is kept")
    void pageShowsTheCards() throws Exception {
        Optional<String> chromium = chromium();
        Assumptions.assumeTrue(chromium.isPresent(),
                "Chromium not found (chromium, chromium-browser or $CHROMIUM): apt-get install -y chromium");
        PatientFacts facts = SpineJson.readFacts(Files.readAllBytes(Path.of("scenarios/examples/cauda-equina.json")));
        Assessment expected;
        try (SpineAdvisor advisor = SpineAdvisor.create()) {
            expected = advisor.assess(facts);
        }

        List<com.fasterxml.jackson.databind.JsonNode> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        FactsSource fhir = new FhirFactsSource(java.time.Clock.systemUTC());
        FactsSource recording = new FactsSource() {
            @Override
            public Sourced facts(PrefetchReader.Read read, String id) {
                sent.addAll(read.resources());
                return fhir.facts(read, id);
            }

            @Override
            public java.util.Map<String, String> prefetchTemplates() {
                return fhir.prefetchTemplates();
            }
        };

        try (RunningService server = new RunningService(recording)) {
            String url = server.url("/?submit=1&answers=" + answers(facts));
            String dom = run(chromium.get(), url, "--dump-dom");
            Path screenshot = Path.of("src/service/target/cds-page.png").toAbsolutePath();
            run(chromium.get(), url, "--screenshot=" + screenshot, "--window-size=1280,1500");

            assertTrue(dom.contains("data-state=\"shown\""), "the cards were shown:\n" + dom);
            assertTrue(dom.contains("card critical"), dom);
            assertTrue(dom.contains(htmlEscaped(CardFactory.triageSummary(expected, facts))), dom);
            assertEquals(1, dom.split("class=\"card ", -1).length - 1, "one card for an emergency");
            assertTrue(Files.size(screenshot) > 10_000, "a screenshot was written");
            assertTrue(dom.contains("/handouts/") && dom.contains("/explanations/"), "the card's links are shown");
            String css = new String(CdsService.class.getResourceAsStream("page/page.css").readAllBytes(),
                    StandardCharsets.UTF_8);
            assertEquals(List.of(), PageAccessibility.problems(dom, css), "accessibility problems");
            List<String> invalid = new ArrayList<>();
            sent.forEach(document -> invalid.addAll(FhirDocumentRules.problems("the page's call", document)));
            assertTrue(sent.stream().filter(r -> "QuestionnaireResponse".equals(r.path("resourceType").asText()))
                    .count() >= 2, "the screening response of each of the two page loads");
            assertEquals(List.of(), invalid, "the FHIR the page sends");
        }
    }

    /** The page's pre-fill parameter for these facts: linkId:value pairs. */
    private static String answers(PatientFacts facts) {
        List<String> pairs = new ArrayList<>();
        facts.findings().forEach((finding, state) -> pairs.add(finding + ":" + state));
        if (facts.ageYears() != null) {
            pairs.add("AGE_YEARS:" + facts.ageYears());
        }
        if (facts.painScore() != null) {
            pairs.add("PAIN_SCORE:" + facts.painScore());
        }
        if (facts.symptomDurationWeeks() != null) {
            pairs.add("SYMPTOM_DURATION_WEEKS:" + facts.symptomDurationWeeks());
        }
        return String.join(",", pairs);
    }

    private String run(String chromium, String url, String... actions) throws Exception {
        List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--virtual-time-budget=20000"));
        command.addAll(List.of(actions));
        command.add(url);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(90, TimeUnit.SECONDS), "chromium finished");
        return out;
    }

    private static String htmlEscaped(String text) {
        // As Chromium serialises a text node: quotes stay as they are.
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static Optional<String> chromium() {
        return Stream.of(System.getenv("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser")
                .filter(p -> p != null && Files.isExecutable(Path.of(p))).findFirst();
    }
}
