package org.optbench.harness.tuning;

import java.util.SplittableRandom;

/**
 * A scrambled Halton sequence in [0, 1)^d, the quasi-random points of {@code method: halton}.
 *
 * <p>Point {@code i} (1, 2, 3, ...; the all-zero point 0 is skipped) has coordinate {@code x_k(i) = (Σ_j σ_k(a_j)
 * p_k^-(j+1) + s_k) mod 1}, where {@code a_j} are the base-{@code p_k} digits of {@code i} (least significant
 * first), {@code p_k} is the k-th prime (2, 3, 5, 7, 11, ...), {@code σ_k} a permutation of the digits that keeps 0
 * fixed (so the trailing zeros of {@code i} add nothing) and {@code s_k} a shift. This is the randomisation of
 * AlgoPerf's {@code halton.py} (a digit permutation fixing 0 and a random shift per dimension, after Owen's
 * survey, arXiv:1706.03200), except that the bases are the first primes, no points are skipped and the points are
 * not reordered: the first {@code n} points of a budget-{@code m} search are the whole budget-{@code n} search,
 * so a smaller budget is a prefix of a larger one.
 *
 * <p>{@link #scrambled} draws the scramble from one {@link SplittableRandom}: for k = 0, 1, ..., first σ_k by
 * Fisher–Yates on positions 1..p−1 ({@code for m = p−1 down to 2: swap(σ[m], σ[1 + nextInt(m)])}), then
 * {@code s_k = nextDouble()}.
 */
public final class Halton {
    private static final int[] PRIMES = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71,
        73, 79, 83, 89, 97};

    private final int[][] permutations;
    private final double[] shifts;

    /**
     * A sequence with the given scramble.
     *
     * @param permutations per dimension, a permutation of 0..p_k−1 with {@code permutations[k][0] == 0}
     * @param shifts per dimension, in [0, 1)
     */
    public Halton(int[][] permutations, double[] shifts) {
        if (permutations.length != shifts.length || permutations.length > PRIMES.length) {
            throw new IllegalArgumentException("need one permutation and one shift per dimension, at most "
                    + PRIMES.length + " dimensions");
        }
        for (int k = 0; k < permutations.length; k++) {
            int base = PRIMES[k];
            boolean[] seen = new boolean[base];
            if (permutations[k].length != base || permutations[k][0] != 0) {
                throw new IllegalArgumentException("dimension " + k + ": a permutation of 0.." + (base - 1) + " fixing 0");
            }
            for (int digit : permutations[k]) {
                if (digit < 0 || digit >= base || seen[digit]) {
                    throw new IllegalArgumentException("dimension " + k + ": not a permutation");
                }
                seen[digit] = true;
            }
            if (!(shifts[k] >= 0 && shifts[k] < 1)) {
                throw new IllegalArgumentException("dimension " + k + ": the shift must be in [0, 1)");
            }
        }
        this.permutations = permutations.clone();
        this.shifts = shifts.clone();
    }

    /** The plain (unscrambled) Halton sequence in {@code dimensions} dimensions. */
    public static Halton plain(int dimensions) {
        int[][] identity = new int[dimensions][];
        for (int k = 0; k < dimensions; k++) {
            identity[k] = new int[PRIMES[k]];
            for (int digit = 0; digit < PRIMES[k]; digit++) {
                identity[k][digit] = digit;
            }
        }
        return new Halton(identity, new double[dimensions]);
    }

    /** The sequence scrambled from {@code seed}, as described in the class comment. */
    public static Halton scrambled(int dimensions, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[][] permutations = plain(dimensions).permutations;
        double[] shifts = new double[dimensions];
        for (int k = 0; k < dimensions; k++) {
            int[] sigma = permutations[k];
            for (int m = sigma.length - 1; m >= 2; m--) {
                int other = 1 + random.nextInt(m);
                int swap = sigma[m];
                sigma[m] = sigma[other];
                sigma[other] = swap;
            }
            shifts[k] = random.nextDouble();
        }
        return new Halton(permutations, shifts);
    }

    /** The number of dimensions. */
    public int dimensions() {
        return shifts.length;
    }

    /** The shift of dimension {@code k}. */
    double shift(int k) {
        return shifts[k];
    }

    /** Point {@code index} (1-based). */
    public double[] point(long index) {
        if (index < 1) {
            throw new IllegalArgumentException("points are numbered from 1, got " + index);
        }
        double[] point = new double[shifts.length];
        for (int k = 0; k < point.length; k++) {
            int base = PRIMES[k];
            // Σ σ(a_j) p^-(j+1) as an exact fraction numerator / p^J, divided once: exact to the last bit.
            long numerator = 0;
            long denominator = 1;
            for (long rest = index; rest > 0; rest /= base) {
                numerator = numerator * base + permutations[k][(int) (rest % base)];
                denominator *= base;
            }
            // numerator = Σ σ(a_j) p^(J−1−j) over the J digits, so numerator / p^J is the radical inverse.
            double radical = (double) numerator / (double) denominator;
            double shifted = radical + shifts[k];
            point[k] = shifted >= 1 ? shifted - 1 : shifted;
        }
        return point;
    }
}
