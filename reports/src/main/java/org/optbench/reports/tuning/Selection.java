package org.optbench.reports.tuning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optbench.reports.Configuration;
import org.optbench.reports.TrialRow;
import org.optbench.reports.TrialStatus;

/**
 * The tuning protocol's choice, a pure function of the tuning rows of {@code trials.csv} (phase {@code tune}), so
 * a resumed run re-derives exactly the choice of an uninterrupted one.
 *
 * <p>Trials are grouped by problem and optimizer family ({@link Problem}: data set, model, schedule, regularizer
 * set and the optimizer's name); within a group, by configuration (the optimizer's canonical string). A
 * configuration's score is the mean over its tuning seeds of the validation metric ({@code val_loss} or
 * {@code val_accuracy}; with {@code mode: best} the best evaluation's, {@code best_val_*}). A configuration with a
 * diverged or failed seed, or a missing value, scores the worst possible (+∞ for a loss, −∞ for an accuracy).
 * The chosen configuration has the best score; <b>ties</b> (equal doubles) go to the configuration drawn first,
 * i.e. the one whose first tuning trial has the lowest id. The runner-up is the next by the same order. Test
 * columns are never read.
 */
public final class Selection {

    private Selection() {
    }

    /** A problem and an optimizer family: what one selection is made for. */
    public record Problem(String dataset, String model, String schedule, String regularizers, String optimizer) {
        /** The group of a row. */
        public static Problem of(Configuration configuration) {
            return new Problem(configuration.dataset(), configuration.model(), configuration.schedule(),
                    configuration.regularizers(), family(configuration.optimizer()));
        }
    }

    /** One configuration's tuning score. */
    public record Scored(String configuration, double score, int firstTrial, int trials) {
    }

    /**
     * The choice for one group.
     *
     * @param problem the problem and optimizer family
     * @param chosen the selected configuration
     * @param runnerUp the second best, or null when only one configuration was tried
     * @param configurations configurations tried (the budget spent)
     * @param trials tuning trials spent (configurations × seeds)
     */
    public record Choice(Problem problem, Scored chosen, Scored runnerUp, int configurations, int trials) {
    }

    /** The optimizer's name: the text before its parameters. */
    public static String family(String optimizer) {
        int open = optimizer.indexOf('(');
        return open < 0 ? optimizer : optimizer.substring(0, open);
    }

    /**
     * The choice of every group, in the order of the groups' first tuning trial.
     *
     * @param rows rows of {@code trials.csv}; only phase {@code tune} is read
     * @param metric {@code val_loss} or {@code val_accuracy}
     * @param mode {@code final} or {@code best}
     */
    public static List<Choice> select(List<TrialRow> rows, String metric, String mode) {
        boolean maximize = maximize(metric);
        Map<Problem, Map<String, List<TrialRow>>> groups = new LinkedHashMap<>();
        List<TrialRow> tuning = rows.stream().filter(row -> row.phase().equals("tune"))
                .sorted(Comparator.comparingInt(TrialRow::trial)).toList();
        for (TrialRow row : tuning) {
            groups.computeIfAbsent(Problem.of(row.configuration()), key -> new LinkedHashMap<>())
                    .computeIfAbsent(row.configuration().optimizer(), key -> new ArrayList<>()).add(row);
        }
        List<Choice> choices = new ArrayList<>();
        groups.forEach((problem, configurations) -> {
            List<Scored> scored = new ArrayList<>();
            int trials = 0;
            for (Map.Entry<String, List<TrialRow>> entry : configurations.entrySet()) {
                scored.add(score(entry.getKey(), entry.getValue(), metric, mode));
                trials += entry.getValue().size();
            }
            // Stable sort by score; configurations are in first-trial order, so ties keep the one drawn first.
            Comparator<Scored> byScore = Comparator.comparingDouble(Scored::score);
            scored.sort(maximize ? byScore.reversed() : byScore);
            choices.add(new Choice(problem, scored.get(0), scored.size() > 1 ? scored.get(1) : null, scored.size(), trials));
        });
        return choices;
    }

    /** Whether a larger value of {@code metric} is better. */
    public static boolean maximize(String metric) {
        return switch (metric) {
            case "val_loss" -> false;
            case "val_accuracy" -> true;
            default -> throw new IllegalArgumentException("tuning selects on val_loss or val_accuracy, not " + metric);
        };
    }

    /** The value of the tuning metric in one row (NaN when it has none). */
    public static double value(TrialRow row, String metric, String mode) {
        boolean best = switch (mode) {
            case "final" -> false;
            case "best" -> true;
            default -> throw new IllegalArgumentException("mode must be final or best, not " + mode);
        };
        if (maximize(metric)) {
            return best ? row.bestValidationAccuracy() : row.validationAccuracy();
        }
        return best ? row.bestValidationLoss() : row.validationLoss();
    }

    /** The score of a row as a single configuration (NaN, diverged or failed: the worst). */
    public static double rowScore(TrialRow row, String metric, String mode) {
        double value = value(row, metric, mode);
        boolean bad = row.status() == TrialStatus.DIVERGED || row.status() == TrialStatus.FAILED || !Double.isFinite(value);
        return bad ? worst(metric) : value;
    }

    private static double worst(String metric) {
        return maximize(metric) ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    private static Scored score(String configuration, List<TrialRow> rows, String metric, String mode) {
        double sum = 0;
        for (TrialRow row : rows) {
            double value = rowScore(row, metric, mode);
            if (Double.isInfinite(value)) {
                return new Scored(configuration, worst(metric), rows.get(0).trial(), rows.size());
            }
            sum += value;
        }
        return new Scored(configuration, sum / rows.size(), rows.get(0).trial(), rows.size());
    }
}
