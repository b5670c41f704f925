package org.optbench.reports.compare;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.optbench.reports.Configuration;
import org.optbench.reports.figures.Labels;

/**
 * What two tuned studies selected for one optimizer family and problem, beside the comparison of their final
 * trials. A changed selection is reported, never a failure by itself: the final trials' metrics decide.
 *
 * @param family the key: the optimizer's name (e.g. {@code adam}) with the problem's data set, model, schedule and
 *     regularizer set
 * @param label the family's label in the comparison table
 * @param baseline the configuration the baseline's final trials ran, e.g. {@code adam(lr=0.0089, beta1=0.9, ...)}
 * @param candidate the candidate's
 * @param metric the tuning metric of the scores ({@code val_loss} or {@code val_accuracy}), empty when neither run's
 *     {@code selection.csv} gives one
 * @param baselineScore the selected configuration's tuning score in the baseline's {@code selection.csv}; NaN
 *     when unknown
 * @param candidateScore the candidate's, likewise
 */
public record TunedSelection(Configuration family, String label, String baseline, String candidate, String metric,
        double baselineScore, double candidateScore) {

    public TunedSelection {
        metric = metric == null ? "" : metric;
    }

    /** Whether the candidate selected another configuration than the baseline. */
    public boolean changed() {
        return !baseline.equals(candidate);
    }

    /**
     * The selection in short: only the parameters that differ, {@code adam(lr=0.0089) → adam(lr=0.0282)} when it
     * changed; the whole configuration when it did not.
     */
    public String shortText() {
        if (!changed()) {
            return baseline;
        }
        Configuration a = new Configuration(baseline, "", "", "", "");
        Configuration b = new Configuration(candidate, "", "", "", "");
        Map<Configuration, String> labels = Labels.of(List.of(a, b));
        return labels.get(a) + " → " + labels.get(b);
    }

    /** The scores as {@code val_loss 0.4224 → 0.3912}, or empty when neither is known. */
    public String scoreText() {
        if (Double.isNaN(baselineScore) && Double.isNaN(candidateScore)) {
            return "";
        }
        return metric + " " + score(baselineScore) + " → " + score(candidateScore);
    }

    /** One line: {@code selection changed: adam: adam(lr=0.0089) → adam(lr=0.0282) (tuning val_loss ...)}. */
    public String line() {
        String scores = scoreText();
        return "selection " + (changed() ? "changed" : "unchanged") + ": " + label + ": " + shortText()
                + (scores.isEmpty() ? "" : " (tuning " + scores + ")");
    }

    static String score(double value) {
        return Double.isNaN(value) ? "?" : String.format(Locale.ROOT, "%.5g", value);
    }
}
