package org.optbench.optimizers.regularizers;

import java.util.Locale;

/**
 * Early stopping: watch a validation metric once per epoch; stop after {@code patience} epochs without an
 * improvement of at least {@code minDelta} over the best value so far, and restore the best parameters.
 * The harness does the stopping and restoring; {@link Monitor} holds the rule.
 *
 * @param patience epochs without improvement before stopping, at least 1
 * @param minDelta the smallest change that counts as an improvement, at least 0
 * @param metric the watched metric
 */
public record EarlyStopping(int patience, double minDelta, Metric metric) implements Regularizer {

    /** A validation metric and the direction in which it improves. */
    public enum Metric {
        VAL_LOSS(false),
        VAL_ACCURACY(true);

        private final boolean higherIsBetter;

        Metric(boolean higherIsBetter) {
            this.higherIsBetter = higherIsBetter;
        }

        /** Whether larger values are improvements. */
        public boolean higherIsBetter() {
            return higherIsBetter;
        }

        /** The user-facing key: {@code val_loss} or {@code val_accuracy}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses {@code val_loss} or {@code val_accuracy}. */
        public static Metric parse(String text) {
            for (Metric metric : values()) {
                if (metric.key().equals(text)) {
                    return metric;
                }
            }
            throw new IllegalArgumentException("early-stopping: metric must be val_loss or val_accuracy, got " + text);
        }
    }

    public EarlyStopping {
        if (patience < 1) {
            throw new IllegalArgumentException("early-stopping: patience must be >= 1, got " + patience);
        }
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("early-stopping: min_delta must be a finite value >= 0, got " + minDelta);
        }
        if (metric == null) {
            throw new IllegalArgumentException("early-stopping: metric must be val_loss or val_accuracy, got null");
        }
    }

    @Override
    public String name() {
        return "early-stopping";
    }

    /** A fresh monitor for one trial. */
    public Monitor monitor() {
        return new Monitor(this);
    }

    /** The per-trial state of early stopping: the best value, its epoch, and the epochs since. */
    public static final class Monitor {
        private final EarlyStopping rule;
        private double best = Double.NaN;
        private int bestEpoch = -1;
        private int epochsWithoutImprovement;

        private Monitor(EarlyStopping rule) {
            this.rule = rule;
        }

        /**
         * Records the metric after {@code epoch}.
         *
         * @return whether this epoch is the new best (the caller then saves the parameters)
         */
        public boolean observe(int epoch, double value) {
            // An improvement is a strict gain of at least min_delta (docs/math.md: "improvement of at least
            // min_delta"); with min_delta = 0 an equal value is no improvement. NaN never improves.
            double gain = rule.metric.higherIsBetter() ? value - best : best - value;
            boolean improved = bestEpoch < 0 || (gain > 0 && gain >= rule.minDelta);
            if (improved && !Double.isNaN(value)) {
                best = value;
                bestEpoch = epoch;
                epochsWithoutImprovement = 0;
                return true;
            }
            epochsWithoutImprovement++;
            return false;
        }

        /** Whether training should stop now: {@code patience} epochs have passed without improvement. */
        public boolean shouldStop() {
            return epochsWithoutImprovement >= rule.patience;
        }

        /** The epoch with the best value so far, or -1 before the first observation. */
        public int bestEpoch() {
            return bestEpoch;
        }

        /** The best value so far, NaN before the first observation. */
        public double best() {
            return best;
        }
    }
}
