package org.optbench.harness.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.optbench.reports.CurveRow;
import org.optbench.reports.RunData;
import org.optbench.reports.TrialRow;
import org.optbench.reports.figures.FigureFormat;
import org.optbench.reports.figures.Figures;

/**
 * Draws the figures of docs/experiments.md that {@code optbench report} does not: a metric against the update
 * count for runs evaluated several times per epoch ({@code eval_every}), one figure per model. The report's
 * progress figures use the epoch as the x axis whenever a data set has epochs, which puts every evaluation
 * inside an epoch at that epoch; here the same chart code is given the rows with their epoch set to 0, which
 * makes it plot them against their step. Reads the run's CSV files only.
 *
 * <p>With {@code --range METRIC LOW HIGH} ({@code train-loss} or {@code validation-loss}) it instead draws the
 * report's figure of that metric with its y axis limited to the range: a late rise of a few hundredths is then not
 * flattened by the first epoch's loss of 2.3, and a loss that reaches 1e-90 does not print ninety tick labels.
 *
 * <p>Usage: {@code java -cp harness/target/optbench.jar:harness/target/test-classes
 * org.optbench.harness.experiments.DocFigures RUN_DIR OUT_DIR [--range METRIC LOW HIGH]}
 */
public final class DocFigures {

    private DocFigures() {
    }

    public static void main(String[] args) {
        if (args.length != 2 && !(args.length == 6 && args[2].equals("--range"))) {
            System.err.println("usage: DocFigures RUN_DIR OUT_DIR [--range train-loss|validation-loss LOW HIGH]");
            System.exit(2);
        }
        RunData data = RunData.load(Path.of(args[0]));
        Path out = Path.of(args[1]);
        if (args.length == 6) {
            Figures.CurveMetric metric = args[3].equals("train-loss") ? Figures.CurveMetric.TRAIN_LOSS
                    : Figures.CurveMetric.VALIDATION_LOSS;
            double low = Double.parseDouble(args[4]);
            double high = Double.parseDouble(args[5]);
            for (String dataset : new LinkedHashSet<>(data.trials().stream().map(trial -> trial.configuration().dataset()).toList())) {
                new Figures().progress(data, dataset, metric).ifPresent(chart -> {
                    chart.getStyler().setYAxisMin(low).setYAxisMax(high);
                    chart.setTitle(chart.getTitle() + " (y axis cut to " + low + " to " + high + ")");
                    Figures.save(chart, out, metric.fileName() + "-zoom", Set.of(FigureFormat.PNG));
                    System.out.println(out.resolve(metric.fileName() + "-zoom.png"));
                });
            }
            return;
        }
        Set<String> models = new LinkedHashSet<>();
        data.trials().forEach(trial -> models.add(trial.configuration().model()));
        Figures figures = new Figures();
        for (String model : models) {
            List<TrialRow> trials = data.trials().stream().filter(trial -> trial.configuration().model().equals(model)).toList();
            List<CurveRow> curves = new ArrayList<>();
            for (CurveRow row : data.curves()) {
                if (row.configuration().model().equals(model)) {
                    curves.add(new CurveRow(row.trial(), row.configuration(), row.seed(), row.repeat(), 0, row.step(),
                            row.learningRate(), row.trainLoss(), row.validationLoss(), row.validationAccuracy(),
                            row.testLoss(), row.testAccuracy(), row.elapsedSeconds()));
                }
            }
            RunData byStep = new RunData(data.directory(), trials, curves, data.traces(), data.landscapes(), data.minima(),
                    data.manifest());
            String modelName = model.contains("(") ? model.substring(0, model.indexOf('(')) : model;
            for (String dataset : new LinkedHashSet<>(trials.stream().map(trial -> trial.configuration().dataset()).toList())) {
                for (Figures.CurveMetric metric : List.of(Figures.CurveMetric.TRAIN_LOSS, Figures.CurveMetric.TEST_ACCURACY,
                        Figures.CurveMetric.VALIDATION_LOSS)) {
                    figures.progress(byStep, dataset, metric).ifPresent(chart -> save(chart, out,
                            metric.fileName() + "-by-step-" + modelName));
                }
            }
        }
    }

    private static void save(XYChart chart, Path out, String name) {
        Figures.save(chart, out, name, Set.of(FigureFormat.PNG));
        System.out.println(out.resolve(name + ".png"));
    }
}
