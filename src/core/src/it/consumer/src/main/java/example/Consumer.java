package example;

import java.nio.file.Files;
import java.nio.file.Path;
import org.spinecare.advisor.Assessment;
import org.spinecare.advisor.SpineAdvisor;
import org.spinecare.advisor.SpineJson;

/** What the README shows clinic software doing: prints the triage of one facts file. */
public final class Consumer {
    public static void main(String[] args) throws Exception {
        try (SpineAdvisor advisor = SpineAdvisor.create()) {
            Assessment assessment = advisor.assess(SpineJson.readFacts(Files.readAllBytes(Path.of(args[0]))));
            System.out.println(assessment.triage());
        }
    }
}
