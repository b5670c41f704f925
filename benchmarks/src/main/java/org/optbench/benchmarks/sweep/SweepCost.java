package org.optbench.benchmarks.sweep;

import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.optbench.datasets.DataSplit;
import org.optbench.datasets.Dataset;
import org.optbench.harness.config.Experiment;
import org.optbench.harness.config.Plan;
import org.optbench.harness.models.Model;
import org.optbench.harness.run.ExperimentRunner;
import org.optbench.harness.run.Progress;
import org.optbench.harness.trial.DataProvider;
import org.optbench.harness.trial.Trial;
import org.optbench.harness.trial.TrialResult;
import org.optbench.harness.trial.TrialRunner;
import org.optbench.harness.trial.TrialSeeds;
import org.optbench.harness.wiring.DataOptions;
import org.optbench.harness.wiring.Registry;
import org.optbench.harness.wiring.Wiring;
import org.optbench.optimizers.Optimizer;
import org.optbench.optimizers.regularizers.RegularizerSet;
import org.optbench.datasets.BatchPlan;
import org.optbench.optimizers.schedules.RunLength;

/**
 * The fixed cost of a trial in a warm JVM, broken down (docs/performance.md, "Sweep throughput"). Loads a model
 * grid (default {@code benchmarks/sweep/grid.yaml}), runs it once to warm the JVM up, then for {@code ROUNDS} rounds
 * (default 5) measures, per trial of the grid, each with wall and CPU time, and prints the medians over rounds:
 * <ul>
 *   <li><b>run</b>: {@link ExperimentRunner#run} of the whole grid into a fresh folder, on one thread, without the
 *       report, as {@code optbench run --threads 1 --no-report} does after the JVM has started; and the same with
 *       {@code --warmup 0}. Their difference is the warm-up's share.</li>
 *   <li><b>trial</b>: {@link TrialRunner#run} of every trial, nothing written; its {@code s_per_epoch} x epochs is
 *       the <b>updates</b> (the trial's own training clock).</li>
 *   <li><b>wiring</b>: what {@code TrialRunner} builds before training, through the same public calls: the
 *       regularizers, model, optimizer, batch plan, run length and schedule, and the initialised parameters and
 *       optimizer state.</li>
 *   <li><b>data views</b>: the data set from the provider, its three splits and the evaluation plan's validation
 *       view.</li>
 *   <li><b>evaluations</b>: the passes a trial scores (train once before training; validation and test at each of
 *       its rows), with the trial's model at its initial parameters.</li>
 * </ul>
 * The remainder {@code trial - updates - wiring - data views - evaluations} is the trial's bookkeeping, and
 * {@code run(--warmup 0) - trial} the runner's (writing rows, journal, placement, manifest, the sorted rewrite at
 * the end). Run it pinned ({@code taskset -c 0}); see {@code benchmarks/sweep/sweep.sh}.
 *
 * <p>Arguments: {@code [GRID.yaml] [ROUNDS]}.
 */
public final class SweepCost {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private SweepCost() {
    }

    /** Wall and CPU nanoseconds of one measurement over the whole grid. */
    private record Cost(long wall, long cpu) {
        Cost plus(Cost other) {
            return new Cost(wall + other.wall, cpu + other.cpu);
        }
    }

    public static void main(String[] args) throws Exception {
        Path grid = Path.of(args.length > 0 ? args[0] : "benchmarks/sweep/grid.yaml");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Registry registry = Wiring.registry(List.of());
        ExperimentRunner loader = new ExperimentRunner(registry, silent());
        Plan plan = loader.load(grid, List.of());
        Experiment first = plan.parts().get(0);
        DataOptions options = new DataOptions(null, first.validation(), first.subset(), first.standardize(), first.dataSeed());
        Map<String, Dataset> data = new HashMap<>();
        for (Experiment part : plan.parts()) {
            for (String canonical : part.datasets()) {
                if (!registry.isFunction(canonical)) {
                    data.putIfAbsent(canonical, registry.loadDataset(canonical, options));
                }
            }
        }
        DataProvider provider = data::get;
        List<Trial> trials = plan.trials(registry::isFunction);
        if (trials.stream().anyMatch(Trial::isFunction)) {
            throw new IllegalArgumentException(grid + ": the sweep benchmark measures model trials; drop the functions");
        }
        TrialRunner runner = new TrialRunner(registry, provider);
        Path scratch = Files.createTempDirectory("sweep-cost");
        try {
            Map<String, List<Cost>> measured = new java.util.LinkedHashMap<>();
            for (int round = 0; round <= rounds; round++) {
                Map<String, Cost> costs = new java.util.LinkedHashMap<>();
                costs.put("run", run(registry, grid, scratch.resolve("w" + round), 0.5));
                costs.put("run --warmup 0", run(registry, grid, scratch.resolve("n" + round), 0));
                Cost trial = new Cost(0, 0);
                Cost updates = new Cost(0, 0);
                for (Trial t : trials) {
                    long wall = System.nanoTime();
                    long cpu = THREADS.getCurrentThreadCpuTime();
                    TrialResult result = runner.run(t);
                    Cost spent = new Cost(System.nanoTime() - wall, THREADS.getCurrentThreadCpuTime() - cpu);
                    trial = trial.plus(spent);
                    long training = (long) (result.row().secondsPerEpoch() * result.row().epochsRun() * 1e9);
                    // The trial's training clock is wall time; its CPU share is taken in the trial's own proportion.
                    updates = updates.plus(new Cost(training, spent.wall == 0 ? 0 : (long) ((double) training / spent.wall * spent.cpu)));
                }
                costs.put("trial", trial);
                costs.put("updates", updates);
                costs.put("wiring", timed(trials, t -> wiring(registry, provider, t)));
                costs.put("data views", timed(trials, t -> views(provider, t)));
                costs.put("evaluations", timed(trials, t -> evaluations(registry, provider, t)));
                if (round > 0) { // round 0 warms the JVM up
                    costs.forEach((name, cost) -> measured.computeIfAbsent(name, k -> new ArrayList<>()).add(cost));
                }
            }
            report(measured, trials.size(), rounds);
        } finally {
            try (Stream<Path> files = Files.walk(scratch)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static Progress silent() {
        return new Progress(new PrintWriter(Writer.nullWriter()), false);
    }

    /** The whole grid through the runner (one thread, no report), wall and process CPU time. */
    private static Cost run(Registry registry, Path grid, Path out, double warmup) throws InterruptedException {
        ExperimentRunner.Options options = new ExperimentRunner.Options(grid, out, List.of(), 1, false, null, List.of(),
                Set.of(), false, false, warmup, ExperimentRunner.DEFAULT_MAX_TRIALS);
        long wall = System.nanoTime();
        long cpu = PROCESS.getProcessCpuTime();
        new ExperimentRunner(registry, silent()).run(options);
        return new Cost(System.nanoTime() - wall, PROCESS.getProcessCpuTime() - cpu);
    }

    /** {@code work} over every trial on this thread, wall and thread CPU time; the results are kept from the JIT. */
    private static Cost timed(List<Trial> trials, java.util.function.ToDoubleFunction<Trial> work) {
        double sink = 0;
        long wall = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        for (Trial trial : trials) {
            sink += work.applyAsDouble(trial);
        }
        Cost cost = new Cost(System.nanoTime() - wall, THREADS.getCurrentThreadCpuTime() - cpu);
        if (sink == 42.4242) {
            System.out.println();
        }
        return cost;
    }

    /** What TrialRunner builds before a model trial trains, through the same calls. */
    private static double wiring(Registry registry, DataProvider provider, Trial trial) {
        Dataset dataset = provider.dataset(trial.dataset());
        TrialSeeds seeds = new TrialSeeds(trial.seed());
        RegularizerSet regularizers = new RegularizerSet(trial.regularizers().stream().map(registry::buildRegularizer).toList());
        Model model = registry.buildModel(trial.model(), dataset, regularizers.dropout());
        Optimizer optimizer = registry.buildOptimizer(trial.optimizer());
        BatchPlan plan = trial.settings().batchPlan(dataset.train().count());
        RunLength length = trial.settings().runLength(plan);
        double rate = registry.buildSchedule(trial.schedule(), optimizer.learningRate(), length).rate(0);
        float[] theta = new float[model.dimension()];
        model.initialize(theta, seeds.initialization());
        optimizer.init(theta.length);
        int[] order = new int[dataset.train().count()];
        return rate + theta[0] + order.length;
    }

    private static double views(DataProvider provider, Trial trial) {
        Dataset dataset = provider.dataset(trial.dataset());
        DataSplit train = dataset.train();
        DataSplit validation = trial.settings().evaluation().validation(dataset.validation());
        DataSplit test = dataset.test();
        return train.count() + validation.count() + test.count();
    }

    /** One trial's evaluation passes at its initial parameters: train once, validation and test per row. */
    private static double evaluations(Registry registry, DataProvider provider, Trial trial) {
        Dataset dataset = provider.dataset(trial.dataset());
        Model model = registry.buildModel(trial.model(), dataset, Optional.empty());
        float[] theta = new float[model.dimension()];
        model.initialize(theta, new TrialSeeds(trial.seed()).initialization());
        int rows = 1 + trial.settings().epochs(); // row 0 and one per epoch (the grid has no eval_every)
        double sum = model.evaluate(theta, dataset.train()).loss();
        DataSplit validation = trial.settings().evaluation().validation(dataset.validation());
        for (int row = 0; row < rows; row++) {
            if (validation.count() > 0) {
                sum += model.evaluate(theta, validation).loss();
            }
            if (dataset.test().count() > 0 && (row == rows - 1 || trial.settings().evaluation().testsAt(row))) {
                sum += model.evaluate(theta, dataset.test()).loss();
            }
        }
        return sum;
    }

    private static void report(Map<String, List<Cost>> measured, int trials, int rounds) {
        Map<String, double[]> wall = new HashMap<>();
        Map<String, double[]> cpu = new HashMap<>();
        measured.forEach((name, costs) -> {
            wall.put(name, costs.stream().mapToDouble(c -> c.wall / 1e6 / trials).sorted().toArray());
            cpu.put(name, costs.stream().mapToDouble(c -> c.cpu / 1e6 / trials).sorted().toArray());
        });
        System.out.printf(Locale.ROOT, "# sweep cost: %d trials, medians of %d rounds in a warm JVM, ms per trial%n", trials, rounds);
        System.out.printf(Locale.ROOT, "%-34s %10s %10s   %s%n", "part", "wall", "cpu", "wall per round");
        for (String name : measured.keySet()) {
            System.out.printf(Locale.ROOT, "%-34s %10.3f %10.3f   %s%n", name, median(wall.get(name)), median(cpu.get(name)),
                    Arrays.toString(Arrays.stream(wall.get(name)).map(v -> Math.round(v * 1000) / 1000.0).toArray()));
        }
        String[][] derived = {
            {"warm-up share", "run", "run --warmup 0"},
            {"runner: writing and bookkeeping", "run --warmup 0", "trial"},
        };
        for (String[] d : derived) {
            System.out.printf(Locale.ROOT, "%-34s %10.3f %10.3f%n", d[0],
                    median(wall.get(d[1])) - median(wall.get(d[2])), median(cpu.get(d[1])) - median(cpu.get(d[2])));
        }
        double[] inTrial = new double[2];
        for (int i = 0; i < 2; i++) {
            Map<String, double[]> m = i == 0 ? wall : cpu;
            inTrial[i] = median(m.get("trial")) - median(m.get("updates")) - median(m.get("wiring"))
                    - median(m.get("data views")) - median(m.get("evaluations"));
        }
        System.out.printf(Locale.ROOT, "%-34s %10.3f %10.3f%n", "trial: bookkeeping", inTrial[0], inTrial[1]);
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
