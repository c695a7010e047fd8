package org.spinecare.advisor.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.spinecare.advisor.Assessment;
import org.spinecare.advisor.FiredRule;
import org.spinecare.advisor.KnowledgeRelease;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.advisor.Recommendation;
import org.spinecare.advisor.Releases;
import org.spinecare.advisor.SpineAdvisor;
import org.spinecare.advisor.SpineJson;
import org.spinecare.advisor.impact.HtmlReport;
import org.spinecare.advisor.impact.ImpactSummary;
import org.spinecare.advisor.impact.MarkdownReport;

/**
 * The impact report between two real releases (1.0.0 rebuilt from git history and the kjar of this build), on the
 * generator's patients, checked against figures this test recomputes from each patient's two assessments.
 */
class ImpactRunnerTest {
    private static final int PATIENTS = 1000;
    private static KnowledgeRelease v1;
    private static KnowledgeRelease current;
    private static SpineAdvisor oldAdvisor;
    private static SpineAdvisor newAdvisor;

    @BeforeAll
    static void releases() {
        v1 = KnowledgeRelease.fromJar(Releases.v1());
        current = KnowledgeRelease.fromJar(Releases.current());
        oldAdvisor = SpineAdvisor.builder().release(v1).build();
        newAdvisor = SpineAdvisor.builder().release(current).build();
    }

    @AfterAll
    static void close() {
        oldAdvisor.close();
        newAdvisor.close();
    }

    @Test
    @DisplayName("1.0.0 to the current release: every figure of the report equals the one recomputed patient by patient")
    void figuresMatchAnIndependentRecount() throws Exception {
        // Given the generator's patients as JSON Lines
        PatientGenerator generator = new PatientGenerator(14);
        List<PatientFacts> patients = new ArrayList<>();
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < PATIENTS; i++) {
            String json = generator.nextJson();
            jsonl.append(json).append('\n');
            patients.add(SpineJson.readFacts(json.getBytes(StandardCharsets.UTF_8)));
        }

        // When the impact runner compares the two releases on three threads
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder errors = new StringBuilder();
        ImpactSummary summary = new ImpactRunner(new ImpactRunner.Side(v1, oldAdvisor),
                new ImpactRunner.Side(current, newAdvisor), 3)
                .run(new ByteArrayInputStream(jsonl.toString().getBytes(StandardCharsets.UTF_8)), out, errors,
                        BatchAssessor.Progress.NONE);

        // Then its figures are those recounted here from each patient's two answers, assessed one by one
        long[][] matrix = new long[5][5];
        long lessSafe = 0;
        long changed = 0;
        long notModelled = 0;
        Map<String, long[]> advice = new TreeMap<>();
        Map<String, long[]> rules = new TreeMap<>();
        for (PatientFacts facts : patients) {
            Assessment a = oldAdvisor.assess(v1.modelledPart(facts));
            Assessment b = newAdvisor.assess(current.modelledPart(facts));
            matrix[a.triage().ordinal()][b.triage().ordinal()]++;
            boolean worse = b.triage().ordinal() > a.triage().ordinal()
                    || b.recommendations().stream().anyMatch(r -> r.code().isDoneToTheBack() && !a.recommends(r.code()))
                    || a.contraindications().stream().anyMatch(c -> !b.contraindicates(c.code()));
            lessSafe += worse ? 1 : 0;
            Set<String> adviceA = adviceOf(a);
            Set<String> adviceB = adviceOf(b);
            Set<String> rulesA = rulesOf(a);
            Set<String> rulesB = rulesOf(b);
            diff(advice, adviceA, adviceB);
            diff(rules, rulesA, rulesB);
            boolean differs = a.triage() != b.triage() || !adviceA.equals(adviceB) || !rulesA.equals(rulesB)
                    || !codes(a).equals(codes(b));
            changed += differs ? 1 : 0;
            notModelled += v1.notModelled(facts).isEmpty() ? 0 : 1;
        }
        assertEquals(PATIENTS, summary.patients());
        assertEquals("", errors.toString());
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(matrix[i], summary.matrix()[i], "row " + i + " of the transition matrix");
        }
        assertEquals(lessSafe, summary.lessSafe());
        assertEquals(changed, summary.changed());
        assertEquals(notModelled, summary.fromNotModelled());
        assertEquals(render(advice), render(summary.advice()));
        assertEquals(render(rules), render(summary.rules()));
        assertEquals(lessSafe > 0 ? 3 : 0, summary.exitCode());

        // And one JSON line per changed patient, in input order, each naming its line
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(changed, lines.length);
        long previous = 0;
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            JsonNode node = json.readTree(line);
            assertTrue(node.get("line").asLong() > previous);
            previous = node.get("line").asLong();
        }

        // And the Markdown and HTML summaries carry the same matrix; the HTML page needs nothing from elsewhere
        String md = MarkdownReport.of(summary, v1.jarSha256(), current.jarSha256());
        assertTrue(md.contains("| SELF_CARE | " + join(matrix[3]) + " |"), md);
        String html = HtmlReport.of(summary, v1.jarSha256(), current.jarSha256());
        assertTrue(html.contains("<svg"));
        assertTrue(html.contains("<title>ROUTINE to URGENT: " + matrix[2][1] + "</title>"), html);
        assertTrue(!html.contains("<script") && !html.contains("src=") && !html.contains("href="));
    }

    private static Set<String> adviceOf(Assessment a) {
        Set<String> out = new HashSet<>();
        a.recommendations().stream().map(Recommendation::code).forEach(c -> out.add(c.name()));
        a.clinicianActions().stream().map(Recommendation::code).forEach(c -> out.add(c.name()));
        return out;
    }

    private static Set<String> rulesOf(Assessment a) {
        Set<String> out = new HashSet<>();
        a.firedRules().stream().map(FiredRule::id).forEach(out::add);
        return out;
    }

    private static Set<String> codes(Assessment a) {
        Set<String> out = new HashSet<>();
        a.contraindications().forEach(c -> out.add(c.code().name()));
        return out;
    }

    private static void diff(Map<String, long[]> table, Set<String> before, Set<String> after) {
        after.stream().filter(c -> !before.contains(c)).forEach(c -> table.computeIfAbsent(c, k -> new long[2])[0]++);
        before.stream().filter(c -> !after.contains(c)).forEach(c -> table.computeIfAbsent(c, k -> new long[2])[1]++);
    }

    private static String render(Map<String, long[]> table) {
        StringBuilder s = new StringBuilder();
        table.forEach((k, v) -> s.append(k).append('=').append(v[0]).append('/').append(v[1]).append('\n'));
        return s.toString();
    }

    private static String join(long[] row) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            s.append(i == 0 ? "" : " | ").append(row[i]);
        }
        return s.toString();
    }
}
