package org.spinecare.advisor;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieServices;

/**
 * Retained heap of the knowledge base: used heap after full GCs with the engine's own classes and singletons
 * loaded (an empty knowledge base with one session), then again with the shipped knowledge base loaded behind an
 * advisor that has assessed a patient (so its session pool and lazily built memories exist). The difference is
 * what one advisor keeps alive. Run with a single-threaded collector for stable figures:
 * {@code src/bench/run heap}.
 */
public final class KnowledgeBaseHeap {
    private KnowledgeBaseHeap() {
    }

    public static void main(String[] args) {
        KieServices.Factory.get();
        var empty = KnowledgeBaseFactory.newKnowledgeBase();
        empty.newKieSession().dispose();
        BenchPatients patients = new BenchPatients();
        long before = usedAfterGc();

        SpineAdvisor advisor = SpineAdvisor.create();
        for (int i = 0; i < 1000; i++) {
            advisor.assess(patients.facts[i]);
        }
        long after = usedAfterGc();

        System.out.printf("heap used after GC, engine loaded, no knowledge base: %.1f MB%n", before / 1e6);
        System.out.printf("heap used after GC, advisor with knowledge base:      %.1f MB%n", after / 1e6);
        System.out.printf("knowledge base retained heap:                          %.1f MB%n", (after - before) / 1e6);
        // Keep both alive until after the second measurement.
        System.out.println(advisor.rules().size() + " rules, " + empty.getKiePackages().size() + " empty packages");
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
