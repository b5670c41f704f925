package org.optbench.harness.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.optbench.harness.config.ComponentParser;
import org.optbench.harness.wiring.Registry;
import org.optbench.harness.wiring.Wiring;
import org.optbench.optimizers.ParameterLayout.Block;

/**
 * {@code mlp(init=...)}: each layer's weights have the variance of the chosen distribution, and without
 * {@code init} the choice follows the activation. Variances are checked against the distribution's own: with n
 * draws the sample variance of a normal has relative standard error √(2/n) (of a uniform, √(0.8/n)), and each
 * tolerance below is at least 4.5 of those.
 */
class WeightInitTest {
    private static final int IN = 100;
    private static final int HIDDEN = 200;
    private static final int OUT = 10;

    /** Mean of squares of a block's weights (their mean is 0 by symmetry). */
    private static double secondMoment(float[] theta, Block block) {
        double sum = 0;
        int n = block.rows() * block.columns();
        for (int i = 0; i < n; i++) {
            sum += (double) theta[block.offset() + i] * theta[block.offset() + i];
        }
        return sum / n;
    }

    private static double maxAbs(float[] theta, Block block) {
        double max = 0;
        for (int i = 0; i < block.rows() * block.columns(); i++) {
            max = Math.max(max, Math.abs(theta[block.offset() + i]));
        }
        return max;
    }

    private static float[] init(Mlp mlp) {
        float[] theta = new float[mlp.dimension()];
        mlp.initialize(theta, new SplittableRandom(7));
        return theta;
    }

    private static Mlp mlp(Activation activation, WeightInit init) {
        return new Mlp(IN, new int[] {HIDDEN}, activation, OUT, OutputLoss.SOFTMAX_CROSS_ENTROPY, null, 1, init);
    }

    @Test
    void eachChoiceDrawsItsDistributionOnEveryLayer() {
        double glorotHidden = 6.0 / (IN + HIDDEN) / 3;   // U(±a) has variance a²/3, a² = 6 / (fan_in + fan_out)
        double glorotOutput = 6.0 / (HIDDEN + OUT) / 3;
        Object[][] cases = {
            {WeightInit.HE, 2.0 / IN, 2.0 / HIDDEN},
            {WeightInit.LECUN, 1.0 / IN, 1.0 / HIDDEN},
            {WeightInit.GLOROT, glorotHidden, glorotOutput},
        };
        for (Object[] c : cases) {
            Mlp model = mlp(Activation.TANH, (WeightInit) c[0]);
            float[] theta = init(model);
            List<Block> blocks = model.layout().blocks();
            // 20,000 hidden weights: relative SE 1% (normal); 2,000 output weights: 3.2%.
            assertEquals((double) c[1], secondMoment(theta, blocks.get(0)), 0.05 * (double) c[1], c[0] + " hidden layer");
            assertEquals((double) c[2], secondMoment(theta, blocks.get(2)), 0.15 * (double) c[2], c[0] + " output layer");
        }
    }

    @Test
    void withoutInitReluLayersGetHeAndTheRestGlorot() {
        float[] relu = init(mlp(Activation.RELU, null));
        List<Block> blocks = mlp(Activation.RELU, null).layout().blocks();
        assertEquals(2.0 / IN, secondMoment(relu, blocks.get(0)), 0.05 * 2.0 / IN, "He before the ReLU");
        assertTrue(maxAbs(relu, blocks.get(2)) <= Math.sqrt(6.0 / (HIDDEN + OUT)), "Glorot uniform on the output layer");
        float[] tanh = init(mlp(Activation.TANH, null));
        assertTrue(maxAbs(tanh, blocks.get(0)) <= Math.sqrt(6.0 / (IN + HIDDEN)), "Glorot uniform before tanh");
        // The default is the same draw as before init existed: identical to an explicit per-layer choice.
        float[] explicitGlorot = init(mlp(Activation.TANH, WeightInit.GLOROT));
        assertEquals(java.util.Arrays.toString(explicitGlorot), java.util.Arrays.toString(tanh));
    }

    @Test
    void initIsAnOptionalChoiceThatOutputsEchoOnlyWhenGiven() {
        Registry registry = Wiring.registry(List.of());
        assertEquals("mlp(hidden=[128], activation=relu)",
                registry.model(ComponentParser.parse("mlp", "x"), "x").get(0).canonical());
        assertEquals("mlp(hidden=[128], activation=tanh, init=he)",
                registry.model(ComponentParser.parse("mlp(activation=tanh, init=he)", "x"), "x").get(0).canonical());
    }
}
