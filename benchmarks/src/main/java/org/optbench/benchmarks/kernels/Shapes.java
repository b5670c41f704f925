package org.optbench.benchmarks.kernels;

import java.util.List;
import org.optbench.harness.kernels.MatMul;

/**
 * The matrix products one training step of the benchmark models performs, by name: the MLP layers at batch 64
 * and 128 (samples as columns, seed 003's layout) and the CNN at batch 64 ({@code cnn.*.b64}: each convolution product
 * over the whole batch; {@code cnn.*.ex}: the per-example products the model runs for the forward pass and ∇patches,
 * with the batch's ∇W products unchanged; {@code cnn.conv1.dW} in the model's orientation, 25×16).
 */
public final class Shapes {

    /** How a product reads its operands. */
    public enum Form { NN, TN, NT }

    /** One product {@code C[m×n] = op(A)·op(B)} with inner dimension k. */
    public record Shape(String name, Form form, int m, int n, int k) {
        /** Floating-point operations (a multiply-add counts 2). */
        public double flops() {
            return 2.0 * m * n * k;
        }

        /** Allocates operands for this shape. */
        public Operands operands() {
            return new Operands(this);
        }
    }

    /** Operands of one shape filled with fixed values. */
    public static final class Operands {
        final Shape shape;
        final float[] a;
        final float[] b;
        final float[] c;

        Operands(Shape shape) {
            this.shape = shape;
            a = fill(shape.m() * shape.k());
            b = fill(shape.k() * shape.n());
            c = new float[shape.m() * shape.n()];
        }

        private static float[] fill(int length) {
            float[] values = new float[length];
            for (int i = 0; i < length; i++) {
                values[i] = ((i * 7919) % 201 - 100) / 100f;
            }
            return values;
        }

        /** Runs the product once with {@code matMul}. */
        public void run(MatMul matMul) {
            int m = shape.m(), n = shape.n(), k = shape.k();
            switch (shape.form()) {
                case NN -> matMul.multiply(m, n, k, a, 0, k, b, 0, n, c, 0, n, false);
                case TN -> matMul.multiplyTransposedA(m, n, k, a, 0, m, b, 0, n, c, 0, n, false);
                case NT -> matMul.multiplyTransposedB(m, n, k, a, 0, k, b, 0, k, c, 0, n, false);
                default -> throw new IllegalStateException();
            }
        }

        /** The result matrix, to consume. */
        public float[] result() {
            return c;
        }
    }

    /** Every shape by name. */
    public static final List<Shape> ALL = List.of(
            new Shape("mlp128.fwd1.b64", Form.NT, 128, 64, 784),
            new Shape("mlp128.dW1.b64", Form.NN, 128, 784, 64),
            new Shape("mlp128.fwd1.b128", Form.NT, 128, 128, 784),
            new Shape("mlp128.dW1.b128", Form.NN, 128, 784, 128),
            new Shape("mlp256.fwd1.b64", Form.NT, 256, 64, 784),
            new Shape("mlp256.dW1.b64", Form.NN, 256, 784, 64),
            new Shape("mlp256.fwd2.b64", Form.NN, 128, 64, 256),
            new Shape("mlp256.dW2.b64", Form.NT, 128, 256, 64),
            new Shape("mlp256.dH1.b64", Form.TN, 256, 64, 128),
            new Shape("cnn.conv1.fwd.b64", Form.NT, 64 * 576, 16, 25),
            new Shape("cnn.conv1.dW.b64", Form.TN, 25, 16, 64 * 576),
            new Shape("cnn.conv2.fwd.b64", Form.NT, 64 * 64, 32, 400),
            new Shape("cnn.conv2.dW.b64", Form.TN, 32, 400, 64 * 64),
            new Shape("cnn.conv2.dCol.b64", Form.NN, 64 * 64, 400, 32),
            // What the model runs since it works one example at a time (weights pre-transposed, so NN).
            new Shape("cnn.conv1.fwd.ex", Form.NN, 576, 16, 25),
            new Shape("cnn.conv2.fwd.ex", Form.NN, 64, 32, 400),
            new Shape("cnn.conv2.dCol.ex", Form.NN, 64, 400, 32));

    private Shapes() {
    }

    /** The shape called {@code name}. */
    public static Shape byName(String name) {
        return ALL.stream().filter(shape -> shape.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown shape " + name));
    }
}
