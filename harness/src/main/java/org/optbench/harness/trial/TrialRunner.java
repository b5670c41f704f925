package org.optbench.harness.trial;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.optbench.datasets.BatchPlan;
import org.optbench.datasets.DataSplit;
import org.optbench.datasets.Dataset;
import org.optbench.datasets.functions.TestFunction;
import org.optbench.harness.models.Evaluation;
import org.optbench.harness.models.Model;
import org.optbench.harness.wiring.FunctionProblem;
import org.optbench.harness.wiring.Registry;
import org.optbench.optimizers.Objective;
import org.optbench.optimizers.Optimizer;
import org.optbench.optimizers.OptimizerState;
import org.optbench.optimizers.ParameterLayout;
import org.optbench.optimizers.regularizers.EarlyStopping;
import org.optbench.optimizers.regularizers.RegularizerSet;
import org.optbench.optimizers.schedules.RunLength;
import org.optbench.optimizers.schedules.Schedule;
import org.optbench.reports.Configuration;
import org.optbench.reports.CurveRow;
import org.optbench.reports.TrialRow;
import org.optbench.reports.TrialStatus;
import org.optbench.reports.csv.TraceCsv;

/**
 * The work of one trial, a function of the trial alone: builds its components from the registry, trains, and
 * returns every row it produced. Nothing here depends on other trials, the thread it runs on or the order.
 *
 * <p>Model trials: each epoch draws a fresh order of the training examples from the trial's shuffling stream
 * and takes one update per mini-batch ({@link BatchPlan}). Each update evaluates the penalized batch objective
 * ({@link RegularizerSet#penalized}) wherever the optimizer asks, then applies the projections
 * ({@link RegularizerSet#afterUpdate}). An evaluation row follows every epoch (and every {@code eval_every}
 * updates): {@code train_loss} is the mean of the batch losses since the previous row, penalties included, as
 * the optimizer saw them (row 0: a full pass over the training split before any update); validation and test
 * loss and accuracy are passes without dropout or penalties over the whole splits, or, as the trial's
 * {@link EvaluationPlan} says, over a fixed validation subset and the test split only at some rows (always at the
 * last row and at the row early stopping restores).
 *
 * <p>Analytic functions: the function is the objective; {@code steps} updates from its start point, one trace
 * row per update; {@code train_loss} is the exact function value at the new point.
 */
public final class TrialRunner {
    private final Registry registry;
    private final DataProvider data;

    public TrialRunner(Registry registry, DataProvider data) {
        this.registry = registry;
        this.data = data;
    }

    /** Runs the trial on the calling thread alone; see {@link #run(Trial, IntSupplier)}. */
    public TrialResult run(Trial trial) {
        return run(trial, () -> 1);
    }

    /**
     * Runs the trial; an error inside it becomes a {@code failed} row with its message, never an exception. The model
     * may split each batch over {@code threads.getAsInt()} threads (asked before every batch; see
     * {@link Model#shareThreads}); the results are the same for any count.
     */
    public TrialResult run(Trial trial, IntSupplier threads) {
        long start = System.nanoTime();
        try {
            return trial.isFunction() ? runFunction(trial, start) : runModel(trial, start, threads);
        } catch (RuntimeException | OutOfMemoryError | LinkageError e) {
            // LinkageError: a plug-in class missing or compiled for a newer Java fails this trial, not the run.
            String message = e.getClass().getSimpleName() + ": " + e.getMessage();
            TrialRow row = new TrialRow(trial.id(), trial.configuration(), trial.seed(), trial.dataSeed(), trial.repeat(), TrialStatus.FAILED,
                    0, -1, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    seconds(System.nanoTime() - start), Double.NaN, Double.NaN, -1, message);
            java.io.StringWriter stack = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(stack));
            return new TrialResult(trial, List.of(), row, List.of(), List.of("trial " + trial.id() + " failed: " + message),
                    stack.toString());
        }
    }

    /**
     * Runs the trial's components untimed and throws everything away, so that the JIT has compiled the model's kernels
     * and the rule's update before any timed trial, as JMH's warm-up iterations do: at least {@code minUpdates} updates
     * and {@code seconds}, then on until two consecutive windows of {@code minUpdates} updates take times within 10% of
     * each other (the JIT has settled; on a busy machine compilation takes longer) or 5 x {@code seconds} have passed;
     * never more updates than the trial itself does. Before and after the updates it evaluates a slice of up to 2,048
     * training examples, since every trial starts and ends with evaluations. Nothing it does
     * reaches a result: the trial itself starts afresh. A failure here is left for the trial to report.
     *
     * @return the updates done
     */
    public int warmUp(Trial trial, double seconds, int minUpdates) {
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        long ceiling = start + (long) (5 * seconds * 1e9);
        try {
            if (trial.isFunction()) {
                FunctionSetup f = functionSetup(trial);
                int updates = 0;
                while (updates < trial.settings().steps() && (updates < minUpdates || System.nanoTime() < deadline)) {
                    double loss = f.state.step(f.theta, f.objectiveAt(updates), f.schedule.rate(updates));
                    f.regularizers.afterUpdate(f.theta, f.layout);
                    updates++;
                    if (!Double.isFinite(loss)) {
                        break;
                    }
                }
                return updates;
            }
            ModelSetup m = modelSetup(trial, () -> 1);
            BatchPlan plan = m.plan;
            int[] order = new int[m.train.count()];
            plan.shuffle(order, m.seeds.shuffling());
            DataSplit evaluated = slice(m.train, 2048);
            m.model.evaluate(m.theta, evaluated);
            long most = m.length.totalUpdates();
            int window = Math.max(1, minUpdates);
            long windowStart = System.nanoTime();
            long previousWindow = -1;
            boolean settled = false;
            int updates = 0;
            while (updates < most) {
                long now = System.nanoTime();
                if (updates >= minUpdates && now >= deadline && (settled || now >= ceiling)) {
                    break;
                }
                int batch = updates % plan.batchesPerEpoch();
                double loss = m.state.step(m.theta, m.objective(order, plan.from(batch), plan.to(batch), updates),
                        m.schedule.rate(updates));
                m.regularizers.afterUpdate(m.theta, m.layout);
                updates++;
                if (!Double.isFinite(loss)) {
                    break;
                }
                if (updates % window == 0) {
                    long end = System.nanoTime();
                    long took = end - windowStart;
                    settled = previousWindow > 0 && Math.abs(took - previousWindow) <= 0.1 * previousWindow;
                    previousWindow = took;
                    windowStart = end;
                }
            }
            m.model.evaluate(m.theta, evaluated);
            return updates;
        } catch (RuntimeException | OutOfMemoryError | LinkageError e) {
            return 0;
        }
    }

    /** A model trial's components, built and initialised the same way for the trial and for its warm-up. */
    private record ModelSetup(Dataset dataset, DataSplit train, TrialSeeds seeds, RegularizerSet regularizers,
            Model model, Optimizer optimizer, BatchPlan plan, RunLength length, Schedule schedule,
            ParameterLayout layout, float[] theta, OptimizerState state) {

        /** The penalized objective of update {@code step} (0-based) on the examples {@code order[from..to)}. */
        Objective objective(int[] order, int from, int to, long step) {
            return regularizers.penalized(model.batch(train, order, from, to, seeds.dropoutAt(step)), layout);
        }
    }

    private ModelSetup modelSetup(Trial trial, IntSupplier threads) {
        Dataset dataset = data.dataset(trial.dataset());
        TrialSeeds seeds = new TrialSeeds(trial.seed());
        RegularizerSet regularizers = regularizers(trial);
        Model model = registry.buildModel(trial.model(), dataset, regularizers.dropout());
        model.shareThreads(threads);
        Optimizer optimizer = registry.buildOptimizer(trial.optimizer());
        DataSplit train = dataset.train();
        BatchPlan plan = trial.settings().batchPlan(train.count());
        RunLength length = trial.settings().runLength(plan);
        Schedule schedule = registry.buildSchedule(trial.schedule(), optimizer.learningRate(), length);
        float[] theta = new float[model.dimension()];
        model.initialize(theta, seeds.initialization());
        return new ModelSetup(dataset, train, seeds, regularizers, model, optimizer, plan, length, schedule,
                model.layout(), theta, optimizer.init(theta.length));
    }

    /** An analytic function trial's components, at its start point, for the trial and for its warm-up. */
    private record FunctionSetup(FunctionProblem problem, TrialSeeds seeds, RegularizerSet regularizers,
            Schedule schedule, ParameterLayout layout, float[] theta, OptimizerState state) {

        /** The penalized objective of update {@code step} (0-based), its gradient noise keyed by the update. */
        Objective objectiveAt(long step) {
            return regularizers.penalized(problem.function().objective(problem.noise(), seeds.noiseAt(step)), layout);
        }
    }

    private FunctionSetup functionSetup(Trial trial) {
        FunctionProblem problem = registry.buildFunction(trial.dataset());
        Optimizer optimizer = registry.buildOptimizer(trial.optimizer());
        Schedule schedule = registry.buildSchedule(trial.schedule(), optimizer.learningRate(),
                trial.settings().functionRunLength());
        int dimension = problem.function().dimension();
        float[] theta = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            theta[i] = (float) problem.start()[i];
        }
        return new FunctionSetup(problem, new TrialSeeds(trial.seed()), regularizers(trial), schedule,
                ParameterLayout.allWeights(dimension), theta, optimizer.init(dimension));
    }

    private static DataSplit slice(DataSplit split, int most) {
        int[] first = new int[Math.min(split.count(), most)];
        java.util.Arrays.setAll(first, i -> i);
        return split.select(first);
    }

    /** The mutable bookkeeping of one trial's evaluations. */
    private static final class Tracker {
        final Trial trial;
        final Configuration configuration;
        final List<CurveRow> curves = new ArrayList<>();
        double bestValidationLoss = Double.NaN;
        double bestValidationAccuracy = Double.NaN;
        double secondsToTarget = Double.NaN;
        long stepsToTarget = -1;

        Tracker(Trial trial) {
            this.trial = trial;
            this.configuration = trial.configuration();
        }

        CurveRow record(int epoch, long step, double rate, double trainLoss, Evaluation validation, Evaluation test,
                long trainingNanos) {
            CurveRow row = new CurveRow(trial.id(), configuration, trial.seed(), trial.repeat(), epoch, step, rate,
                    trainLoss, validation.loss(), validation.accuracy(), test.loss(), test.accuracy(), seconds(trainingNanos));
            curves.add(row);
            if (!Double.isNaN(validation.loss()) && !(validation.loss() >= bestValidationLoss)) {
                bestValidationLoss = validation.loss();
            }
            if (!Double.isNaN(validation.accuracy()) && !(validation.accuracy() <= bestValidationAccuracy)) {
                bestValidationAccuracy = validation.accuracy();
            }
            Target target = trial.settings().target();
            if (target != null && stepsToTarget < 0 && target.isMet(metric(row, target.metric()))) {
                stepsToTarget = step;
                secondsToTarget = seconds(trainingNanos);
            }
            return row;
        }

        /**
         * Gives {@code row}, already recorded, the test scores of its parameters if it has none yet (and the test split
         * has examples); returns the row as it now stands in the curves.
         */
        CurveRow withTest(CurveRow row, Evaluation test) {
            if (!Double.isNaN(row.testLoss()) || Double.isNaN(test.loss())) {
                return row;
            }
            CurveRow tested = new CurveRow(row.trial(), row.configuration(), row.seed(), row.repeat(), row.epoch(),
                    row.step(), row.learningRate(), row.trainLoss(), row.validationLoss(), row.validationAccuracy(),
                    test.loss(), test.accuracy(), row.elapsedSeconds());
            for (int i = curves.size() - 1; i >= 0; i--) {
                if (curves.get(i) == row) {
                    curves.set(i, tested);
                    break;
                }
            }
            return tested;
        }
    }

    private static final Evaluation NONE = new Evaluation(Double.NaN, Double.NaN);

    private TrialResult runModel(Trial trial, long start, IntSupplier threads) {
        TrialSettings settings = trial.settings();
        ModelSetup setup = modelSetup(trial, threads);
        Dataset dataset = setup.dataset();
        TrialSeeds seeds = setup.seeds();
        RegularizerSet regularizers = setup.regularizers();
        Model model = setup.model();
        Optimizer optimizer = setup.optimizer();
        DataSplit train = setup.train();
        BatchPlan plan = setup.plan();
        int batches = plan.batchesPerEpoch();
        Schedule schedule = setup.schedule();
        List<String> warnings = new ArrayList<>();
        if (optimizer.expectsFullBatch() && !plan.isFullBatch()) {
            warnings.add("trial " + trial.id() + ": " + optimizer.name() + " is meant for full-batch gradients but runs on"
                    + " batches of " + plan.batchSize() + " out of " + train.count() + " examples (set batch: full)");
        }
        ParameterLayout layout = setup.layout();
        float[] theta = setup.theta();
        OptimizerState state = setup.state();
        int[] order = new int[train.count()];
        Optional<EarlyStopping.Monitor> monitor = regularizers.earlyStopping().map(EarlyStopping::monitor);
        float[] best = monitor.isPresent() ? theta.clone() : null;
        CurveRow bestRow = null;

        Tracker tracker = new Tracker(trial);
        EvaluationPlan evaluations = settings.evaluation();
        DataSplit validation = evaluations.validation(dataset.validation());
        Evaluation initialTrain = model.evaluate(theta, train);
        CurveRow last = tracker.record(0, 0, schedule.rate(0), initialTrain.loss(), evaluate(model, theta, validation),
                scheduledTest(evaluations, tracker, model, theta, dataset.test()), 0);
        double threshold = threshold(settings, initialTrain.loss());
        long budgetNanos = (long) (settings.timeBudgetSeconds() * 1e9);
        TrialStatus status = TrialStatus.OK;
        String message = "";
        long step = 0;
        long trainingNanos = 0;
        int epochsRun = 0;
        double lossSum = 0;
        int lossCount = 0;
        double rate = schedule.rate(0);
        training:
        for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
            plan.shuffle(order, seeds.shuffling());
            for (int batch = 0; batch < batches; batch++) {
                long before = System.nanoTime();
                Objective objective = setup.objective(order, plan.from(batch), plan.to(batch), step);
                rate = schedule.rate(step);
                double loss = state.step(theta, objective, rate);
                regularizers.afterUpdate(theta, layout);
                step++;
                trainingNanos += System.nanoTime() - before;
                lossSum += loss;
                lossCount++;
                if (diverged(loss, threshold)) {
                    status = TrialStatus.DIVERGED;
                    message = divergenceMessage(loss, initialTrain.loss(), settings, step);
                    last = tracker.record(epoch - 1, step, rate, loss, evaluate(model, theta, validation),
                            evaluate(model, theta, dataset.test()), trainingNanos);
                    break training;
                }
                if (budgetNanos > 0 && trainingNanos > budgetNanos) {
                    status = TrialStatus.TIME_BUDGET;
                    message = "time budget of " + settings.timeBudgetSeconds() + " s ran out after " + step + " updates";
                    last = tracker.record(epoch - 1, step, rate, lossSum / lossCount, evaluate(model, theta, validation),
                            evaluate(model, theta, dataset.test()), trainingNanos);
                    break training;
                }
                if (settings.evalEvery() > 0 && step % settings.evalEvery() == 0 && batch < batches - 1) {
                    last = tracker.record(epoch - 1, step, rate, lossSum / lossCount, evaluate(model, theta, validation),
                            scheduledTest(evaluations, tracker, model, theta, dataset.test()), trainingNanos);
                    lossSum = 0;
                    lossCount = 0;
                }
            }
            epochsRun = epoch;
            last = tracker.record(epoch, step, rate, lossSum / lossCount, evaluate(model, theta, validation),
                    scheduledTest(evaluations, tracker, model, theta, dataset.test()), trainingNanos);
            lossSum = 0;
            lossCount = 0;
            if (monitor.isPresent()) {
                EarlyStopping.Monitor watch = monitor.get();
                double value = metric(last, regularizers.earlyStopping().get().metric().key());
                if (watch.observe(epoch, value)) {
                    System.arraycopy(theta, 0, best, 0, theta.length);
                    bestRow = last;
                }
                if (watch.shouldStop() && epoch < settings.epochs()) {
                    status = TrialStatus.STOPPED_EARLY;
                    message = "no " + regularizers.earlyStopping().get().metric().key() + " improvement for "
                            + regularizers.earlyStopping().get().patience() + " epochs; restored epoch " + watch.bestEpoch();
                    break;
                }
            }
        }
        // The last row scores the test split whatever test_every says (theta has not changed since it was written).
        CurveRow tested = withTest(tracker, last, model, theta, dataset.test());
        bestRow = bestRow == last ? tested : bestRow;
        last = tested;
        CurveRow finalRow = last;
        int bestEpoch;
        if (monitor.isPresent() && bestRow != null && status != TrialStatus.DIVERGED) {
            // The returned parameters are the best ones seen, whether or not training stopped early.
            System.arraycopy(best, 0, theta, 0, theta.length);
            bestRow = withTest(tracker, bestRow, model, theta, dataset.test());
            finalRow = bestRow;
            bestEpoch = monitor.get().bestEpoch();
        } else {
            bestEpoch = bestEpoch(tracker.curves, dataset.isClassification());
        }
        TrialRow row = new TrialRow(trial.id(), tracker.configuration, trial.seed(), trial.dataSeed(), trial.repeat(), status, epochsRun,
                bestEpoch, step, finalRow.trainLoss(), finalRow.validationLoss(), finalRow.validationAccuracy(),
                finalRow.testLoss(), finalRow.testAccuracy(), tracker.bestValidationLoss, tracker.bestValidationAccuracy,
                seconds(System.nanoTime() - start), epochsRun == 0 ? Double.NaN : seconds(trainingNanos) / epochsRun,
                tracker.secondsToTarget, tracker.stepsToTarget, message);
        return new TrialResult(trial, tracker.curves, row, List.of(), warnings);
    }

    private TrialResult runFunction(Trial trial, long start) {
        TrialSettings settings = trial.settings();
        FunctionSetup setup = functionSetup(trial);
        TestFunction function = setup.problem().function();
        RegularizerSet regularizers = setup.regularizers();
        Schedule schedule = setup.schedule();
        ParameterLayout layout = setup.layout();
        float[] theta = setup.theta();
        double[] point = new double[theta.length];
        OptimizerState state = setup.state();
        Tracker tracker = new Tracker(trial);
        List<TraceCsv.Point> trace = new ArrayList<>(settings.steps() + 1);
        double initial = value(function, theta, point);
        double rate = schedule.rate(0);
        trace.add(new TraceCsv.Point(0, rate, initial, theta.clone()));
        CurveRow last = tracker.record(0, 0, rate, initial, NONE, NONE, 0);
        double threshold = threshold(settings, initial);
        long budgetNanos = (long) (settings.timeBudgetSeconds() * 1e9);
        int every = settings.evalEvery() == 0 ? 1 : settings.evalEvery();
        TrialStatus status = TrialStatus.OK;
        String message = "";
        long trainingNanos = 0;
        long step = 0;
        while (step < settings.steps()) {
            long before = System.nanoTime();
            rate = schedule.rate(step);
            Objective objective = setup.objectiveAt(step);
            state.step(theta, objective, rate);
            regularizers.afterUpdate(theta, layout);
            step++;
            trainingNanos += System.nanoTime() - before;
            double loss = value(function, theta, point);
            trace.add(new TraceCsv.Point(step, rate, loss, theta.clone()));
            boolean diverged = diverged(loss, threshold);
            boolean outOfTime = budgetNanos > 0 && trainingNanos > budgetNanos;
            if (step % every == 0 || step == settings.steps() || diverged || outOfTime) {
                last = tracker.record(0, step, rate, loss, NONE, NONE, trainingNanos);
            }
            if (diverged) {
                status = TrialStatus.DIVERGED;
                message = divergenceMessage(loss, initial, settings, step);
                break;
            }
            if (outOfTime) {
                status = TrialStatus.TIME_BUDGET;
                message = "time budget of " + settings.timeBudgetSeconds() + " s ran out after " + step + " updates";
                break;
            }
        }
        TrialRow row = new TrialRow(trial.id(), tracker.configuration, trial.seed(), trial.dataSeed(), trial.repeat(), status, 0, -1, step,
                last.trainLoss(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                seconds(System.nanoTime() - start), Double.NaN, tracker.secondsToTarget, tracker.stepsToTarget, message);
        return new TrialResult(trial, tracker.curves, row, trace, List.of());
    }

    private RegularizerSet regularizers(Trial trial) {
        return new RegularizerSet(trial.regularizers().stream().map(registry::buildRegularizer).toList());
    }

    private static double value(TestFunction function, float[] theta, double[] point) {
        for (int i = 0; i < theta.length; i++) {
            point[i] = theta[i];
        }
        return function.value(point);
    }

    /** The test split's scores if the plan scores it at the row about to be written, otherwise none. */
    private static Evaluation scheduledTest(EvaluationPlan plan, Tracker tracker, Model model, float[] theta,
            DataSplit test) {
        return plan.testsAt(tracker.curves.size()) ? evaluate(model, theta, test) : NONE;
    }

    /**
     * {@code row} with the test scores of {@code theta}; the test split is scored only when the row has none yet (a
     * row scored on test_every's schedule already has them, and a pass over the test split is a trial's largest
     * evaluation).
     */
    private static CurveRow withTest(Tracker tracker, CurveRow row, Model model, float[] theta, DataSplit test) {
        return Double.isNaN(row.testLoss()) ? tracker.withTest(row, evaluate(model, theta, test)) : row;
    }

    private static Evaluation evaluate(Model model, float[] theta, DataSplit split) {
        return split.count() == 0 ? NONE : model.evaluate(theta, split);
    }

    /** Losses above this diverge: the configured multiple of the initial loss's magnitude (at least 1). */
    private static double threshold(TrialSettings settings, double initialLoss) {
        return settings.divergence() == 0 ? Double.POSITIVE_INFINITY
                : settings.divergence() * Math.max(Math.abs(initialLoss), 1.0);
    }

    private static boolean diverged(double loss, double threshold) {
        return !Double.isFinite(loss) || loss > threshold;
    }

    private static String divergenceMessage(double loss, double initial, TrialSettings settings, long step) {
        if (!Double.isFinite(loss)) {
            return "loss became " + loss + " at update " + step;
        }
        return "loss " + loss + " at update " + step + " exceeded " + settings.divergence() + " x the initial loss " + initial;
    }

    private static int bestEpoch(List<CurveRow> curves, boolean classification) {
        int bestEpoch = -1;
        double best = Double.NaN;
        for (CurveRow row : curves) {
            if (row.step() > 0 && row.epoch() == 0) {
                continue;
            }
            double value = classification ? row.validationAccuracy() : row.validationLoss();
            if (Double.isNaN(value)) {
                continue;
            }
            boolean better = Double.isNaN(best) || (classification ? value > best : value < best);
            if (better) {
                best = value;
                bestEpoch = row.epoch();
            }
        }
        return bestEpoch;
    }

    static double metric(CurveRow row, String metric) {
        return switch (metric) {
            case "train_loss" -> row.trainLoss();
            case "val_loss" -> row.validationLoss();
            case "val_accuracy" -> row.validationAccuracy();
            case "test_loss" -> row.testLoss();
            case "test_accuracy" -> row.testAccuracy();
            default -> throw new IllegalArgumentException("unknown metric " + metric);
        };
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
