package org.spinecare.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The facade's dependencies: the audit package builds on the facade, so the facade must not use the audit package
 * (a cycle would make neither usable alone), and it reaches the engine only through the public org.kie.api, so
 * that a Drools upgrade cannot break it through a class Drools does not promise to keep.
 */
class PackageDependencyTest {
    private static final Path FACADE = Path.of("src/core/src/main/java/org/spinecare/advisor");
    private static final Pattern FORBIDDEN = Pattern.compile(
            "\\borg\\.spinecare\\.advisor\\.(audit|cli|batch|scenario)\\b|\\borg\\.drools\\.[\\w.]+|\\borg\\.kie\\.internal\\b");

    /**
     * The executable model's documented entry point (build a KieBase from the model the kjar carries), named in one
     * class only: going through org.kie.api's KieContainer costs half of the knowledge base's load time.
     */
    private static final Set<String> ALLOWED = Set.of("ExecutableModel.java: org.drools.model.Model",
            "ExecutableModel.java: org.drools.modelcompiler.KieBaseBuilder");

    @Test
    void the_facade_package_uses_neither_its_sub_packages_nor_engine_internals() throws IOException {
        // Given every source file of the facade package itself, not of its sub-packages
        List<Path> sources;
        try (Stream<Path> files = Files.list(FACADE)) {
            sources = files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        }
        assertTrue(sources.size() > 10, "the facade's sources were not found under " + FACADE.toAbsolutePath());

        // When every name they mention is searched for the forbidden packages
        List<String> found = new ArrayList<>();
        for (Path source : sources) {
            Matcher m = FORBIDDEN.matcher(Files.readString(source));
            while (m.find()) {
                if (!ALLOWED.contains(source.getFileName() + ": " + m.group())) {
                    found.add(source.getFileName() + ": " + m.group());
                }
            }
        }

        // Then there is none
        assertEquals(List.of(), found);
    }
}
