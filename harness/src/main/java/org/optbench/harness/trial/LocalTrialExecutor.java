package org.optbench.harness.trial;

import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs trials on a fixed pool of local threads, handing results back in completion order.
 *
 * <p>Threads are shared out, never multiplied, and the same way for every trial of a call: with n trials to run,
 * each may split its batches over {@code max(1, threads / min(n, threads))} threads (integer division). A run with
 * at least as many trials as threads therefore runs one trial per thread, each on one thread, and a lone trial (a
 * single long CNN) takes all of them. The share is fixed for the whole call rather than growing as trials finish, so
 * that no trial's time depends on its place in the run (the last trials of a grid would otherwise run faster than
 * the first). Results do not depend on the split ({@link TrialRunner#run(Trial, java.util.function.IntSupplier)}).
 */
public final class LocalTrialExecutor implements TrialExecutor {
    private final int threads;
    private final Function<WorkerSetup, TrialRunner> wiring;

    /**
     * A pool of {@code threads} workers, at least 1, running trials with the runner {@code wiring} gives for the
     * setup: in this JVM that is the caller's own, which has already built the registry and loaded the data the setup
     * describes ({@link TrialWorkers#runner} builds one from the setup alone).
     */
    public LocalTrialExecutor(int threads, Function<WorkerSetup, TrialRunner> wiring) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.wiring = wiring;
    }

    /** One worker per available core. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The threads each trial may use when {@code trials} are to run: {@code max(1, threads / min(trials, threads))}. */
    static int share(int threads, int trials) {
        return Math.max(1, threads / Math.max(1, Math.min(trials, threads)));
    }

    @Override
    public String where() {
        return threads + " thread" + (threads == 1 ? "" : "s");
    }

    @Override
    public void execute(List<Trial> trials, WorkerSetup setup, Consumer<TrialResult> onResult) throws InterruptedException {
        if (trials.isEmpty()) {
            return;
        }
        TrialRunner runner = wiring.apply(setup);
        int share = share(threads, trials.size());
        AtomicInteger counter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, trials.size()), task -> {
            Thread thread = new Thread(task, "trial-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            CompletionService<TrialResult> completion = new ExecutorCompletionService<>(pool);
            for (Trial trial : trials) {
                completion.submit(() -> runner.run(trial, () -> share));
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
