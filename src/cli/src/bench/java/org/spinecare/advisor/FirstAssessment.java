package org.spinecare.advisor;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kie.api.KieServices;

/**
 * In-process cold start: from {@code SpineAdvisor.create()} to the first assessment of the example patient, in a
 * fresh JVM, step by step. The steps are what {@code create()} does (engine services, loading and self-checking
 * the knowledge base, the session pool) followed by the first read, assess and write. {@code src/bench/run
 * first-assessment}.
 */
public final class FirstAssessment {
    private FirstAssessment() {
    }

    public static void main(String[] args) throws Exception {
        long enteredMain = System.currentTimeMillis();
        byte[] json = Files.readAllBytes(Path.of(args.length > 0 ? args[0] : "scenarios/examples/cauda-equina.json"));
        Map<String, Long> steps = new LinkedHashMap<>();
        long start = System.nanoTime();
        long t = start;
        KieServices.Factory.get();
        t = step(steps, "create: engine services (KieServices)", t);
        KnowledgeBase knowledgeBase = KnowledgeBase.load();
        t = step(steps, "create: load and self-check the knowledge base", t);
        SpineAdvisor advisor = SpineAdvisor.builder().knowledgeBase(knowledgeBase).build();
        long created = System.nanoTime();
        t = step(steps, "create: advisor and session pool", t);
        PatientFacts facts = SpineJson.readFacts(json);
        t = step(steps, "first read (JSON to facts)", t);
        Assessment assessment = advisor.assess(facts);
        t = step(steps, "first assess", t);
        String out = SpineJson.writeAssessment(assessment);
        long done = System.nanoTime();
        step(steps, "first write (assessment to JSON)", t);

        System.out.printf("jvm start to main: %d ms%n",
                enteredMain - ManagementFactory.getRuntimeMXBean().getStartTime());
        steps.forEach((name, nanos) -> System.out.printf("  %-50s %6.0f ms%n", name, nanos / 1e6));
        System.out.printf("create(): %.0f ms, create() to first assessment written: %.0f ms (triage %s, %d bytes)%n",
                (created - start) / 1e6, (done - start) / 1e6, assessment.triage(), out.length());
    }

    private static long step(Map<String, Long> steps, String name, long since) {
        long now = System.nanoTime();
        steps.put(name, now - since);
        return now;
    }
}
