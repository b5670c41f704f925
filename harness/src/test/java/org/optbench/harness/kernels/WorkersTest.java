package org.optbench.harness.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkersTest {

    @Test
    void everyChunkRunsExactlyOnceWhateverTheThreadCount() {
        for (int threads = 1; threads <= 5; threads++) {
            for (int chunks : new int[] {1, 2, 3, 7, 64}) {
                AtomicIntegerArray runs = new AtomicIntegerArray(chunks);
                Workers.run(threads, chunks, runs::incrementAndGet);
                for (int c = 0; c < chunks; c++) {
                    assertEquals(1, runs.get(c), "chunk " + c + " of " + chunks + " on " + threads + " threads");
                }
            }
        }
        Workers.run(3, 0, chunk -> {
            throw new AssertionError("no chunk to run");
        });
    }

    @Test
    void aFailingChunkFailsTheCallAfterTheOthersFinish() {
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> Workers.run(2, 8, chunk -> {
            if (chunk == 5) {
                throw new IllegalStateException("chunk 5 failed");
            }
        }));
        assertEquals("chunk 5 failed", error.getMessage());
        // The pool is still usable afterwards.
        AtomicIntegerArray runs = new AtomicIntegerArray(4);
        Workers.run(2, 4, runs::incrementAndGet);
        assertEquals(4, runs.get(0) + runs.get(1) + runs.get(2) + runs.get(3));
    }
}
