package org.optbench.harness.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
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
    void eachParticipantNumberIsOneThreadBelowTheThreadCountWithinACall() {
        // Scratch space per participant (MatMul's packed operands) is safe only if, within one call, a participant
        // number is always the same thread, the caller is 0, and the numbers stay below min(threads, chunks).
        for (int threads = 1; threads <= 4; threads++) {
            for (int chunks : new int[] {1, 2, 5, 16, 64}) {
                for (int call = 0; call < 50; call++) {
                    Thread[] seen = new Thread[8];
                    AtomicIntegerArray runs = new AtomicIntegerArray(chunks);
                    int limit = Math.min(threads, chunks);
                    List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
                    Thread caller = Thread.currentThread();
                    Workers.run(threads, chunks, (chunk, participant) -> {
                        runs.incrementAndGet(chunk);
                        if (participant < 0 || participant >= limit) {
                            wrong.add("participant " + participant + " of " + limit);
                            return;
                        }
                        synchronized (seen) {
                            if (seen[participant] == null) {
                                seen[participant] = Thread.currentThread();
                            } else if (seen[participant] != Thread.currentThread()) {
                                wrong.add("participant " + participant + " on two threads");
                            }
                        }
                        if ((participant == 0) != (Thread.currentThread() == caller)) {
                            wrong.add("participant " + participant + " on " + Thread.currentThread().getName());
                        }
                    });
                    assertEquals(List.of(), wrong, threads + " threads, " + chunks + " chunks");
                    for (int c = 0; c < chunks; c++) {
                        assertEquals(1, runs.get(c), "chunk " + c);
                    }
                }
            }
        }
    }

    @Test
    void callersOnSeveralThreadsEachGetEveryChunkOfEveryCallOnce() throws Exception {
        // Each calling thread has its own team of helpers, reused from call to call: 3 callers × 2,000 calls of
        // 2 or 3 threads, back to back, with no chunk lost or run twice.
        int calls = 2000;
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            List<java.util.concurrent.Future<Integer>> results = new ArrayList<>();
            for (int caller = 0; caller < 3; caller++) {
                int threads = 2 + caller % 2;
                results.add(callers.submit(() -> {
                    int wrong = 0;
                    for (int call = 0; call < calls; call++) {
                        int chunks = 1 + call % 9;
                        AtomicIntegerArray runs = new AtomicIntegerArray(chunks);
                        Workers.run(threads, chunks, runs::incrementAndGet);
                        for (int c = 0; c < chunks; c++) {
                            wrong += runs.get(c) == 1 ? 0 : 1;
                        }
                    }
                    return wrong;
                }));
            }
            for (java.util.concurrent.Future<Integer> result : results) {
                assertEquals(0, result.get(), "chunks run other than once");
            }
        } finally {
            callers.shutdownNow();
        }
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
