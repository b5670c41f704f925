package org.optbench.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.optbench.reports.csv.LandscapeCsv;
import org.optbench.reports.csv.RunWriter;
import org.optbench.reports.csv.TraceCsv;

/** Writes run directories shaped like the harness's, from a seeded model of training, for tests. */
public final class SyntheticRun {
    public static final String[] OPTIMIZERS = {"sgd(lr=0.1)", "momentum(lr=0.05, momentum=0.9)",
        "adam(lr=0.001, beta1=0.9, beta2=0.999, eps=1e-08, eps_inside=false)"};
    /** Final test accuracy each optimizer converges to (before noise). */
    static final double[] ACCURACY = {0.955, 0.968, 0.972};

    private SyntheticRun() {
    }

    /** Options of a synthetic training run. */
    public record Shape(int seeds, int epochs, long noiseSeed, double accuracyNoise, double accuracyShift,
            double slowdown, boolean manifest) {
        public static Shape standard(long noiseSeed) {
            return new Shape(3, 5, noiseSeed, 0.002, 0, 1, true);
        }

        public Shape withAccuracyShift(double shift) {
            return new Shape(seeds, epochs, noiseSeed, accuracyNoise, shift, slowdown, manifest);
        }

        public Shape withSlowdown(double factor) {
            return new Shape(seeds, epochs, noiseSeed, accuracyNoise, accuracyShift, factor, manifest);
        }

        public Shape withSeeds(int count) {
            return new Shape(count, epochs, noiseSeed, accuracyNoise, accuracyShift, slowdown, manifest);
        }
    }

    /** A classification run: three optimizers on mnist with an MLP, each over {@code shape.seeds()} seeds. */
    public static void training(Path directory, Shape shape) throws IOException {
        SplittableRandom random = new SplittableRandom(shape.noiseSeed());
        int trial = 0;
        try (RunWriter writer = RunWriter.create(directory)) {
            for (int o = 0; o < OPTIMIZERS.length; o++) {
                Configuration configuration = new Configuration(OPTIMIZERS[o], "step(gamma=0.5, every=2, unit=epoch)",
                        "[l2(lambda=0.0001)]", "mnist", "mlp(hidden=[128], activation=relu)");
                for (int repeat = 0; repeat < shape.seeds(); repeat++) {
                    double finalAccuracy = ACCURACY[o] + shape.accuracyShift()
                            + shape.accuracyNoise() * random.nextDouble(-1.7, 1.7);
                    double rate = 0.6 + 0.3 * o + 0.05 * random.nextDouble();
                    double secondsPerEpoch = shape.slowdown() * (2.0 + 0.05 * random.nextDouble());
                    double accuracy = Double.NaN;
                    double loss = Double.NaN;
                    double validationLoss = Double.NaN;
                    double bestLoss = Double.POSITIVE_INFINITY;
                    double bestAccuracy = 0;
                    int bestEpoch = 0;
                    double reached = Double.NaN;
                    long reachedSteps = -1;
                    for (int epoch = 0; epoch <= shape.epochs(); epoch++) {
                        double progress = Math.exp(-rate * epoch);
                        loss = 2.3 * progress + 0.05 * (1 - progress) + 0.01 * random.nextDouble();
                        validationLoss = loss * (1.05 + 0.02 * random.nextDouble());
                        accuracy = 0.1 * progress + finalAccuracy * (1 - progress);
                        if (validationLoss < bestLoss) {
                            bestLoss = validationLoss;
                            bestEpoch = epoch;
                        }
                        bestAccuracy = Math.max(bestAccuracy, accuracy);
                        long step = 938L * epoch;
                        double elapsed = secondsPerEpoch * epoch;
                        if (Double.isNaN(reached) && accuracy >= 0.95) {
                            reached = elapsed;
                            reachedSteps = step;
                        }
                        double learningRate = lr(o) * Math.pow(0.5, Math.max(0, epoch - 1) / 2);
                        writer.writeCurve(new CurveRow(trial, configuration, 1000L + trial, repeat, epoch, step,
                                learningRate, loss, validationLoss, accuracy, validationLoss * 1.01,
                                accuracy - 0.001, elapsed));
                    }
                    writer.writeTrial(new TrialRow(trial, configuration, 1000L + repeat, 7L, repeat, TrialStatus.OK,
                            shape.epochs(), bestEpoch, 938L * shape.epochs(), loss, validationLoss, accuracy,
                            validationLoss * 1.01, accuracy - 0.001, bestLoss, bestAccuracy,
                            secondsPerEpoch * shape.epochs() + 1, secondsPerEpoch, reached, reachedSteps, ""));
                    trial++;
                }
            }
            writer.finish();
        }
        if (shape.manifest()) {
            Files.writeString(directory.resolve(RunFiles.MANIFEST), """
                    {"name": "synthetic-mnist", "seed": 42, "git_commit": "0123abc", "jvm": "17.0.15",
                     "cpu": "test cpu", "threads": 2, "started": "2026-11-23T10:00:00Z",
                     "finished": "2026-11-23T10:05:00Z", "target": "val_accuracy >= 0.95",
                     "experiment": {"name": "synthetic-mnist", "epochs": 5, "optimizer": ["sgd(lr=0.1)"]}}
                    """);
        }
    }

    private static double lr(int optimizer) {
        return new double[] {0.1, 0.05, 0.001}[optimizer];
    }

    /** An analytic-function run: sgd and momentum on Rosenbrock (2-D) and the quartic (1-D), with traces. */
    public static void functions(Path directory, int seeds) throws IOException {
        Files.createDirectories(directory);
        int trial = 0;
        try (RunWriter writer = RunWriter.create(directory)) {
            // Rosenbrock: f = (1 - x)^2 + 100 (y - x^2)^2 from (-1.5, 2).
            String rosenbrock = "rosenbrock(start=[-1.5, 2.0])";
            String quartic = "quartic(start=[-2.795])";
            String[][] optimizers = {{"sgd(lr=0.001)", "0"}, {"momentum(lr=0.001, momentum=0.9)", "0.9"}};
            for (String function : new String[] {rosenbrock, quartic}) {
                boolean twoD = function.equals(rosenbrock);
                for (String[] optimizer : optimizers) {
                    double alpha = Double.parseDouble(optimizer[1]);
                    double eta = twoD ? 0.001 : 0.05;
                    String spec = twoD ? optimizer[0] : optimizer[0].replace("0.001", "0.05");
                    Configuration configuration = new Configuration(spec, "inverse-time(decay=0.001)", "[]",
                            function, "");
                    for (int repeat = 0; repeat < seeds; repeat++) {
                        int steps = twoD ? 400 : 100;
                        SplittableRandom noise = new SplittableRandom(trial);
                        double[] point = twoD ? new double[] {-1.5, 2.0} : new double[] {-2.795};
                        double[] velocity = new double[point.length];
                        Path traceFile = directory.resolve(RunFiles.trace(trial));
                        double f = Double.NaN;
                        try (TraceCsv.TraceWriter trace = TraceCsv.open(traceFile, point.length)) {
                            for (int k = 0; k <= steps; k++) {
                                f = twoD ? rosenbrock(point) : quartic(point[0]);
                                double rate = eta / (1 + 0.001 * k);
                                float[] parameters = new float[point.length];
                                for (int i = 0; i < point.length; i++) {
                                    parameters[i] = (float) point[i];
                                }
                                trace.write(k, k == 0 ? eta : eta / (1 + 0.001 * (k - 1)), f, parameters);
                                if (k % 20 == 0) {
                                    writer.writeCurve(new CurveRow(trial, configuration, trial, repeat, 0, k,
                                            rate, f + 1e-9 * noise.nextDouble(), Double.NaN, Double.NaN,
                                            Double.NaN, Double.NaN, 1e-4 * k));
                                }
                                double[] gradient = twoD ? new double[] {
                                    -2 * (1 - point[0]) - 400 * point[0] * (point[1] - point[0] * point[0]),
                                    200 * (point[1] - point[0] * point[0])}
                                    : new double[] {1.2 * Math.pow(point[0], 3) - 0.3 * point[0] * point[0]
                                        - 4 * point[0] - 0.8};
                                for (int i = 0; i < point.length; i++) {
                                    velocity[i] = alpha * velocity[i] - rate * gradient[i];
                                    point[i] += velocity[i];
                                }
                            }
                        }
                        writer.writeTrial(new TrialRow(trial, configuration, 1000L + repeat, 7L, repeat, TrialStatus.OK, 0, -1,
                                steps, f, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                                0.01, Double.NaN, Double.NaN, -1, ""));
                        trial++;
                    }
                }
            }
            writer.finish();
        }
        int n = 121;
        double[] x0 = new double[n];
        double[] x1 = new double[n];
        double[][] values = new double[n][n];
        for (int i = 0; i < n; i++) {
            x0[i] = -2 + 4.0 * i / (n - 1);
            x1[i] = -1 + 4.0 * i / (n - 1);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                values[i][j] = rosenbrock(new double[] {x0[i], x1[j]});
            }
        }
        String rosenbrock = "rosenbrock(start=[-1.5, 2.0])";
        LandscapeCsv.write2d(LandscapeCsv.file(directory, rosenbrock), x0, x1, values);
        LandscapeCsv.writeMinima(LandscapeCsv.minimaFile(directory, rosenbrock), List.of(new double[] {1, 1}));
        String quartic = "quartic(start=[-2.795])";
        double[] x = new double[301];
        double[] f = new double[301];
        for (int i = 0; i < x.length; i++) {
            x[i] = -3.5 + 7.0 * i / (x.length - 1);
            f[i] = quartic(x[i]);
        }
        LandscapeCsv.write1d(LandscapeCsv.file(directory, quartic), x, f);
        List<double[]> minima = new ArrayList<>();
        minima.add(new double[] {2.0421});
        minima.add(new double[] {-1.5863});
        LandscapeCsv.writeMinima(LandscapeCsv.minimaFile(directory, quartic), minima);
    }

    static double rosenbrock(double[] p) {
        return (1 - p[0]) * (1 - p[0]) + 100 * (p[1] - p[0] * p[0]) * (p[1] - p[0] * p[0]);
    }

    static double quartic(double x) {
        return 0.3 * Math.pow(x, 4) - 0.1 * Math.pow(x, 3) - 2 * x * x - 0.8 * x;
    }
}
