package org.spinecare.advisor;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * CPU time per {@code assess} on the benchmark patients, one thread: the median of several rounds over all of them
 * after a warm-up. Thread CPU time hardly moves when other work shares the machine, while wall time does, so this
 * compares two builds run one after the other on a busy machine; JMH's sample mode gives the quiet figures.
 */
public final class AssessCpuTime {
    public static void main(String[] args) {
        int warmUpRounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        BenchPatients patients = new BenchPatients();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (SpineAdvisor advisor = SpineAdvisor.create()) {
            long sink = 0;
            for (int r = 0; r < warmUpRounds; r++) {
                for (PatientFacts facts : patients.facts) {
                    sink += advisor.assess(facts).firedRules().size();
                }
            }
            double[] microsPerAssess = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long start = threads.getCurrentThreadCpuTime();
                for (PatientFacts facts : patients.facts) {
                    sink += advisor.assess(facts).firedRules().size();
                }
                microsPerAssess[r] = (threads.getCurrentThreadCpuTime() - start) / 1_000.0 / BenchPatients.COUNT;
            }
            Arrays.sort(microsPerAssess);
            System.out.printf("assess CPU time per call, %d rounds of %d patients: median %.1f µs, min %.1f, max %.1f"
                            + " (fired rules seen: %d)%n", rounds, BenchPatients.COUNT, microsPerAssess[rounds / 2],
                    microsPerAssess[0], microsPerAssess[rounds - 1], sink);
        }
    }
}
