package org.spinecare.advisor;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * In-process cold start: from {@code SpineAdvisor.create()} to the first assessment of the example patient, in a
 * fresh JVM. Also prints how long the JVM took to reach main. {@code src/bench/run first-assessment}.
 */
public final class FirstAssessment {
    private FirstAssessment() {
    }

    public static void main(String[] args) throws Exception {
        long enteredMain = System.currentTimeMillis();
        byte[] json = Files.readAllBytes(Path.of(args.length > 0 ? args[0] : "scenarios/examples/cauda-equina.json"));
        long start = System.nanoTime();
        SpineAdvisor advisor = SpineAdvisor.create();
        long created = System.nanoTime();
        Assessment assessment = advisor.assess(SpineJson.readFacts(json));
        String out = SpineJson.writeAssessment(assessment);
        long assessed = System.nanoTime();
        System.out.printf("jvm start to main: %d ms%n",
                enteredMain - ManagementFactory.getRuntimeMXBean().getStartTime());
        System.out.printf("create(): %.0f ms, first assessment (read, assess, write): %.0f ms, total: %.0f ms "
                + "(triage %s, %d bytes)%n", (created - start) / 1e6, (assessed - created) / 1e6,
                (assessed - start) / 1e6, assessment.triage(), out.length());
    }
}
