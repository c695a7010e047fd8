package org.spinecare.advisor;

import java.util.ArrayList;
import java.util.List;

/**
 * A covering design built by code: blocks of {@code size} dimensions out of {@code dimensions} such that every
 * pair of dimensions lies together in at least one block. A cube whose free dimensions are a block then holds all
 * nine state combinations of each of its pairs, so the blocks together reach every two-way interaction of the
 * screened findings. Greedy and deterministic (no randomness, ties go to the lowest index), so the same arguments
 * always give the same blocks; the greedy bound is within a small factor of the Schönheim lower bound.
 */
final class PairCovering {
    private PairCovering() {
    }

    static List<int[]> blocks(int dimensions, int size) {
        if (size < 2 || size > dimensions) {
            throw new IllegalArgumentException("block size " + size + " for " + dimensions + " dimensions");
        }
        boolean[][] covered = new boolean[dimensions][dimensions];
        int uncovered = dimensions * (dimensions - 1) / 2;
        List<int[]> blocks = new ArrayList<>();
        while (uncovered > 0) {
            int[] block = new int[size];
            boolean[] in = new boolean[dimensions];
            // Seed with the first uncovered pair, then add the dimension that covers the most new pairs.
            seed:
            for (int a = 0; a < dimensions; a++) {
                for (int b = a + 1; b < dimensions; b++) {
                    if (!covered[a][b]) {
                        block[0] = a;
                        block[1] = b;
                        in[a] = true;
                        in[b] = true;
                        break seed;
                    }
                }
            }
            for (int filled = 2; filled < size; filled++) {
                int best = -1;
                int bestGain = -1;
                for (int d = 0; d < dimensions; d++) {
                    if (in[d]) {
                        continue;
                    }
                    int gain = 0;
                    for (int i = 0; i < filled; i++) {
                        if (!covered[Math.min(d, block[i])][Math.max(d, block[i])]) {
                            gain++;
                        }
                    }
                    if (gain > bestGain) {
                        best = d;
                        bestGain = gain;
                    }
                }
                block[filled] = best;
                in[best] = true;
            }
            for (int i = 0; i < size; i++) {
                for (int j = i + 1; j < size; j++) {
                    int a = Math.min(block[i], block[j]);
                    int b = Math.max(block[i], block[j]);
                    if (!covered[a][b]) {
                        covered[a][b] = true;
                        uncovered--;
                    }
                }
            }
            blocks.add(block);
        }
        return blocks;
    }
}
