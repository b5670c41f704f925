package org.optbench.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.optbench.optimizers.regularizers.L2;
import org.optbench.optimizers.regularizers.RegularizerSet;

/**
 * Replays the PyTorch 1.13 reference trajectories written by {@code scripts/torch/optimizer_fixtures.py}: each
 * case runs 50 updates of one optimizer from a start point on one function and compares every parameter after
 * every update with torch's float32 values.
 *
 * <p>Both sides compute the gradient in double with the same expressions in the same order and round it to
 * float, so at equal parameters the gradients are bit-identical and only the update arithmetic can differ.
 * That differs in the order of float32 operations (torch divides by √(1 − ρ2^t) where we multiply by its
 * inverse, uses fused multiply-adds in some kernels, keeps its momentum buffer as {@code buf} where we keep
 * {@code v = −η buf}), which is a few ulps (2^-24 ≈ 6e-8 relative) per step; over 50 steps on these
 * well-conditioned trajectories it stays orders of magnitude below the tolerance. The tolerance
 * {@value #RELATIVE} · max(1, |θ|) is about 170 float32 ulps at |θ| = 1: loose enough for that drift, and tight
 * enough that any formula difference (a misplaced ε, a missing bias correction, 1 − ρ for ρ, a wrong
 * weight-decay factor) fails by orders of magnitude, since each changes θ at the 1e-3 level or more within 50
 * steps.
 */
class TorchParityTest {

    private static final double RELATIVE = 1e-5;
    private static final String[] FILES = {
        "sgd", "momentum", "nesterov-simplified", "adagrad", "rmsprop", "adadelta", "adam", "adamw", "amsgrad"
    };

    @TestFactory
    Stream<DynamicTest> everyFixtureCaseMatchesTorch() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String file : FILES) {
            List<Case> cases = read("/parity/" + file + ".txt");
            assertTrue(cases.size() >= 16, file + ": expected at least 16 fixture cases, found " + cases.size());
            for (Case fixture : cases) {
                tests.add(DynamicTest.dynamicTest(fixture.id, () -> replay(fixture)));
            }
        }
        return tests.stream();
    }

    private static void replay(Case fixture) {
        Optimizer optimizer = optimizer(fixture.optimizer, fixture.keys);
        Objective objective = fixture.objective;
        if (fixture.weightDecay != 0) {
            objective = new RegularizerSet(List.of(new L2(fixture.weightDecay / 2)))
                    .penalized(objective, ParameterLayout.allWeights(objective.dimension()));
        }
        float[] theta = fixture.start.clone();
        OptimizerState state = optimizer.init(theta.length);
        double worst = 0;
        // -DargLine="--add-modules=jdk.incubator.vector -Dparity.trace=<case id>" prints one case step by step
        boolean trace = System.getProperty("parity.trace", "").equals(fixture.id);
        for (int step = 0; step < fixture.expected.size(); step++) {
            state.step(theta, objective, optimizer.learningRate());
            float[] expected = fixture.expected.get(step);
            for (int i = 0; i < theta.length; i++) {
                double error = Math.abs(theta[i] - expected[i]) / Math.max(1, Math.abs(expected[i]));
                worst = Math.max(worst, error);
                if (trace) {
                    System.out.println((step + 1) + " " + i + " " + theta[i] + " " + expected[i] + " " + error);
                }
                if (error > RELATIVE) {
                    fail(fixture.id + ": after update " + (step + 1) + ", theta[" + i + "] = " + theta[i]
                            + ", torch has " + expected[i]);
                }
            }
        }
        assertEquals(50, fixture.expected.size(), fixture.id + ": expected 50 updates in the fixture");
        WORST.merge(fixture.optimizer, worst, Math::max);
    }

    /** The largest scaled error seen per optimizer, for the record (see docs/optimizers.md). */
    static final Map<String, Double> WORST = new ConcurrentHashMap<>();

    @AfterAll
    static void printWorst() {
        System.out.println("torch parity, largest |θ − θ_torch| / max(1, |θ_torch|) per optimizer: " + WORST);
    }

    private static Optimizer optimizer(String name, Map<String, String> keys) {
        double lr = Double.parseDouble(keys.get("lr"));
        return switch (name) {
            case "sgd" -> new Sgd(lr);
            case "momentum" -> new Momentum(lr, number(keys, "momentum"));
            case "nesterov-simplified" -> new NesterovSimplified(lr, number(keys, "momentum"));
            case "adagrad" -> new AdaGrad(lr, number(keys, "eps"));
            case "rmsprop" -> new RmsProp(lr, number(keys, "rho"), number(keys, "eps"),
                    Boolean.parseBoolean(keys.get("eps_inside")));
            case "adadelta" -> new AdaDelta(number(keys, "rho"), number(keys, "eps"), lr);
            case "adam" -> new Adam(lr, number(keys, "beta1"), number(keys, "beta2"), number(keys, "eps"),
                    Boolean.parseBoolean(keys.get("eps_inside")));
            case "adamw" -> new AdamW(lr, number(keys, "beta1"), number(keys, "beta2"), number(keys, "eps"),
                    number(keys, "weight_decay"));
            case "amsgrad" -> new AmsGrad(lr, number(keys, "beta1"), number(keys, "beta2"), number(keys, "eps"));
            default -> throw new IllegalStateException("no optimizer " + name);
        };
    }

    private static double number(Map<String, String> keys, String key) {
        return Double.parseDouble(keys.get(key));
    }

    private record Case(String id, String optimizer, Map<String, String> keys, double weightDecay,
                        Objective objective, float[] start, List<float[]> expected) {
    }

    private static List<Case> read(String resource) throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = TorchParityTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String id = null;
            String optimizer = null;
            Map<String, String> keys = new HashMap<>();
            double weightDecay = 0;
            Objective objective = null;
            float[] start = null;
            List<float[]> expected = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] words = line.trim().split("\\s+");
                switch (words[0]) {
                    case "case" -> {
                        id = words[1];
                        keys = new HashMap<>();
                        expected = new ArrayList<>();
                    }
                    case "optimizer" -> {
                        optimizer = words[1];
                        for (int i = 2; i < words.length; i++) {
                            String[] pair = words[i].split("=", 2);
                            keys.put(pair[0], pair[1]);
                        }
                    }
                    case "weight_decay" -> weightDecay = Double.parseDouble(words[1]);
                    case "function" -> objective = function(words);
                    case "start" -> start = floats(words);
                    case "theta" -> expected.add(floats(words));
                    case "end" -> cases.add(new Case(id, optimizer, keys, weightDecay, objective, start, expected));
                    default -> throw new IllegalStateException(resource + ": unexpected line " + line);
                }
            }
        }
        return cases;
    }

    private static float[] floats(String[] words) {
        float[] values = new float[words.length - 1];
        for (int i = 1; i < words.length; i++) {
            values[i - 1] = Float.parseFloat(words[i]);
        }
        return values;
    }

    /** The fixture's function; the gradients are written exactly like the script's (same order of operations). */
    private static Objective function(String[] words) {
        switch (words[1]) {
            case "quadratic" -> {
                double[] curvatures = new double[words.length - 2];
                for (int i = 2; i < words.length; i++) {
                    curvatures[i - 2] = Double.parseDouble(words[i]);
                }
                return objective(curvatures.length, (x, g) -> {
                    double loss = 0;
                    for (int i = 0; i < x.length; i++) {
                        g[i] = curvatures[i] * x[i];
                        loss += 0.5 * curvatures[i] * x[i] * x[i];
                    }
                    return loss;
                });
            }
            case "rosenbrock" -> {
                return objective(2, (x, g) -> {
                    g[0] = -2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] * x[0]);
                    g[1] = 200 * (x[1] - x[0] * x[0]);
                    return (1 - x[0]) * (1 - x[0]) + 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]);
                });
            }
            case "least-squares" -> {
                int m = Integer.parseInt(words[2]);
                int n = Integer.parseInt(words[3]);
                double[][] a = new double[m][n];
                double[] b = new double[m];
                int next = 4;
                for (int j = 0; j < m; j++) {
                    for (int i = 0; i < n; i++) {
                        a[j][i] = Double.parseDouble(words[next++]);
                    }
                }
                for (int j = 0; j < m; j++) {
                    b[j] = Double.parseDouble(words[next++]);
                }
                return objective(n, (x, g) -> {
                    double[] residual = new double[m];
                    double loss = 0;
                    for (int j = 0; j < m; j++) {
                        double total = 0.0;
                        for (int i = 0; i < n; i++) {
                            total += a[j][i] * x[i];
                        }
                        residual[j] = total - b[j];
                        loss += residual[j] * residual[j] / (2 * m);
                    }
                    for (int i = 0; i < n; i++) {
                        double total = 0.0;
                        for (int j = 0; j < m; j++) {
                            total += a[j][i] * residual[j];
                        }
                        g[i] = total / m;
                    }
                    return loss;
                });
            }
            default -> throw new IllegalStateException("unknown fixture function " + words[1]);
        }
    }

    private interface DoubleGradient {
        double lossAndGradient(double[] x, double[] gradient);
    }

    /** Widens the float point to double, evaluates, and rounds the gradient to float once, like the script. */
    private static Objective objective(int dimension, DoubleGradient function) {
        return new Objective() {
            @Override
            public int dimension() {
                return dimension;
            }

            @Override
            public double lossAndGradient(float[] point, float[] gradientOut) {
                double[] x = new double[dimension];
                for (int i = 0; i < dimension; i++) {
                    x[i] = point[i];
                }
                double[] g = new double[dimension];
                double loss = function.lossAndGradient(x, g);
                for (int i = 0; i < dimension; i++) {
                    gradientOut[i] = (float) g[i];
                }
                return loss;
            }
        };
    }
}
