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
}
