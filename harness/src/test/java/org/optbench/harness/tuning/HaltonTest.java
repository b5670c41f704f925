package org.optbench.harness.tuning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Halton points against halton-reference.txt, written by halton-reference.py (beside it in the test
 * resources): the radical inverse summed in exact fractions with Python's {@code fractions}, rounded once to a
 * double, plus the shift and {@code math.fmod(·, 1)}. Java computes the same digits as an integer fraction and
 * divides once, so the points must agree to the last bit (tolerance 0).
 */
class HaltonTest {
    static final int[][] PERMUTATIONS = {{0, 1}, {0, 2, 1}, {0, 3, 1, 4, 2}, {0, 6, 2, 5, 1, 4, 3},
        {0, 7, 3, 10, 1, 9, 5, 2, 8, 4, 6}};
    static final double[] SHIFTS = {0.25, 0.6180339887498949, 0.1, 0.9, 0.5};

    static Map<String, List<double[]>> reference() throws IOException {
        Map<String, List<double[]>> blocks = new LinkedHashMap<>();
        try (InputStream in = HaltonTest.class.getResourceAsStream("halton-reference.txt")) {
            List<double[]> current = null;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("plain") || line.startsWith("scrambled")) {
                    current = new ArrayList<>();
                    blocks.put(line.trim(), current);
                } else if (!line.isBlank()) {
                    current.add(Arrays.stream(line.split(",")).mapToDouble(cell -> Double.parseDouble(cell.trim())).toArray());
                }
            }
        }
        return blocks;
    }

    @Test
    void plainPointsEqualTheExactFractionReferenceIn2And5Dimensions() throws IOException {
        Map<String, List<double[]>> reference = reference();
        for (int dims : new int[] {2, 5}) {
            List<double[]> expected = reference.get("plain " + dims);
            assertEquals(20, expected.size());
            Halton halton = Halton.plain(dims);
            for (int i = 1; i <= 20; i++) {
                assertArrayEquals(expected.get(i - 1), halton.point(i), 0.0, "point " + i + " in " + dims + "-D");
            }
        }
        // By hand: 11 = 1011 in base 2 -> 0.1101 = 13/16; 11 = 102 in base 3 -> 0.201 = 19/27.
        assertArrayEquals(new double[] {13.0 / 16, 19.0 / 27}, Halton.plain(2).point(11), 0.0);
    }

    @Test
    void scrambledPointsEqualTheReferenceWithTheSamePermutationsAndShifts() throws IOException {
        List<double[]> expected = reference().get("scrambled 5");
        Halton halton = new Halton(PERMUTATIONS, SHIFTS);
        for (int i = 1; i <= 20; i++) {
            assertArrayEquals(expected.get(i - 1), halton.point(i), 0.0, "point " + i);
        }
    }

    @Test
    void theScrambleIsReproducibleFromItsSeedAndStratifiesLikeTheSequence() {
        Halton first = Halton.scrambled(3, 42);
        Halton again = Halton.scrambled(3, 42);
        Halton other = Halton.scrambled(3, 43);
        assertArrayEquals(first.point(7), again.point(7), 0.0);
        assertFalse(Arrays.equals(first.point(7), other.point(7)));
        // Points 1..p² take every pair of last two digits once, so with the shift undone they fill each of the p²
        // cells [j/p², (j+1)/p²) exactly once, as the plain sequence does. (+1e-9 absorbs the rounding of x − s for a
        // point exactly on a cell boundary; points are at least 1/p³ apart from any other boundary.)
        int[] primes = {2, 3, 5};
        for (int k = 0; k < 3; k++) {
            int cells = primes[k] * primes[k];
            Set<Integer> seen = new HashSet<>();
            for (int i = 1; i <= cells; i++) {
                double x = first.point(i)[k];
                assertTrue(x >= 0 && x < 1, "in [0, 1)");
                double unshifted = x - first.shift(k);
                unshifted = unshifted < 0 ? unshifted + 1 : unshifted;
                assertTrue(seen.add((int) Math.floor(unshifted * cells + 1e-9) % cells), "dimension " + k + " point " + i);
            }
            assertEquals(cells, seen.size());
        }
    }

    @Test
    void rejectsAnInvalidScramble() {
        assertThrows(IllegalArgumentException.class, () -> new Halton(new int[][] {{1, 0}}, new double[] {0}));
        assertThrows(IllegalArgumentException.class, () -> new Halton(new int[][] {{0, 1}}, new double[] {1.0}));
        assertThrows(IllegalArgumentException.class, () -> Halton.plain(2).point(0));
    }
}
