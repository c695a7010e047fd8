package org.spinecare.advisor.scenario;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.spinecare.advisor.PatientFacts;

/**
 * One executable statement of clinical behaviour: a patient's facts and what the knowledge base must answer.
 *
 * @param name        a clinical sentence, unique across the corpus; the test's display name
 * @param source      the article section heading the expectation comes from
 * @param given       the patient's facts, validated exactly as the public contract validates them
 * @param expect      what the assessment must show
 * @param file        the file the scenario was read from
 * @param index       its position in a file that holds a list, or -1 when the file holds this scenario alone
 */
public record Scenario(String name, String description, List<String> tags, String source, PatientFacts given,
                       Expectation expect, Path file, int index) {
    public Scenario {
        tags = List.copyOf(tags);
    }

    /** Where the scenario is, for people: the file, and the list position when the file holds several. */
    public String location() {
        return index < 0 ? file.toString() : file + " [" + index + "]";
    }

    /** The file as a URI, so that an IDE can open it from the test report. */
    public URI uri() {
        return file.toAbsolutePath().normalize().toUri();
    }
}
