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
 * The library's dependencies: the audit trail's stores (module spine-audit) build on the facade's AuditTrail port, so
 * the library must neither hold nor use the audit package (Maven would reject the cycle of modules, but not a
 * package put back here), and it reaches the engine only through the public org.kie.api, so that a Drools upgrade
 * cannot break it through a class Drools does not promise to keep.
 */
class PackageDependencyTest {
    private static final Path LIBRARY = Path.of("src/core/src/main/java");
    private static final Pattern FORBIDDEN = Pattern.compile(
            "\\borg\\.spinecare\\.advisor\\.(audit|cli|batch|scenario)\\b|\\borg\\.drools\\.[\\w.]+|\\borg\\.kie\\.internal\\b");

    /**
     * The executable model's documented entry point (build a KieBase from the model the kjar carries), named in one
     * class only: going through org.kie.api's KieContainer costs half of the knowledge base's load time.
     */
    private static final Set<String> ALLOWED = Set.of(
            "org/spinecare/advisor/ExecutableModel.java: org.drools.model.Model",
            "org/spinecare/advisor/ExecutableModel.java: org.drools.modelcompiler.KieBaseBuilder");

    @Test
    void the_library_neither_holds_nor_uses_the_audit_stores_the_tools_or_engine_internals() throws IOException {
        // Given every source file of the library, sub-packages included (a package line counts as a mention)
        List<Path> sources;
        try (Stream<Path> files = Files.walk(LIBRARY)) {
            sources = files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        }
        assertTrue(sources.size() > 10, "the library's sources were not found under " + LIBRARY.toAbsolutePath());

        // When every name they mention is searched for the forbidden packages
        List<String> found = new ArrayList<>();
        for (Path source : sources) {
            Matcher m = FORBIDDEN.matcher(Files.readString(source));
            while (m.find()) {
                String mention = LIBRARY.relativize(source) + ": " + m.group();
                if (!ALLOWED.contains(mention)) {
                    found.add(mention);
                }
            }
        }

        // Then there is none
        assertEquals(List.of(), found);
    }
}
