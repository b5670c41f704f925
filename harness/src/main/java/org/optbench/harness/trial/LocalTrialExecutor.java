package org.optbench.harness.trial;

import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs trials on a fixed pool of local threads, handing results back in completion order.
 *
 * <p>Threads are shared out, never multiplied: while r trials run, each may split its batches over
 * {@code max(1, threads / r)} threads (integer division), asked again before every batch. A run with more trials than
 * threads therefore runs one trial per thread, each on one thread, and a lone trial (a single long CNN, the last
 * trial of a grid) takes all of them. Results do not depend on the split ({@link TrialRunner#run(Trial,
 * java.util.function.IntSupplier)}).
 */
public final class LocalTrialExecutor implements TrialExecutor {
    private final int threads;

    /** A pool of {@code threads} workers, at least 1. */
    public LocalTrialExecutor(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
    }

    /** One worker per available core. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The threads each of {@code running} trials may use: {@code max(1, threads / running)}. */
    static int share(int threads, int running) {
        return Math.max(1, threads / Math.max(1, running));
    }

    @Override
    public void execute(List<Trial> trials, TrialRunner runner, Consumer<TrialResult> onResult) throws InterruptedException {
        if (trials.isEmpty()) {
            return;
        }
        AtomicInteger counter = new AtomicInteger();
        AtomicInteger running = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, trials.size()), task -> {
            Thread thread = new Thread(task, "trial-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            CompletionService<TrialResult> completion = new ExecutorCompletionService<>(pool);
            for (Trial trial : trials) {
                completion.submit(() -> {
                    running.incrementAndGet();
                    try {
                        return runner.run(trial, () -> share(threads, running.get()));
                    } finally {
                        running.decrementAndGet();
                    }
                });
            }
            for (int done = 0; done < trials.size(); done++) {
                try {
                    onResult.accept(completion.take().get());
                } catch (ExecutionException e) {
                    // run() turns trial failures into FAILED rows; anything escaping it is a harness bug.
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
