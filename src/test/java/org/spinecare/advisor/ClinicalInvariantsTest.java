package org.spinecare.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The five clinical invariants, checked on the real engine over the input space: every combination of ABSENT,
 * UNKNOWN and PRESENT for the five red flags and the nine reasons to see a professional, crossed with seeded
 * samples of the other fields. The default run checks a stated sub-product; {@code -Dspine.exhaustive=true}
 * runs all 3^14 combinations.
 */
class ClinicalInvariantsTest {
    static final long SEED = 20_261_124L;
    private static final int RED_FLAGS = 5;
    private static final int PROFESSIONAL_REASONS = 9;
    private static final int THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

    @Test
    void every_red_flag_combination_with_three_professional_reasons_at_a_time_keeps_all_five_invariants()
            throws Exception {
        // Given 18 seeded profiles, each a cube of all 3^5 red-flag states times all 3^3 states of three
        // professional reasons (rotating so that all nine are free in every third cube), the others fixed at
        // seeded states
        SplittableRandom random = new SplittableRandom(SEED);
        List<InvariantSweep.Cube> cubes = new ArrayList<>();
        for (int c = 0; c < 18; c++) {
            int[] free = {0, 1, 2, 3, 4, RED_FLAGS + (3 * c) % 9, RED_FLAGS + (3 * c + 1) % 9,
                    RED_FLAGS + (3 * c + 2) % 9};
            cubes.add(cube(random, free, SEED + c));
        }
        // When every case is assessed; Then no invariant is broken
        InvariantSweep sweep = sweep(cubes, "default: 18 profiles x 3^5 red flags x 3^3 professional reasons", 1);
        assertEquals(18L * 6561, sweep.cases());
    }

    @Test
    @EnabledIfSystemProperty(named = "spine.exhaustive", matches = "true")
    void all_three_to_the_fourteen_screening_combinations_keep_all_five_invariants() throws Exception {
        // Given every combination of the 14 screened findings for each of N seeded profiles of the other fields
        int profiles = Integer.getInteger("spine.exhaustive.profiles", 1);
        SplittableRandom random = new SplittableRandom(SEED ^ 0x5EED);
        int[] all = new int[RED_FLAGS + PROFESSIONAL_REASONS];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        List<InvariantSweep.Cube> cubes = new ArrayList<>();
        for (int p = 0; p < profiles; p++) {
            cubes.add(cube(random, all, SEED + 1_000 + p));
        }
        // Invariant 5 costs two more assessments per case; -Dspine.exhaustive.determinismEvery=N bounds the run.
        int determinismEvery = Integer.getInteger("spine.exhaustive.determinismEvery", 1);
        InvariantSweep sweep = sweep(cubes, "exhaustive: " + profiles + " profile(s) x 3^14", determinismEvery);
        assertEquals(profiles * 4_782_969L, sweep.cases());
    }

    private static InvariantSweep.Cube cube(SplittableRandom random, int[] free, long seed) {
        int[] fixed = new int[RED_FLAGS + PROFESSIONAL_REASONS];
        for (int i = 0; i < fixed.length; i++) {
            // Fixed reasons are mostly absent, so that cubes still reach self-care.
            int roll = random.nextInt(10);
            fixed[i] = roll < 6 ? 0 : roll < 8 ? 1 : 2;
        }
        return new InvariantSweep.Cube(FactsGenerator.profile(random), fixed, free, seed);
    }

    private static InvariantSweep sweep(List<InvariantSweep.Cube> cubes, String what, int determinismEvery)
            throws Exception {
        InvariantSweep sweep = new InvariantSweep(SpineAdvisor.create(), THREADS, determinismEvery);
        long start = System.nanoTime();
        sweep.run(cubes);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("clinical invariants (%s): %,d cases (determinism on %,d), %,d assessments, %,d "
                        + "monotonicity pairs, %d threads, %.1f s; shuffled insertion reordered matches within a rule "
                        + "in %,d cases%n", what, sweep.cases(), sweep.determinismCases(), sweep.assessments(),
                sweep.monotonicityPairs(), THREADS, seconds, sweep.engineOrderDifferences());
        assertTrue(sweep.report().isEmpty(), sweep.report());
        return sweep;
    }
}
