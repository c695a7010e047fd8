package example;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.spinecare.advisor.SpineAdvisor;
import org.spinecare.advisor.scenario.ScenarioTests;

/** What docs/scenarios.md shows a clinic's build doing: a folder of scenario files, one JUnit test per scenario. */
class ScenariosTest {
    private static final SpineAdvisor ADVISOR = SpineAdvisor.create();

    @AfterAll
    static void close() {
        ADVISOR.close();
    }

    @TestFactory
    Stream<DynamicNode> scenarios() {
        // The project's own scenarios/ folder here; a clinic names its own, e.g. src/test/scenarios.
        return ScenarioTests.from(Path.of(System.getProperty("spine.scenarios")), ADVISOR);
    }
}
