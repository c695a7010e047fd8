package org.spinecare.advisor.audit;

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
 * The audit stores reach the library through its port only: the AuditTrail interface and the values that cross it.
 * Were they to use the facade or the engine, a store could change answers, and the library could no longer be
 * replaced under them. (The library never uses them: PackageDependencyTest in src/core.)
 */
class AuditDependencyTest {
    private static final Path AUDIT = Path.of("src/audit/src/main/java");
    private static final Pattern LIBRARY_NAME = Pattern.compile("\\borg\\.spinecare\\.advisor\\.(\\*|[A-Z]\\w*)");
    private static final Pattern FORBIDDEN = Pattern.compile(
            "\\borg\\.spinecare\\.advisor\\.(cli|batch|scenario|service|fhir)\\b|\\borg\\.(drools|kie)\\.[\\w.]+");
    /** The port, what an entry carries, and the strict JSON reader the records' inputs are read back with. */
    private static final Set<String> PORT = Set.of("AuditTrail", "AuditEntry", "FeedbackEntry", "Assessment",
            "PatientFacts", "InputMapping", "KnowledgeBaseInfo", "StrictJson");

    @Test
    void the_audit_stores_use_only_the_librarys_port_and_never_the_facade_the_engine_or_the_tools()
            throws IOException {
        // Given every main source file of the audit module
        List<Path> sources;
        try (Stream<Path> files = Files.walk(AUDIT)) {
            sources = files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        }
        assertTrue(sources.size() > 10, "the audit sources were not found under " + AUDIT.toAbsolutePath());

        // When every library type and package they name is collected
        List<String> found = new ArrayList<>();
        for (Path source : sources) {
            String text = Files.readString(source);
            Matcher library = LIBRARY_NAME.matcher(text);
            while (library.find()) {
                if (!PORT.contains(library.group(1))) {
                    found.add(source.getFileName() + ": " + library.group());
                }
            }
            Matcher forbidden = FORBIDDEN.matcher(text);
            while (forbidden.find()) {
                found.add(source.getFileName() + ": " + forbidden.group());
            }
        }

        // Then none is outside the port
        assertEquals(List.of(), found);
    }
}
