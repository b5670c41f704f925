package org.optbench.harness.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** How a model's objective cuts an optimizer's element-wise update among its threads. */
class SplitUpdateTest {

    @Test
    void everyIndexIsUpdatedOnceInAlignedPiecesOnAnyThreadCount() {
        int big = BatchModel.PARALLEL_UPDATE;
        for (int threads = 1; threads <= 3; threads++) {
            for (int length : new int[] {0, 1, big - 1, big, big + 1, 235_146, 1_000_000}) {
                AtomicIntegerArray updates = new AtomicIntegerArray(length);
                List<int[]> pieces = Collections.synchronizedList(new ArrayList<>());
                BatchModel.splitUpdate(threads, length, (from, to) -> {
                    pieces.add(new int[] {from, to});
                    for (int i = from; i < to; i++) {
                        updates.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < length; i++) {
                    assertEquals(1, updates.get(i), "index " + i + " of " + length + " on " + threads + " threads");
                }
                // Small updates and one thread: one range. Otherwise 4 pieces per thread, each starting on a 4 KB
                // boundary, so that no cache line is written by two threads.
                int expected = threads == 1 || length < big ? 1 : 4 * threads;
                assertEquals(expected, pieces.size(), length + " on " + threads + " threads");
                for (int[] piece : pieces) {
                    assertEquals(0, piece[0] % BatchModel.UPDATE_ALIGNMENT, "piece start " + piece[0]);
                    assertTrue(piece[0] < piece[1] || length == 0, "a non-empty piece");
                }
            }
        }
    }

    /** The participant whose home range holds item {@code index} of {@code count} (as {@code Workers} cuts them). */
    private static int home(int index, int count, int participants) {
        for (int p = 0; p < participants; p++) {
            if (index < (int) ((long) count * (p + 1) / participants)) {
                return p;
            }
        }
        throw new AssertionError(index + " of " + count);
    }

    @Test
    void aDenseModelUpdatesTheRowsOfEachLayerOnTheThreadThatMultipliedThem() {
        int[] sizes = {784, 256, 128, 10};
        DenseStack stack = new DenseStack("mlp", sizes, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY, null, 0);
        int length = stack.end();
        int w0 = 0;
        int w1 = 784 * 256 + 256;
        for (int threads = 2; threads <= 3; threads++) {
            int[][] pieces = stack.updatePieces(threads);
            int[] cut0 = org.optbench.harness.kernels.MatMul.rowCut(256, threads);
            int[] cut1 = org.optbench.harness.kernels.MatMul.rowCut(128, threads);
            int chunks = 4 * threads;
            assertEquals(chunks + 1, cut0.length);
            assertEquals(chunks + 1, cut1.length);
            assertEquals(2 * chunks, pieces.length, "one piece per chunk of each of the two layers cut by rows");
            int[] updates = new int[length];
            for (int q = 0; q < pieces.length; q++) {
                for (int r = 0; r < pieces[q].length; r += 2) {
                    for (int i = pieces[q][r]; i < pieces[q][r + 1]; i++) {
                        updates[i]++;
                    }
                }
                // Its first range is chunk c of layer 0 or 1, whose rows the products give to the same participant.
                int c = q / 2;
                int layer = q % 2;
                int[] cut = layer == 0 ? cut0 : cut1;
                int in = layer == 0 ? 784 : 256;
                int offset = layer == 0 ? w0 : w1;
                assertEquals(offset + cut[c] * in, pieces[q][0], "piece " + q + " starts at its chunk's first row");
                assertEquals(offset + cut[c + 1] * in, pieces[q][1], "piece " + q + " ends at its chunk's last row");
                assertEquals(home(c, chunks, threads), home(q, pieces.length, threads),
                        "piece " + q + " on the participant of chunk " + c + ", " + threads + " threads");
            }
            for (int i = 0; i < length; i++) {
                assertEquals(1, updates[i], "parameter " + i + " on " + threads + " threads");
            }
        }
        // One thread, or a layer too small to be cut by rows on this many threads: no such pieces.
        assertEquals(null, stack.updatePieces(1));
        DenseStack small = new DenseStack("mlp", new int[] {784, 40, 10}, Activation.RELU,
                OutputLoss.SOFTMAX_CROSS_ENTROPY, null, 0);
        assertEquals(null, small.updatePieces(2), "40 units are 7 row tiles, fewer than 4 per thread");
    }

    @Test
    void aDenseModelsObjectiveUpdatesEveryParameterOnce() {
        Mlp mlp = new Mlp(784, new int[] {256, 128}, Activation.RELU, 10, OutputLoss.SOFTMAX_CROSS_ENTROPY, null, 1);
        int length = mlp.dimension();
        for (int threads = 1; threads <= 3; threads++) {
            AtomicIntegerArray updates = new AtomicIntegerArray(length);
            mlp.updateInPieces(threads, length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    updates.incrementAndGet(i);
                }
            });
            for (int i = 0; i < length; i++) {
                assertEquals(1, updates.get(i), "parameter " + i + " on " + threads + " threads");
            }
        }
    }
}
