package org.spinecare.advisor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The checks the browser test makes find what they are meant to find, and the page is served where it can work. */
class PageAccessibilityTest {
    @Test
    @DisplayName("Given a page with an unlabelled control, a skipped heading, an empty link and grey text, each is "
            + "reported")
    void checksFindProblems() {
        String dom = "<html><body><header></header><main><h1>x</h1><h3>y</h3><select name=\"FEVER\"></select>"
                + "<a href=\"/x\"></a></main></body></html>";

        List<String> problems = PageAccessibility.problems(dom, "p { color: #999999; }");

        assertEquals(5, problems.size(), problems.toString());
        assertTrue(problems.get(problems.size() - 1).startsWith("contrast 2.85:1"), problems.toString());
    }

    @Test
    @DisplayName("Given the WCAG formula, black on white is 21:1")
    void contrastFormula() {
        assertEquals(21.0, PageAccessibility.ratio("#000000", "#ffffff"), 0.001);
    }

    @Test
    @DisplayName("Given a service that requires a JWT, the page is not served: it names why instead")
    void pageIsNotServedWhereCallsNeedAJwt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path keys)
            throws Exception {
        try (RunningService server = new RunningService(ServiceConfig.development("127.0.0.1", 0).withIssuers(
                List.of(new TestIssuer("https://ehr.example.org").trusted(keys)), null))) {
            var page = server.get("/", null);
            assertEquals(404, page.statusCode());
            assertTrue(page.body().contains("development mode only"), page.body());
            assertEquals(404, server.get("/page.js", null).statusCode());
        }
    }
}
