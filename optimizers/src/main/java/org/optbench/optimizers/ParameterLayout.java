package org.optbench.optimizers;

import java.util.List;

/**
 * How a model's flat parameter vector is cut into weight matrices and bias vectors, so that regularizers can
 * tell them apart. A weight block is stored row-major with one row per unit: row {@code r} holds unit
 * {@code r}'s incoming weights ({@code columns} = fan-in; for a convolution, in-channels × kernel height ×
 * kernel width). A bias block has {@code rows} = units and {@code columns} = 1.
 *
 * @param blocks the blocks in order, contiguous and non-overlapping, starting at offset 0
 */
public record ParameterLayout(List<Block> blocks) {

    /** Whether a block holds weights (penalized, max-norm projected) or biases (not, by default). */
    public enum Kind { WEIGHT, BIAS }

    /** One contiguous block of {@code rows × columns} parameters at {@code offset}. */
    public record Block(String name, int offset, int rows, int columns, Kind kind) {
        public Block {
            if (offset < 0 || rows < 1 || columns < 1) {
                throw new IllegalArgumentException("layout block " + name + ": offset must be >= 0 and rows, columns >= 1, got offset "
                        + offset + ", " + rows + " x " + columns);
            }
        }

        /** Number of parameters in the block. */
        public int size() {
            return rows * columns;
        }
    }

    public ParameterLayout {
        blocks = List.copyOf(blocks);
        int expected = 0;
        for (Block block : blocks) {
            if (block.offset() != expected) {
                throw new IllegalArgumentException("layout: block " + block.name() + " starts at " + block.offset()
                        + ", expected " + expected + " (blocks must be contiguous)");
            }
            expected += block.size();
        }
    }

    /** A layout of one weight row holding every parameter: the whole vector is one unit (for analytic functions). */
    public static ParameterLayout allWeights(int dimension) {
        return new ParameterLayout(List.of(new Block("theta", 0, 1, dimension, Kind.WEIGHT)));
    }

    /** Total number of parameters. */
    public int dimension() {
        return blocks.isEmpty() ? 0 : blocks.get(blocks.size() - 1).offset() + blocks.get(blocks.size() - 1).size();
    }
}
