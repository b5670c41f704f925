package org.optbench.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.optbench.datasets.DataDirectory;
import org.optbench.datasets.DataException;
import org.optbench.datasets.DataFetcher;
import org.optbench.datasets.ImageDataset;
import org.optbench.harness.UserError;
import org.optbench.harness.config.ComponentParser;
import org.optbench.harness.trial.Placement;
import org.optbench.harness.trial.Trial;
import org.optbench.harness.trial.TrialExecutor;
import org.optbench.harness.trial.TrialResult;
import org.optbench.harness.trial.TrialWorkers;
import org.optbench.harness.trial.WorkerSetup;
import scala.Function0;
import scala.Function1;
import scala.Function2;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;
import scala.util.Try;

/**
 * Runs trials as one Spark job with one partition (one task) per trial. Each task receives its {@link Trial} and the
 * {@link WorkerSetup} as plain data; the executor JVM wires itself and loads its data once ({@link TrialWorkers}),
 * runs the trial and returns its {@link TrialResult} with its {@link Placement}. Results stream back through
 * {@link SparkContext#submitJob}'s result handler as each task ends, and the calling thread hands them on one at a
 * time, so the driver alone writes the run folder.
 *
 * <p>Failures: a trial's own failure is already a {@code failed} row inside its result. A task that fails (executor
 * lost, data missing on that machine) is retried by Spark ({@code spark.task.maxFailures}); if it keeps failing the
 * job stops and this throws a {@link UserError} naming the cause: every result that arrived is already handed on,
 * the rest is left for {@code --resume}. Spark reports each partition's result once, and results of trials already
 * handed on are dropped, so a task attempt that ran twice never gives two rows.
 */
public final class SparkTrialExecutor implements TrialExecutor {
    private final SparkConf conf;

    /** An executor that starts a Spark context from {@code conf} for each {@link #execute} and stops it after. */
    public SparkTrialExecutor(SparkConf conf) {
        this.conf = conf.clone();
    }

    @Override
    public String where() {
        return "spark " + conf.get("spark.master", "local[*]");
    }

    @Override
    public boolean inThisJvm() {
        return false;
    }

    @Override
    public void execute(List<Trial> trials, WorkerSetup setup, Consumer<TrialResult> onResult) throws InterruptedException {
        if (trials.isEmpty()) {
            return;
        }
        verifyData(trials, setup);
        SparkContext context = new SparkContext(conf);
        try {
            RDD<Trial> rdd = JavaSparkContext.fromSparkContext(context).parallelize(trials, trials.size()).rdd();
            List<Object> partitions = new ArrayList<>();
            for (int i = 0; i < trials.size(); i++) {
                partitions.add(i);
            }
            BlockingQueue<TrialResult> arrived = new LinkedBlockingQueue<>();
            Function1<Iterator<Trial>, TrialResult> task = task(setup);
            Function2<Object, TrialResult, BoxedUnit> handler = (index, result) -> {
                arrived.add(result);
                return BoxedUnit.UNIT;
            };
            Function0<BoxedUnit> done = () -> BoxedUnit.UNIT;
            SimpleFutureAction<BoxedUnit> job = context.submitJob(rdd, task,
                    CollectionConverters.asScala(partitions).toSeq(), handler, done);
            Set<Integer> handed = new HashSet<>();
            try {
                while (handed.size() < trials.size()) {
                    TrialResult result = arrived.poll(50, TimeUnit.MILLISECONDS);
                    if (result == null) {
                        if (job.isCompleted() && arrived.isEmpty()) {
                            failIfFailed(job, handed.size(), trials.size());
                            if (arrived.isEmpty()) {
                                throw new IllegalStateException("the Spark job ended with " + handed.size() + " of "
                                        + trials.size() + " results");
                            }
                        }
                        continue;
                    }
                    if (handed.add(result.trial().id())) {
                        onResult.accept(result);
                    }
                }
            } catch (InterruptedException e) {
                job.cancel();
                throw e;
            }
        } finally {
            context.stop();
        }
    }

    /** The task: runs its partition's one trial on this executor's worker. Static, so it captures only the setup. */
    private static Function1<Iterator<Trial>, TrialResult> task(WorkerSetup setup) {
        return (Function1<Iterator<Trial>, TrialResult> & Serializable) partition -> {
            Trial trial = partition.next();
            SparkEnv env = SparkEnv.get();
            Placement placement = Placement.thisJvm(env == null ? "unknown" : env.executorId());
            return TrialWorkers.run(setup, trial, placement.describe()).at(placement);
        };
    }

    private static void failIfFailed(SimpleFutureAction<BoxedUnit> job, int handed, int total) {
        Try<BoxedUnit> outcome = job.value().get();
        if (outcome.isFailure()) {
            Throwable cause = outcome.failed().get();
            String first = String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
            throw new UserError("the Spark job stopped after " + handed + " of " + total + " trials: " + first
                    + "; the finished trials are saved: fix the cause and finish the run with --resume --out DIR", cause);
        }
    }

    /**
     * The driver's own check before any task starts: every fetched image data set the trials use is present in the
     * setup's data folder with its sha256 (workers check again before loading).
     */
    private static void verifyData(List<Trial> trials, WorkerSetup setup) {
        Set<String> names = new LinkedHashSet<>();
        for (Trial trial : trials) {
            if (!trial.isFunction()) {
                names.add(ComponentParser.parse(trial.dataset(), "dataset").name());
            }
        }
        DataDirectory directory = DataDirectory.resolve(setup.dataOptions().dataDirectory());
        for (ImageDataset image : ImageDataset.values()) {
            if (names.contains(image.id())) {
                try {
                    DataFetcher.verifyWithoutFetching(image, directory, "the driver");
                } catch (DataException e) {
                    throw new UserError(e.getMessage(), e);
                }
            }
        }
    }
}
