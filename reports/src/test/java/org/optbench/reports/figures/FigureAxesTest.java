package org.optbench.reports.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongToDoubleFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.optbench.reports.Configuration;
import org.optbench.reports.CurveRow;
import org.optbench.reports.RunData;
import org.optbench.reports.TrialRow;
import org.optbench.reports.TrialStatus;
import org.optbench.reports.csv.RunWriter;

/** The x axis of runs evaluated within epochs, the log axis floor, and distinct line styles per configuration. */
class FigureAxesTest {
    private static final Configuration SGD = new Configuration("sgd(lr=0.1)", "constant", "[]", "mnist", "softmax");
    /** Two evaluations per epoch of 938 steps (eval_every: 469): rows (epoch, step). */
    private static final long[][] EVALUATIONS = {{0, 0}, {0, 469}, {1, 938}, {1, 1407}, {2, 1876}};

    @TempDir
    Path directory;

    /** One configuration, two seeds; seed r has training loss {@code loss(step) + r}. */
    private RunData run(LongToDoubleFunction loss) throws IOException {
        try (RunWriter writer = RunWriter.create(directory)) {
            for (int repeat = 0; repeat < 2; repeat++) {
                for (long[] evaluation : EVALUATIONS) {
                    double value = loss.applyAsDouble(evaluation[1]) * (1 + repeat);
                    writer.writeCurve(new CurveRow(repeat, SGD, 7L + repeat, repeat, (int) evaluation[0],
                            evaluation[1], 0.1, value, value, 0.9, value, 0.9, evaluation[1] / 469.0));
                }
                writer.writeTrial(new TrialRow(repeat, SGD, 7L + repeat, 3L, repeat, TrialStatus.OK, 2, 2, 1876, 0.3,
                        0.3, 0.9, 0.3, 0.9, 0.3, 0.9, 5, 2, Double.NaN, -1, ""));
            }
            writer.finish();
        }
        return RunData.load(directory);
    }

    private static XYSeries line(XYChart chart) {
        return chart.getSeriesMap().values().stream().filter(series -> series.isShowInLegend()).findFirst()
                .orElseThrow();
    }

    @Test
    void evaluationsWithinAnEpochArePlottedByStep() throws IOException {
        RunData data = run(step -> 2.0 / (1 + step / 469.0));
        XYChart chart = new Figures().progress(data, "mnist", Figures.CurveMetric.TRAIN_LOSS).orElseThrow();
        assertEquals("update (step)", chart.getXAxisTitle());
        XYSeries mean = line(chart);
        assertArrayEquals(new double[] {0, 469, 938, 1407, 1876}, mean.getXData(), 0);
        // Seeds 2/(1+k) and 4/(1+k) at evaluation k: mean 3/(1+k); exact up to one rounding of the mean.
        assertArrayEquals(new double[] {3, 1.5, 1, 0.75, 0.6}, mean.getYData(), 1e-12);
        // Loss vs time is per evaluation too: five points, not three epoch averages.
        XYChart time = new Figures().lossVsTime(data, "mnist").orElseThrow();
        assertArrayEquals(new double[] {0, 1, 2, 3, 4}, line(time).getXData(), 1e-12);
    }

    @Test
    void oneEvaluationPerEpochKeepsTheEpochAxis() throws IOException {
        assertFalse(Figures.evaluatesWithinEpochs(List.of(List.of(row(0, 0), row(1, 938), row(2, 1876)))));
        assertTrue(Figures.evaluatesWithinEpochs(List.of(List.of(row(0, 0), row(1, 938)),
                List.of(row(0, 0), row(0, 469)))));
    }

    private static CurveRow row(int epoch, long step) {
        return new CurveRow(0, SGD, 7, 0, epoch, step, 0.1, 1, 1, 0.9, 1, 0.9, step);
    }

    @Test
    void aLogAxisShowsAtMostTwelveDecadesAndSaysWhatItCut() throws IOException {
        // 10 down to 1e-89: the axis stops at 10 * 1e-12 = 1e-11 instead of printing ninety decade labels.
        assertEquals(1e-11, Figures.logAxisFloor(List.of(10.0, 1.0, 1e-89)), 1e-25);
        assertEquals(1e-3, Figures.logAxisFloor(List.of(10.0, 1e-3)), 0); // within 12 decades: nothing cut
        // Loss 5 at step 0 falling a decade per 469/11 steps: 5e-44 at 1876; both seeds (x1, x2): max 10.
        RunData data = run(step -> 5 * Math.pow(10, -step * 11.0 / 469));
        XYChart chart = new Figures().progress(data, "mnist", Figures.CurveMetric.TRAIN_LOSS).orElseThrow();
        assertTrue(chart.getStyler().isYAxisLogarithmic());
        assertEquals(10 * 1e-12, chart.getStyler().getYAxisMin(), 1e-24);
        assertEquals("training loss (log; below 1e-11 cut)", chart.getYAxisTitle());
    }

    @Test
    void stepAxesHaveNoThousandsSeparators() throws IOException {
        RunData data = run(step -> 2.0 / (1 + step / 469.0));
        XYChart chart = new Figures().progress(data, "mnist", Figures.CurveMetric.TRAIN_LOSS).orElseThrow();
        assertEquals("0", chart.getStyler().getXAxisDecimalPattern());
    }

    @Test
    void configurationsOfOneFigureNeverShareColourAndStroke() {
        String[] schedules = {"constant", "step", "exponential", "inverse-time", "linear-decay", "robbins-monro",
            "cosine"};
        List<Configuration> sgdOnly = new ArrayList<>();
        for (String schedule : schedules) {
            sgdOnly.add(new Configuration("sgd(lr=0.5)", schedule, "[]", "mnist", "softmax"));
        }
        assertDistinct(new Palette(sgdOnly), sgdOnly);
        List<Configuration> mixed = new ArrayList<>(sgdOnly);
        Configuration adam = new Configuration("adam(lr=0.001)", "constant", "[]", "mnist", "softmax");
        mixed.add(adam);
        Palette palette = new Palette(mixed);
        assertDistinct(palette, mixed);
        // Up to ten configurations, every line has a colour of its own (not a shade of another's): six variants
        // of one optimizer next to another optimizer still give eight different colours.
        Set<java.awt.Color> colours = new HashSet<>();
        mixed.forEach(configuration -> colours.add(palette.lineColor(configuration)));
        assertEquals(mixed.size(), colours.size());
        // Eleven and more: the colours repeat with a dash, and (colour, stroke) pairs stay distinct.
        List<Configuration> many = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            many.add(new Configuration("sgd(lr=" + (i + 1) + ")", "constant", "[]", "mnist", "softmax"));
        }
        assertDistinct(new Palette(many), many);
    }

    /**
     * Writes a run's CSV file by column name, so the test does not depend on the row records' constructors; a
     * seed column not given (e.g. a data seed) gets 1, any other column not given is empty (NaN).
     */
    private static void writeCsv(Path file, List<String> header, List<java.util.Map<String, String>> rows)
            throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", header));
        for (java.util.Map<String, String> row : rows) {
            lines.add(String.join(",", header.stream()
                    .map(column -> row.getOrDefault(column, column.endsWith("seed") ? "1" : "")).toList()));
        }
        java.nio.file.Files.write(file, lines);
    }

    @Test
    void accuracyAxesStayWithinZeroAndHundredPercent() throws IOException {
        // Two seeds at 0.9 and 1.0 accuracy in every row: the final-accuracy interval is 95 ± 12.706 · 5 = 95 ± 63.5
        // (t(0.975, 1) = 12.706, standard error 5), which would reach 158%.
        List<java.util.Map<String, String>> curves = new ArrayList<>();
        List<java.util.Map<String, String>> trials = new ArrayList<>();
        for (int repeat = 0; repeat < 2; repeat++) {
            String accuracy = repeat == 0 ? "0.9" : "1.0";
            for (long[] evaluation : EVALUATIONS) {
                curves.add(java.util.Map.ofEntries(java.util.Map.entry("trial", "" + repeat),
                        java.util.Map.entry("optimizer", SGD.optimizer()), java.util.Map.entry("schedule", SGD.schedule()),
                        java.util.Map.entry("regularizers", SGD.regularizers()), java.util.Map.entry("dataset", SGD.dataset()),
                        java.util.Map.entry("model", SGD.model()), java.util.Map.entry("repeat", "" + repeat),
                        java.util.Map.entry("epoch", "" + evaluation[0]), java.util.Map.entry("step", "" + evaluation[1]),
                        java.util.Map.entry("lr", "0.1"), java.util.Map.entry("train_loss", "1"),
                        java.util.Map.entry("val_loss", "1"), java.util.Map.entry("val_accuracy", accuracy),
                        java.util.Map.entry("test_loss", "1"), java.util.Map.entry("test_accuracy", accuracy),
                        java.util.Map.entry("elapsed_s", "" + evaluation[1])));
            }
            trials.add(java.util.Map.ofEntries(java.util.Map.entry("trial", "" + repeat),
                    java.util.Map.entry("optimizer", SGD.optimizer()), java.util.Map.entry("schedule", SGD.schedule()),
                    java.util.Map.entry("regularizers", SGD.regularizers()), java.util.Map.entry("dataset", SGD.dataset()),
                    java.util.Map.entry("model", SGD.model()), java.util.Map.entry("repeat", "" + repeat),
                    java.util.Map.entry("status", "ok"), java.util.Map.entry("epochs_run", "2"),
                    java.util.Map.entry("best_epoch", "2"), java.util.Map.entry("steps", "1876"),
                    java.util.Map.entry("val_accuracy", accuracy), java.util.Map.entry("test_accuracy", accuracy),
                    java.util.Map.entry("steps_to_target", "-1")));
        }
        writeCsv(directory.resolve(org.optbench.reports.RunFiles.CURVES), org.optbench.reports.csv.RunSchema.CURVES_HEADER,
                curves);
        writeCsv(directory.resolve(org.optbench.reports.RunFiles.TRIALS), org.optbench.reports.csv.RunSchema.TRIALS_HEADER,
                trials);
        RunData data = RunData.load(directory);
        XYChart dots = new Figures().finalAccuracy(data, "mnist").orElseThrow();
        assertEquals(100, dots.getStyler().getYAxisMax(), 0);
        assertTrue(dots.getStyler().getYAxisMin() >= 0);
        XYChart curve = new Figures().progress(data, "mnist", Figures.CurveMetric.VALIDATION_ACCURACY).orElseThrow();
        // Values 90 to 100: a margin of max(1, 0.5) below, and none above 100.
        assertEquals(100, curve.getStyler().getYAxisMax(), 0);
        assertEquals(89, curve.getStyler().getYAxisMin(), 1e-12);
    }

    @Test
    void tickLabelsAreWrittenInFull() {
        // XChart's own pattern writes 0.05 as ".05"; every linear axis gets a pattern with the leading zero.
        java.text.DecimalFormat format = new java.text.DecimalFormat(Figures.FULL_DECIMALS,
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
        assertEquals("0.05", format.format(0.05));
        assertEquals("0.0001", format.format(1e-4));
        assertEquals("120", format.format(120.0));
        XYChart chart = new org.knowm.xchart.XYChartBuilder().build();
        chart.getStyler().setXAxisDecimalPattern("0");
        Figures.fullTickLabels(chart);
        assertEquals(Figures.FULL_DECIMALS, chart.getStyler().getYAxisDecimalPattern());
        assertEquals("0", chart.getStyler().getXAxisDecimalPattern(), "a count axis keeps its own pattern");
    }

    @Test
    void theLearningRateFigureDrawsEveryUpdateFromRates() throws IOException {
        // Evaluations every 469 steps would show 0.1 five times; rates/trial-0.csv has a warm-up over 4 updates.
        RunData data = run(step -> 1.0);
        long[] steps = {1, 2, 3, 4, 5, 6};
        double[] rates = {0.02, 0.04, 0.06, 0.08, 0.1, 0.1};
        org.optbench.reports.csv.RateCsv.write(directory.resolve(org.optbench.reports.RunFiles.rates(0)), steps, rates);
        XYChart chart = new Figures().learningRates(RunData.load(directory), "mnist").orElseThrow();
        XYSeries series = line(chart);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, series.getXData(), 0);
        assertArrayEquals(rates, series.getYData(), 0);
    }

    private static void assertDistinct(Palette palette, List<Configuration> configurations) {
        Set<List<Object>> styles = new HashSet<>();
        for (Configuration configuration : configurations) {
            List<Object> style = List.of(palette.lineColor(configuration), palette.stroke(configuration, 2f));
            assertTrue(styles.add(style), configuration + " has the style of an earlier configuration: " + style);
        }
    }
}
