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
 *
 * <p>With successive halving the tuning trials below the top rung have phase {@code rung-k}: they count in the
 * budget spent but are not chosen from; the choice reads the top rung's rows (phase {@code tune}) only.
 */
public final class Selection {
    /** The phase of the tuning trials the selection reads. */
    public static final String TUNE = "tune";
    /** The phase of a tuning trial at rung k below the top rung of successive halving is this prefix and k. */
    public static final String RUNG = "rung-";

    private Selection() {
    }

    /** Whether a row of this phase is a tuning trial (the top rung's or a lower rung's). */
    public static boolean tuning(String phase) {
        return phase.equals(TUNE) || phase.startsWith(RUNG);
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
     * @param runnerUp the second best, or null when only one configuration was tried (reached the top rung)
     * @param configurations configurations tried (the budget spent), those stopped by successive halving included
     * @param trials tuning trials spent (configurations × seeds, plus every promoted configuration's rerun at each
     *     higher rung under successive halving)
     */
    public record Choice(Problem problem, Scored chosen, Scored runnerUp, int configurations, int trials) {
    }

    /** The optimizer's name: the text before its parameters. */
    public static String family(String optimizer) {
        int open = optimizer.indexOf('(');
        return open < 0 ? optimizer : optimizer.substring(0, open);
    }

    /**
     * The choice of every group that has top-rung rows, in the order of the groups' first tuning trial.
     *
     * @param rows rows of {@code trials.csv}; only the tuning phases are read, and only phase {@code tune} is chosen from
     * @param metric {@code val_loss} or {@code val_accuracy}
     * @param mode {@code final} or {@code best}
     */
    public static List<Choice> select(List<TrialRow> rows, String metric, String mode) {
        Map<Problem, List<TrialRow>> groups = new LinkedHashMap<>();
        rows.stream().filter(row -> tuning(row.phase())).sorted(Comparator.comparingInt(TrialRow::trial))
                .forEach(row -> groups.computeIfAbsent(Problem.of(row.configuration()), key -> new ArrayList<>()).add(row));
        List<Choice> choices = new ArrayList<>();
        groups.forEach((problem, group) -> {
            List<Scored> scored = rank(group.stream().filter(row -> row.phase().equals(TUNE)).toList(), metric, mode);
            if (scored.isEmpty()) {
                return; // a run stopped before this group's top rung: nothing to choose from yet
            }
            long configurations = group.stream().map(row -> row.configuration().optimizer()).distinct().count();
            choices.add(new Choice(problem, scored.get(0), scored.size() > 1 ? scored.get(1) : null, (int) configurations,
                    group.size()));
        });
        return choices;
    }

    /**
     * The configurations of one group's rows, best first: each scored as the mean over its rows, ties (equal
     * doubles) in the order of their first row's trial id. The selection ranks a group's top-rung rows this way;
     * successive halving ranks each rung's rows this way and keeps a prefix.
     */
    public static List<Scored> rank(List<TrialRow> rows, String metric, String mode) {
        Map<String, List<TrialRow>> configurations = new LinkedHashMap<>();
        rows.stream().sorted(Comparator.comparingInt(TrialRow::trial)).forEach(row ->
                configurations.computeIfAbsent(row.configuration().optimizer(), key -> new ArrayList<>()).add(row));
        List<Scored> scored = new ArrayList<>();
        configurations.forEach((configuration, seeds) -> scored.add(score(configuration, seeds, metric, mode)));
        // Stable sort by score; configurations are in first-trial order, so ties keep the one drawn first.
        Comparator<Scored> byScore = Comparator.comparingDouble(Scored::score);
        scored.sort(maximize(metric) ? byScore.reversed() : byScore);
        return scored;
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
