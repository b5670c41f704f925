package org.optbench.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.optbench.optimizers.regularizers.L2;
import org.optbench.optimizers.regularizers.RegularizerSet;

/**
 * Three updates of every rule on a 3-vector, against the docs/math.md formula evaluated here in plain double arithmetic,
 * one scalar at a time, independently of the production loops.
 *
 * <p>The objective is {@code f(θ) = Σ (½ c_i θ_i² − d_i θ_i)} with c = (1, 3, 0.5) and d = (0.5, −1, 2), so
 * {@code g_i = c_i θ_i − d_i}; at θ_0 = (1, −2, 0.5) the first gradient is (0.5, −5, −1.75). The three updates
 * get the rates 0.1, 0.05, 0.02 (as a schedule would pass them), so the test also checks that the rate passed to
 * {@code step} is the one used.
 *
 * <p>Tolerance: the production code works in float32 (each operation rounds to 2^-24 ≈ 6e-8 relative), the
 * reference in double; three updates of at most about ten operations each stay within about 30 ulps, so
 * {@value #TOLERANCE} · max(1, |θ|) holds with margin while a wrong formula (any coefficient, ε placement or
 * bias correction tested here) is off by 1e-4 or more.
 */
class OptimizerRulesTest {

    private static final double TOLERANCE = 2e-6;
    private static final double[] CURVATURE = {1, 3, 0.5};
    private static final double[] SHIFT = {0.5, -1, 2};
    private static final double[] START = {1, -2, 0.5};
    private static final double[] RATES = {0.1, 0.05, 0.02};

    private static final Objective OBJECTIVE = TestObjectives.of(3, (x, g) -> {
        double loss = 0;
        for (int i = 0; i < 3; i++) {
            g[i] = CURVATURE[i] * x[i] - SHIFT[i];
            loss += 0.5 * CURVATURE[i] * x[i] * x[i] - SHIFT[i] * x[i];
        }
        return loss;
    });

    private static double gradient(int i, double theta) {
        return CURVATURE[i] * theta - SHIFT[i];
    }

    /** Runs the optimizer three updates and compares with the double reference after every update. */
    private static void check(Optimizer optimizer, double[][] expected) {
        float[] theta = new float[START.length];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = (float) START[i];
        }
        OptimizerState state = optimizer.init(theta.length);
        for (int step = 0; step < 3; step++) {
            state.step(theta, OBJECTIVE, RATES[step]);
            for (int i = 0; i < theta.length; i++) {
                assertEquals(expected[step][i], theta[i], TOLERANCE * Math.max(1, Math.abs(expected[step][i])),
                        optimizer.name() + ": theta[" + i + "] after update " + (step + 1));
            }
        }
    }

    @Test
    void sgdByHand() {
        // element 1: θ = −2, g = 3·(−2) + 1 = −5, θ1 = −2 + 0.1·5 = −1.5; g = −3.5, θ2 = −1.5 + 0.05·3.5 = −1.325;
        // g = −2.975, θ3 = −1.325 + 0.02·2.975 = −1.2655
        double[][] expected = new double[3][3];
        double[] theta = START.clone();
        for (int step = 0; step < 3; step++) {
            for (int i = 0; i < 3; i++) {
                theta[i] = theta[i] - RATES[step] * gradient(i, theta[i]);
                expected[step][i] = theta[i];
            }
        }
        assertEquals(-1.2655, expected[2][1], 1e-12);
        check(new Sgd(0.1), expected);
    }

    @Test
    void momentumByHand() {
        double alpha = 0.9;
        double[][] expected = new double[3][3];
        double[] theta = START.clone();
        double[] v = new double[3];
        for (int step = 0; step < 3; step++) {
            for (int i = 0; i < 3; i++) {
                v[i] = alpha * v[i] - RATES[step] * gradient(i, theta[i]);
                theta[i] = theta[i] + v[i];
                expected[step][i] = theta[i];
            }
        }
        // element 1: v1 = 0.5, θ1 = −1.5; g = −3.5, v2 = 0.45 + 0.175 = 0.625, θ2 = −0.875
        assertEquals(-0.875, expected[1][1], 1e-12);
        check(new Momentum(0.1, alpha), expected);
    }

    @Test
    void nesterovLookAheadByHand() {
        double alpha = 0.9;
        double[][] expected = new double[3][3];
        double[] theta = START.clone();
        double[] v = new double[3];
        for (int step = 0; step < 3; step++) {
            for (int i = 0; i < 3; i++) {
                double lookAhead = theta[i] + alpha * v[i];
                v[i] = alpha * v[i] - RATES[step] * gradient(i, lookAhead);
                theta[i] = theta[i] + v[i];
                expected[step][i] = theta[i];
            }
        }
        // element 1, update 2: θ̃ = −1.5 + 0.45 = −1.05, g = −2.15, v = 0.45 + 0.1075 = 0.5575, θ = −0.9425
        assertEquals(-0.9425, expected[1][1], 1e-12);
        check(new Nesterov(0.1, alpha), expected);
    }

    @Test
    void nesterovSimplifiedByHand() {
        double alpha = 0.9;
        double[][] expected = new double[3][3];
        double[] big = START.clone();
        double[] v = new double[3];
        for (int step = 0; step < 3; step++) {
            for (int i = 0; i < 3; i++) {
                double g = gradient(i, big[i]);
                big[i] = big[i] + alpha * alpha * v[i] - RATES[step] * (1 + alpha) * g;
                v[i] = alpha * v[i] - RATES[step] * g;
                expected[step][i] = big[i];
            }
        }
        // element 1, update 1: Θ = −2 − 0.1·1.9·(−5) = −1.05 (the look-ahead point of update 2 above)
        assertEquals(-1.05, expected[0][1], 1e-12);
        check(new NesterovSimplified(0.1, alpha), expected);
    }

    @Test
    void adaGradByHand() {
        double eps = 1e-7;
        double[][] expected = new double[3][3];
        double[] theta = START.clone();
        double[] r = new double[3];
        for (int step = 0; step < 3; step++) {
            for (int i = 0; i < 3; i++) {
                double g = gradient(i, theta[i]);
                r[i] += g * g;
                theta[i] -= RATES[step] * g / (eps + Math.sqrt(r[i]));
                expected[step][i] = theta[i];
            }
        }
        // update 1 is a signed step of η: element 1 goes from −2 to −1.9 (up to ε)
        assertEquals(-1.9, expected[0][1], 1e-7);
        check(new AdaGrad(0.1, eps), expected);
    }

    @Test
    void rmsPropBothEpsilonPlacementsByHand() {
        for (boolean inside : new boolean[] {false, true}) {
            // a large δ makes the two placements differ clearly: √r + 0.01 against √(r + 0.01)
            double rho = 0.9;
            double eps = 0.01;
            double[][] expected = new double[3][3];
            double[] theta = START.clone();
            double[] r = new double[3];
            for (int step = 0; step < 3; step++) {
                for (int i = 0; i < 3; i++) {
                    double g = gradient(i, theta[i]);
                    r[i] = rho * r[i] + (1 - rho) * g * g;
                    double denominator = inside ? Math.sqrt(eps + r[i]) : eps + Math.sqrt(r[i]);
                    theta[i] -= RATES[step] * g / denominator;
                    expected[step][i] = theta[i];
                }
            }
            check(new RmsProp(0.1, rho, eps, inside), expected);
        }
    }

    @Test
    void adaDeltaByHandWithAndWithoutRate() {
        for (double lr : new double[] {1.0, 0.5}) {
            double rho = 0.95;
            double eps = 1e-6;
            double[][] expected = new double[3][3];
            double[] theta = START.clone();
            double[] r = new double[3];
            double[] s = new double[3];
            for (int step = 0; step < 3; step++) {
                for (int i = 0; i < 3; i++) {
                    double g = gradient(i, theta[i]);
                    r[i] = rho * r[i] + (1 - rho) * g * g;
                    double delta = -(Math.sqrt(eps + s[i]) / Math.sqrt(eps + r[i])) * g;
                    s[i] = rho * s[i] + (1 - rho) * delta * delta;
                    theta[i] += lr * delta;
                    expected[step][i] = theta[i];
                }
            }
            // the rate multiplies Δ only; the schedule's rate is what the state is given, so pass lr itself
            float[] theta32 = {1f, -2f, 0.5f};
            OptimizerState state = new AdaDelta(rho, eps, lr).init(3);
            for (int step = 0; step < 3; step++) {
                state.step(theta32, OBJECTIVE, lr);
                for (int i = 0; i < 3; i++) {
                    assertEquals(expected[step][i], theta32[i], TOLERANCE * Math.max(1, Math.abs(expected[step][i])),
                            "adadelta lr " + lr + ": theta[" + i + "] after update " + (step + 1));
                }
            }
        }
    }

    @Test
    void adamBothEpsilonPlacementsByHand() {
        for (boolean inside : new boolean[] {false, true}) {
            double beta1 = 0.9;
            double beta2 = 0.999;
            double eps = 0.01;
            double[][] expected = new double[3][3];
            double[] theta = START.clone();
            double[] s = new double[3];
            double[] r = new double[3];
            for (int step = 0; step < 3; step++) {
                int t = step + 1;
                for (int i = 0; i < 3; i++) {
                    double g = gradient(i, theta[i]);
                    s[i] = beta1 * s[i] + (1 - beta1) * g;
                    r[i] = beta2 * r[i] + (1 - beta2) * g * g;
                    double sHat = s[i] / (1 - Math.pow(beta1, t));
                    double rHat = r[i] / (1 - Math.pow(beta2, t));
                    double denominator = inside ? Math.sqrt(rHat + eps) : eps + Math.sqrt(rHat);
                    theta[i] -= RATES[step] * sHat / denominator;
                    expected[step][i] = theta[i];
                }
            }
            // update 1: ŝ = g and r̂ = g², so element 1 moves by η·5 / (0.01 + 5) = 0.0998004 (outside)
            if (!inside) {
                assertEquals(-2 + 0.1 * 5 / 5.01, expected[0][1], 1e-12);
            }
            check(new Adam(0.1, beta1, beta2, eps, inside), expected);
        }
    }

    @Test
    void adamWByHand() {
        double beta1 = 0.9;
        double beta2 = 0.999;
        double eps = 0.01;
        double decay = 0.5;
        double[][] expected = new double[3][3];
        double[] theta = START.clone();
        double[] s = new double[3];
        double[] r = new double[3];
        for (int step = 0; step < 3; step++) {
            int t = step + 1;
            for (int i = 0; i < 3; i++) {
                double g = gradient(i, theta[i]);
                theta[i] *= 1 - RATES[step] * decay;
                s[i] = beta1 * s[i] + (1 - beta1) * g;
                r[i] = beta2 * r[i] + (1 - beta2) * g * g;
                double sHat = s[i] / (1 - Math.pow(beta1, t));
                double rHat = r[i] / (1 - Math.pow(beta2, t));
                theta[i] -= RATES[step] * sHat / (eps + Math.sqrt(rHat));
                expected[step][i] = theta[i];
            }
        }
        // update 1, element 1: −2 · (1 − 0.05) + 0.1 · 5 / 5.01 = −1.9 + 0.0998004
        assertEquals(-1.9 + 0.1 * 5 / 5.01, expected[0][1], 1e-12);
        check(new AdamW(0.1, beta1, beta2, eps, decay), expected);
    }

    @Test
    void amsGradByHand() {
        double beta1 = 0.9;
        double beta2 = 0.5;
        double eps = 0.01;
        double[][] expected = new double[3][3];
        double[] theta = START.clone();
        double[] s = new double[3];
        double[] r = new double[3];
        double[] m = new double[3];
        boolean maximumMattered = false;
        for (int step = 0; step < 3; step++) {
            int t = step + 1;
            for (int i = 0; i < 3; i++) {
                double g = gradient(i, theta[i]);
                s[i] = beta1 * s[i] + (1 - beta1) * g;
                r[i] = beta2 * r[i] + (1 - beta2) * g * g;
                m[i] = Math.max(m[i], r[i]);
                maximumMattered |= m[i] > r[i];
                double sHat = s[i] / (1 - Math.pow(beta1, t));
                double mHat = m[i] / (1 - Math.pow(beta2, t));
                theta[i] -= RATES[step] * sHat / (eps + Math.sqrt(mHat));
                expected[step][i] = theta[i];
            }
        }
        // with ρ2 = 0.5 the second moment falls as the gradients shrink, so the maximum is what is used
        assertTrue(maximumMattered);
        check(new AmsGrad(0.1, beta1, beta2, eps), expected);
    }

    @Test
    void deltaBarDeltaByHand() {
        double kappa = 0.01;
        double phi = 0.5;
        double beta = 0.7;
        double[] rates = {0.5, 0.25, 0.125};
        double[][] expected = new double[3][3];
        double[] theta = START.clone();
        double[] eta = {0.5, 0.5, 0.5};
        double[] average = new double[3];
        for (int step = 0; step < 3; step++) {
            for (int i = 0; i < 3; i++) {
                double g = gradient(i, theta[i]);
                if (average[i] * g > 0) {
                    eta[i] += kappa;
                } else if (average[i] * g < 0) {
                    eta[i] *= 1 - phi;
                }
                theta[i] -= eta[i] * g;
                average[i] = (1 - beta) * g + beta * average[i];
                expected[step][i] = theta[i];
            }
        }
        // element 1 overshoots: θ1 = −2 + 0.5·5 = 0.5, g = 2.5 disagrees with δ̄ = −1.5, so η halves to 0.25
        // and θ2 = 0.5 − 0.25·2.5 = −0.125; element 0 agrees and grows: η = 0.51
        assertEquals(-0.125, expected[1][1], 1e-12);
        assertEquals(0.51, eta[0] - kappa, 1e-12);
        float[] theta32 = {1f, -2f, 0.5f};
        DeltaBarDelta rule = new DeltaBarDelta(0.5, kappa, phi, beta);
        assertTrue(rule.expectsFullBatch());
        OptimizerState state = rule.init(3);
        for (int step = 0; step < 3; step++) {
            // the scheduled rates after the first are ignored: the rule adapts its own
            state.step(theta32, OBJECTIVE, rates[step]);
            for (int i = 0; i < 3; i++) {
                assertEquals(expected[step][i], theta32[i], TOLERANCE * Math.max(1, Math.abs(expected[step][i])),
                        "delta-bar-delta: theta[" + i + "] after update " + (step + 1));
            }
        }
    }

    @Test
    void deltaBarDeltaSignTestsAtTheEdges() {
        // Gradients (1e-20, 0, −1e-20), then (1e-20, 5, 1e-20); κ = 0.25, φ = 0.5, β = 0.7, rate 0.5, θ0 = 0.
        // After update 1, δ̄ = 0.3 g = (3e-21, 0, −3e-21). Update 2: δ̄_0 g_0 = 3e-41, a subnormal float but > 0,
        // so η_0 = 0.75; δ̄_1 g_1 = 0, so η_1 stays 0.5; δ̄_2 g_2 = −3e-41 < 0, so η_2 = 0.25. Hence
        // θ_0 = −0.5e-20 − 0.75e-20 = −1.25e-20, θ_1 = 0 − 0.5 · 5 = −2.5, θ_2 = 0.5e-20 − 0.25e-20 = 0.25e-20.
        float[][] gradients = {{1e-20f, 0, -1e-20f}, {1e-20f, 5, 1e-20f}};
        int[] call = {0};
        Objective fixed = TestObjectives.of(3, (x, g) -> {
            for (int i = 0; i < 3; i++) {
                g[i] = gradients[call[0]][i];
            }
            call[0]++;
            return 0;
        });
        float[] theta = new float[3];
        OptimizerState state = new DeltaBarDelta(0.5, 0.25, 0.5, 0.7).init(3);
        state.step(theta, fixed, 0.5);
        state.step(theta, fixed, 0.5);
        // relative 1e-6: a few float roundings of numbers of order 1e-20 and 1
        assertEquals(-1.25e-20, theta[0], 1.25e-26);
        assertEquals(-2.5, theta[1], 2.5e-6);
        assertEquals(0.25e-20, theta[2], 0.25e-26);
    }

    @Test
    void deltaBarDeltaTreatsEveryParameterAloneAcrossItsBlocks() {
        // The update runs in blocks of 1,024 parameters. On 2,500 (two full blocks and a partial one), each parameter
        // must follow exactly the path it follows as a one-parameter problem. Objective: g_i = s_i (θ_i − t_i) with
        // s_i from 0.1 to 3.1; at η = 0.5 the error θ_i − t_i is multiplied by 1 − η s_i per update, so a parameter
        // with η s_i > 1 overshoots and its gradient flips sign every update (its rate shrinks), one with η s_i < 1
        // keeps its sign (its rate grows): both branches occur in every block.
        int n = 2500;
        double[] scale = new double[n];
        double[] target = new double[n];
        float[] theta = new float[n];
        for (int i = 0; i < n; i++) {
            scale[i] = 0.1 + 3.0 * ((i * 7919) % n) / n;
            target[i] = Math.sin(i);
            theta[i] = (float) Math.cos(i);
        }
        DeltaBarDelta rule = new DeltaBarDelta(0.5, 0.05, 0.3, 0.7);
        OptimizerState whole = rule.init(n);
        Objective all = TestObjectives.of(n, (x, g) -> {
            for (int i = 0; i < n; i++) {
                g[i] = scale[i] * (x[i] - target[i]);
            }
            return 0;
        });
        float[] alone = theta.clone();
        for (int step = 0; step < 5; step++) {
            whole.step(theta, all, 0.5);
        }
        int flipped = 0;
        for (int i = 0; i < n; i++) {
            int index = i;
            OptimizerState single = rule.init(1);
            float[] one = {alone[i]};
            Objective just = TestObjectives.of(1, (x, g) -> {
                g[0] = scale[index] * (x[0] - target[index]);
                return 0;
            });
            for (int step = 0; step < 5; step++) {
                single.step(one, just, 0.5);
            }
            assertEquals(Float.floatToRawIntBits(one[0]), Float.floatToRawIntBits(theta[i]), "parameter " + i);
            flipped += 0.5 * scale[i] > 1 ? 1 : 0;
        }
        // the premise: about 37% of the parameters (s_i > 2) overshoot from the first update, the rest do not
        assertTrue(flipped > 500 && flipped < n - 500, "flipped " + flipped);
    }

    @Test
    void deltaBarDeltaMatchesAnIfElseReferenceBitForBit() {
        // The production loop computes the sign test without branches (a clamp, indicators and fma). Here each
        // parameter is updated by the rule written plainly: if δ̄ g > 0 then η + κ, if < 0 then (1 − φ) η, if 0 then
        // η, in float, then θ − η g and (1 − β) g + β δ̄. A NaN product (NaN gradient, or ±∞ δ̄ times a zero
        // gradient) makes η NaN: that is what the loop has always done, and it stays. The first 19³ = 6,859
        // parameters see every triple of the edge values below as their first three gradients (the first update
        // has δ̄ = 0, the next two test every sign pair, including products that underflow to 0 or overflow), the
        // other 3,141 random values of every kind; updates 4 and 5 use random values everywhere. θ must match bit
        // for bit (NaN as NaN: Java leaves NaN payloads unspecified, and the JIT already changes them) after each of
        // the five updates; θ shows every η through θ − η g. 10,000 parameters cross nine block boundaries of the loop.
        // For the φ used (1 − φ is 1, 0.7 or 0) the float 1 − φ the loop forms, 1 − (1 − keep), is keep itself.
        float[] edges = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-40f, -3e-39f, Float.MIN_NORMAL, 1e-20f,
            -1e-20f, 1f, -1f, 2.5f, 1e20f, -1e20f, Float.MAX_VALUE, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.NaN, -0.75f};
        int triples = edges.length * edges.length * edges.length;
        int n = 10_000;
        int updates = 5;
        // {lr, κ, φ, β}: the defaults' kind, the extreme φ and β, and rates and κ near the float range's end
        double[][] settings = {{0.5, 0.05, 0.3, 0.7}, {1e-3, 0, 1, 0}, {3e38, 1e38, 0, 0.9}, {1e-45, 1e-45, 0.3, 0.5}};
        SplittableRandom random = new SplittableRandom(20261202);
        int[] branches = new int[4]; // δ̄ g > 0, < 0, = 0, NaN in the reference, over updates 2 to 5
        for (double[] setting : settings) {
            float[][] gradients = new float[updates][n];
            float[] theta = new float[n];
            for (int i = 0; i < n; i++) {
                theta[i] = i % 3 == 0 ? edges[i % edges.length] : (float) random.nextGaussian();
                for (int t = 0; t < updates; t++) {
                    gradients[t][i] = i < triples && t < 3
                            ? edges[(i / (int) Math.pow(edges.length, t)) % edges.length]
                            : randomFloat(random, edges);
                }
            }
            int[] update = {0};
            Objective given = new Objective() {
                @Override
                public int dimension() {
                    return n;
                }

                @Override
                public double lossAndGradient(float[] point, float[] gradientOut) {
                    System.arraycopy(gradients[update[0]], 0, gradientOut, 0, n);
                    return 0;
                }
            };
            float kappa = (float) setting[1];
            float keep = (float) (1 - setting[2]);
            float beta = (float) setting[3];
            float oneMinusBeta = (float) (1 - setting[3]);
            float[] expected = theta.clone();
            float[] eta = new float[n];
            Arrays.fill(eta, (float) setting[0]);
            float[] average = new float[n];
            OptimizerState state = new DeltaBarDelta(setting[0], setting[1], setting[2], setting[3]).init(n);
            for (int t = 0; t < updates; t++) {
                for (int i = 0; i < n; i++) {
                    float g = gradients[t][i];
                    float product = average[i] * g;
                    int branch;
                    if (product > 0) {
                        eta[i] += kappa;
                        branch = 0;
                    } else if (product < 0) {
                        eta[i] *= keep;
                        branch = 1;
                    } else if (product == 0) {
                        branch = 2;
                    } else {
                        eta[i] = Float.NaN;
                        branch = 3;
                    }
                    branches[branch] += t > 0 ? 1 : 0;
                    expected[i] -= eta[i] * g;
                    average[i] = oneMinusBeta * g + beta * average[i];
                }
                state.step(theta, given, setting[0]);
                update[0]++;
                for (int i = 0; i < n; i++) {
                    assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(theta[i]),
                            "lr, kappa, phi, beta " + Arrays.toString(setting) + ", update " + (t + 1)
                                    + ", parameter " + i + ": expected " + expected[i] + ", got " + theta[i]);
                }
            }
        }
        // the premise: every branch of the rule was taken many times
        for (int count : branches) {
            assertTrue(count > 1000, Arrays.toString(branches));
        }
    }

    /** One of the edge values, a random bit pattern (any float), a normal value or a tiny one. */
    private static float randomFloat(SplittableRandom random, float[] edges) {
        return switch (random.nextInt(4)) {
            case 0 -> edges[random.nextInt(edges.length)];
            case 1 -> Float.intBitsToFloat(random.nextInt());
            case 2 -> (float) random.nextGaussian();
            default -> (float) (random.nextGaussian() * 1e-22);
        };
    }

    @Test
    void nesterovTakesThePenaltyAtTheLookAheadPoint() {
        // f = 0 plus l2 with λ = 0.5, so g = 2λθ̃ = θ̃; α = 0.9, η = 0.1, θ0 = 1.
        // update 1: θ̃ = 1, v = −0.1, θ = 0.9; update 2: θ̃ = 0.9 − 0.09 = 0.81, v = −0.09 − 0.081 = −0.171,
        // θ = 0.729 (a penalty taken at θ instead would give g = 0.9 and θ = 0.72)
        Objective zero = TestObjectives.of(1, (x, g) -> 0);
        Objective penalized = new RegularizerSet(List.of(new L2(0.5))).penalized(zero, ParameterLayout.allWeights(1));
        float[] theta = {1f};
        OptimizerState state = new Nesterov(0.1, 0.9).init(1);
        state.step(theta, penalized, 0.1);
        assertEquals(0.9, theta[0], 1e-6);
        // the loss returned is the penalized loss at θ̃ = 0.81: 0.5 · 0.81² = 0.32805
        assertEquals(0.32805, state.step(theta, penalized, 0.1), 1e-6);
        assertEquals(0.729, theta[0], 1e-6);
    }

    @Test
    void statesOfOneRecordAreIndependent() {
        // one configuration, two trials: the second state must start from zero accumulators, whatever the first did
        Adam adam = new Adam(0.1, 0.9, 0.999, 1e-8, false);
        OptimizerState first = adam.init(3);
        float[] a = {1f, -2f, 0.5f};
        for (int k = 0; k < 5; k++) {
            first.step(a, OBJECTIVE, 0.1);
        }
        float[] b = {1f, -2f, 0.5f};
        adam.init(3).step(b, OBJECTIVE, 0.1);
        // a first Adam update moves each coordinate by η · g / (|g| + δ) ≈ 0.1 against the gradient sign
        assertEquals(0.9, b[0], 1e-6);
        assertEquals(-1.9, b[1], 1e-6);
        assertEquals(0.6, b[2], 1e-6);
    }

    @Test
    void onlyDeltaBarDeltaExpectsFullBatches() {
        assertFalse(new Sgd().expectsFullBatch());
        assertFalse(new Adam().expectsFullBatch());
        assertTrue(new DeltaBarDelta().expectsFullBatch());
    }

    @Test
    void stepReturnsTheLossWhereTheGradientWasTaken() {
        // f at θ0 = (1, −2, 0.5): (0.5 − 0.5) + (6 − 2) + (0.0625 − 1) = 3.0625
        assertEquals(3.0625, new Sgd(0.1).init(3).step(new float[] {1f, -2f, 0.5f}, OBJECTIVE, 0.1), 1e-12);
        // Nesterov evaluates at θ̃ = θ + αv, which is θ0 itself on the first update (v = 0)
        assertEquals(3.0625, new Nesterov(0.1, 0.9).init(3).step(new float[] {1f, -2f, 0.5f}, OBJECTIVE, 0.1),
                1e-12);
    }
}
