package org.optbench.reports.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.optbench.reports.Configuration;
import org.optbench.reports.CurveRow;
import org.optbench.reports.ReportException;
import org.optbench.reports.RunData;
import org.optbench.reports.RunFiles;
import org.optbench.reports.TrialRow;
import org.optbench.reports.csv.LandscapeCsv;
import org.optbench.reports.csv.RateCsv;
import org.optbench.reports.csv.TraceCsv;
import org.optbench.reports.stats.Descriptive;
import org.optbench.reports.stats.Summaries;

/**
 * Draws the figures of a run with XChart. Each method returns the chart when it applies to the run (no accuracy
 * figure for an analytic function, no trajectory without traces) and is empty otherwise; {@link #renderAll}
 * writes every one that applies. Colours follow {@link Palette}, labels {@link Labels}.
 */
public final class Figures {
    public static final int DEFAULT_WIDTH = 960;
    public static final int DEFAULT_HEIGHT = 600;

    private static final String FONT = Font.SANS_SERIF;
    private static final Color GRID = new Color(0xE3E3E3);

    /** A figure written to the figures directory: its file name without extension, and a caption. */
    public record Figure(String name, String caption) {
    }

    /** What a curve figure plots, from {@code curves.csv}. */
    public enum CurveMetric {
        TRAIN_LOSS("train-loss", "Training loss", "training loss", false, CurveRow::trainLoss),
        VALIDATION_LOSS("validation-loss", "Validation loss", "validation loss", false, CurveRow::validationLoss),
        VALIDATION_ACCURACY("validation-accuracy", "Validation accuracy", "validation accuracy (%)", true,
                CurveRow::validationAccuracy),
        TEST_ACCURACY("test-accuracy", "Test accuracy", "test accuracy (%)", true, CurveRow::testAccuracy);

        private final String fileName;
        private final String title;
        private final String axis;
        private final boolean accuracy;
        private final ToDoubleFunction<CurveRow> value;

        CurveMetric(String fileName, String title, String axis, boolean accuracy, ToDoubleFunction<CurveRow> value) {
            this.fileName = fileName;
            this.title = title;
            this.axis = axis;
            this.accuracy = accuracy;
            this.value = value;
        }

        public String fileName() {
            return fileName;
        }

        double of(CurveRow row) {
            double raw = value.applyAsDouble(row);
            return accuracy ? 100 * raw : raw;
        }
    }

    private final int width;
    private final int height;

    public Figures() {
        this(DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    public Figures(int width, int height) {
        if (width < 200 || height < 150) {
            throw new IllegalArgumentException("figures: size must be at least 200 x 150 pixels, got " + width
                    + " x " + height);
        }
        this.width = width;
        this.height = height;
    }

    /** Writes every figure that applies to {@code data} into {@code directory}, in each of {@code formats}. */
    public List<Figure> renderAll(RunData data, Path directory, Set<FigureFormat> formats) {
        List<Figure> figures = new ArrayList<>();
        Map<String, List<Configuration>> byDataset = configurationsByDataset(data);
        boolean several = byDataset.size() > 1;
        for (Map.Entry<String, List<Configuration>> entry : byDataset.entrySet()) {
            String dataset = entry.getKey();
            String suffix = several ? "-" + RunFiles.safeName(dataset) : "";
            for (CurveMetric metric : CurveMetric.values()) {
                progress(data, dataset, metric).ifPresent(chart -> figures.add(write(chart, directory,
                        metric.fileName + suffix, formats, caption(chart) + ". Line: mean over seeds; band: the"
                                + " seeds' minimum to maximum.")));
            }
            lossVsTime(data, dataset).ifPresent(chart -> figures.add(write(chart, directory, "loss-vs-time" + suffix,
                    formats, caption(chart) + ". Mean over seeds of the training loss and of the training time"
                            + " (evaluation excluded) at each evaluation.")));
            learningRates(data, dataset).ifPresent(chart -> figures.add(write(chart, directory,
                    "learning-rate" + suffix, formats, caption(chart) + ".")));
            finalAccuracy(data, dataset).ifPresent(chart -> figures.add(write(chart, directory,
                    "final-test-accuracy" + suffix, formats, caption(chart)
                            + ". Dots: one per seed; diamond and bar: mean and its 95% Student-t interval.")));
            timeToTarget(data, dataset).ifPresent(chart -> figures.add(write(chart, directory,
                    "time-to-target" + suffix, formats, caption(chart) + ". Dots: seeds that reached the target;"
                            + " diamond: their median; k/n in the label: how many of n seeds reached it.")));
            trajectories(data, dataset).ifPresent(chart -> figures.add(write(chart, directory,
                    "trajectories-" + RunFiles.safeName(dataset), formats, caption(chart)
                            + ". Grey lines: contours of f; one trajectory per configuration (its first seed).")));
            functionCurve(data, dataset).ifPresent(chart -> figures.add(write(chart, directory,
                    "iterates-" + RunFiles.safeName(dataset), formats, caption(chart)
                            + ". The iterates of each configuration's first seed on the curve of f.")));
        }
        return figures;
    }

    /** A metric against epoch (update count for analytic functions): mean over seeds with a min–max band. */
    public Optional<XYChart> progress(RunData data, String dataset, CurveMetric metric) {
        List<Configuration> configurations = configurationsByDataset(data).getOrDefault(dataset, List.of());
        Map<Integer, List<CurveRow>> curves = curvesByTrial(data);
        // Per data set: a run may mix MNIST (epochs) with analytic functions (updates only). With eval_every a
        // trial is evaluated several times per epoch: by epoch those rows would pile up at one x, so plot by step.
        boolean byEpoch = data.curves().stream()
                .anyMatch(row -> row.epoch() > 0 && row.configuration().dataset().equals(dataset))
                && !evaluatesWithinEpochs(configurations.stream().flatMap(c -> trialsOf(data, c).stream())
                        .map(trial -> curves.getOrDefault(trial.trial(), List.of())).toList());
        Map<Configuration, Band> bands = new LinkedHashMap<>();
        int maxSeeds = 0;
        for (Configuration configuration : configurations) {
            List<double[][]> perTrial = new ArrayList<>();
            for (TrialRow trial : trialsOf(data, configuration)) {
                List<CurveRow> rows = curves.getOrDefault(trial.trial(), List.of());
                double[] x = rows.stream().mapToDouble(row -> byEpoch ? row.epoch() : row.step()).toArray();
                double[] y = rows.stream().mapToDouble(metric::of).toArray();
                perTrial.add(new double[][] {x, y});
            }
            Band band = Band.of(perTrial);
            if (band.x.length > 0) {
                bands.put(configuration, band);
                maxSeeds = Math.max(maxSeeds, band.seeds);
            }
        }
        if (bands.isEmpty()) {
            return Optional.empty();
        }
        boolean function = configurations.stream().anyMatch(data::isFunction);
        String yAxis = function && !metric.accuracy ? "f(x)" : metric.axis;
        String spread = maxSeeds > 1 ? " (band: min–max over " + seedsText(bands.values()) + ")" : "";
        XYChart chart = chart(metric.title + titleContext(configurations) + spread,
                byEpoch ? "epoch" : "update (step)", yAxis);
        Palette palette = new Palette(data.trials().stream().map(TrialRow::configuration).toList(), configurations);
        Map<Configuration, String> labels = Labels.forLegend(configurations);
        List<Double> allValues = new ArrayList<>();
        for (Map.Entry<Configuration, Band> entry : bands.entrySet()) {
            Band band = entry.getValue();
            for (int k = 0; k < band.x.length; k++) {
                allValues.add(band.min[k]);
                allValues.add(band.max[k]);
            }
        }
        boolean log = !metric.accuracy && spansDecades(allValues);
        chart.getStyler().setYAxisLogarithmic(log);
        if (log) {
            limitLogAxis(chart, allValues, yAxis);
        }
        if (metric.accuracy) {
            accuracyAxis(chart, allValues);
        }
        for (Map.Entry<Configuration, Band> entry : bands.entrySet()) {
            Configuration configuration = entry.getKey();
            Band band = entry.getValue();
            if (band.seeds > 1) {
                double[] polygonX = new double[2 * band.x.length];
                double[] polygonY = new double[2 * band.x.length];
                for (int k = 0; k < band.x.length; k++) {
                    polygonX[k] = band.x[k];
                    polygonY[k] = band.min[k];
                    polygonX[polygonX.length - 1 - k] = band.x[k];
                    polygonY[polygonY.length - 1 - k] = band.max[k];
                }
                XYSeries area = chart.addSeries(labels.get(configuration) + " band", polygonX, polygonY);
                area.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
                area.setFillColor(palette.band(configuration));
                area.setLineColor(new Color(0, 0, 0, 0));
                area.setMarker(SeriesMarkers.NONE);
                area.setShowInLegend(false);
            }
        }
        for (Map.Entry<Configuration, Band> entry : bands.entrySet()) {
            Configuration configuration = entry.getKey();
            Band band = entry.getValue();
            XYSeries line = chart.addSeries(labels.get(configuration), band.x, band.mean);
            style(line, palette, configuration, band.x.length <= 30);
        }
        countAxis(chart);
        return Optional.of(chart);
    }

    /** Training loss against training time (mean over seeds at each evaluation); not for analytic functions. */
    public Optional<XYChart> lossVsTime(RunData data, String dataset) {
        List<Configuration> configurations = configurationsByDataset(data).getOrDefault(dataset, List.of()).stream()
                .filter(configuration -> !data.isFunction(configuration)).toList();
        Map<Integer, List<CurveRow>> curves = curvesByTrial(data);
        Map<Configuration, double[][]> lines = new LinkedHashMap<>();
        List<Double> values = new ArrayList<>();
        for (Configuration configuration : configurations) {
            // By step, not epoch: with eval_every several evaluations share an epoch (seeds share their steps).
            TreeMap<Long, List<double[]>> byEpoch = new TreeMap<>();
            for (TrialRow trial : trialsOf(data, configuration)) {
                for (CurveRow row : curves.getOrDefault(trial.trial(), List.of())) {
                    if (Double.isFinite(row.elapsedSeconds()) && Double.isFinite(row.trainLoss())) {
                        byEpoch.computeIfAbsent(row.step(), key -> new ArrayList<>())
                                .add(new double[] {row.elapsedSeconds(), row.trainLoss()});
                    }
                }
            }
            if (byEpoch.size() < 2) {
                continue;
            }
            double[] x = new double[byEpoch.size()];
            double[] y = new double[byEpoch.size()];
            int k = 0;
            for (List<double[]> points : byEpoch.values()) {
                x[k] = points.stream().mapToDouble(point -> point[0]).average().orElse(Double.NaN);
                y[k] = points.stream().mapToDouble(point -> point[1]).average().orElse(Double.NaN);
                values.add(y[k]);
                k++;
            }
            lines.put(configuration, new double[][] {x, y});
        }
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        XYChart chart = chart("Training loss vs training time" + titleContext(configurations),
                "training time (s, evaluation excluded)", "training loss (mean over seeds)");
        chart.getStyler().setYAxisLogarithmic(spansDecades(values));
        if (spansDecades(values)) {
            limitLogAxis(chart, values, chart.getYAxisTitle());
        }
        Palette palette = new Palette(data.trials().stream().map(TrialRow::configuration).toList(), configurations);
        Map<Configuration, String> labels = Labels.forLegend(configurations);
        for (Map.Entry<Configuration, double[][]> entry : lines.entrySet()) {
            XYSeries line = chart.addSeries(labels.get(entry.getKey()), entry.getValue()[0], entry.getValue()[1]);
            style(line, palette, entry.getKey(), entry.getValue()[0].length <= 30);
        }
        return Optional.of(chart);
    }

    /**
     * The learning rate against the update count, one line per optimizer and schedule (first seed), at every
     * update: from the trajectory (analytic functions) or {@code rates/trial-N.csv} (models); from
     * {@code curves.csv} (every evaluation) only for a run written before the harness recorded rates.
     * Empty when every rate is constant: a flat line tells a reader nothing the summary does not.
     */
    public Optional<XYChart> learningRates(RunData data, String dataset) {
        List<Configuration> configurations = configurationsByDataset(data).getOrDefault(dataset, List.of());
        Map<Integer, List<CurveRow>> curves = curvesByTrial(data);
        Map<String, Configuration> seen = new LinkedHashMap<>();
        Map<Configuration, double[][]> lines = new LinkedHashMap<>();
        boolean varies = false;
        List<Double> values = new ArrayList<>();
        for (Configuration configuration : configurations) {
            String key = configuration.optimizer() + "|" + configuration.schedule();
            if (seen.containsKey(key)) {
                continue;
            }
            List<TrialRow> trials = trialsOf(data, configuration);
            if (trials.isEmpty()) {
                continue;
            }
            int first = trials.get(0).trial();
            double[] x;
            double[] y;
            List<TraceCsv.Point> trace = data.traces().get(first);
            if (trace != null && trace.size() > 1) {
                // Row 0 is the start point; the rate of row k is that of update k.
                x = trace.stream().skip(1).mapToDouble(TraceCsv.Point::step).toArray();
                y = trace.stream().skip(1).mapToDouble(TraceCsv.Point::learningRate).toArray();
            } else if (ratesOf(data, trials) != null) {
                // Every update, as the harness recorded it: a warm-up or a cosine shows its true shape.
                double[][] rates = ratesOf(data, trials);
                x = rates[0];
                y = rates[1];
            } else {
                // An older run without rates/: only the evaluations' rates (once per epoch).
                List<CurveRow> rows = curves.getOrDefault(first, List.of()).stream()
                        .filter(row -> row.step() > 0 && Double.isFinite(row.learningRate())).toList();
                x = rows.stream().mapToDouble(CurveRow::step).toArray();
                y = rows.stream().mapToDouble(CurveRow::learningRate).toArray();
            }
            double[] finite = Arrays.stream(y).filter(Double::isFinite).toArray();
            if (finite.length == 0) {
                continue;
            }
            seen.put(key, configuration);
            double min = Arrays.stream(finite).min().getAsDouble();
            double max = Arrays.stream(finite).max().getAsDouble();
            varies |= max > min * (1 + 1e-12);
            Arrays.stream(finite).forEach(values::add);
            lines.put(configuration, new double[][] {x, y});
        }
        if (lines.isEmpty() || !varies) {
            return Optional.empty();
        }
        XYChart chart = chart("Learning rate by schedule" + titleContext(configurations), "update (step)",
                "learning rate");
        chart.getStyler().setYAxisLogarithmic(spansDecades(values));
        Palette palette = new Palette(data.trials().stream().map(TrialRow::configuration).toList(), configurations);
        Map<String, String> optimizerLabels = Labels.shorten(new LinkedHashSet<>(lines.keySet().stream()
                .map(Configuration::optimizer).toList()));
        Map<String, String> scheduleLabels = Labels.shorten(new LinkedHashSet<>(lines.keySet().stream()
                .map(Configuration::schedule).toList()));
        Set<String> used = new HashSet<>();
        for (Map.Entry<Configuration, double[][]> entry : lines.entrySet()) {
            Configuration configuration = entry.getKey();
            String label = unique(used, optimizerLabels.get(configuration.optimizer()) + " · "
                    + scheduleLabels.get(configuration.schedule()));
            XYSeries line = chart.addSeries(label, entry.getValue()[0], entry.getValue()[1]);
            style(line, palette, configuration, entry.getValue()[0].length <= 30);
        }
        countAxis(chart);
        return Optional.of(chart);
    }

    /** The per-update rates of the first of {@code trials} that has {@code rates/trial-N.csv}, or null. */
    private static double[][] ratesOf(RunData data, List<TrialRow> trials) {
        if (data.directory() == null) {
            return null;
        }
        for (TrialRow trial : trials) {
            Path file = data.directory().resolve(RunFiles.rates(trial.trial()));
            if (Files.isRegularFile(file)) {
                return RateCsv.read(file);
            }
        }
        return null;
    }

    /** Final test accuracy per configuration: every seed as a dot, the mean with its 95% interval. */
    public Optional<XYChart> finalAccuracy(RunData data, String dataset) {
        List<Configuration> configurations = configurationsByDataset(data).getOrDefault(dataset, List.of());
        Map<Configuration, double[]> values = new LinkedHashMap<>();
        for (Configuration configuration : configurations) {
            double[] accuracies = trialsOf(data, configuration).stream().mapToDouble(TrialRow::testAccuracy)
                    .filter(Double::isFinite).map(value -> 100 * value).toArray();
            if (accuracies.length > 0) {
                values.put(configuration, accuracies);
            }
        }
        if (values.isEmpty()) {
            return Optional.empty();
        }
        Map<Configuration, String> labels = Labels.of(configurations);
        Map<Configuration, String> tickLabels = new LinkedHashMap<>();
        values.forEach((configuration, accuracies) -> tickLabels.put(configuration, labels.get(configuration)));
        XYChart chart = dotChart("Final test accuracy" + titleContext(configurations) + " (mean ± 95% CI)",
                "test accuracy (%)", values, tickLabels, true, data);
        return Optional.of(chart);
    }

    /** Training time to the run's target per configuration, with how many seeds reached it. */
    public Optional<XYChart> timeToTarget(RunData data, String dataset) {
        if (!data.hasTarget()) {
            return Optional.empty();
        }
        List<Configuration> configurations = configurationsByDataset(data).getOrDefault(dataset, List.of());
        Map<Configuration, double[]> values = new LinkedHashMap<>();
        Map<Configuration, String> tickLabels = new LinkedHashMap<>();
        Map<Configuration, String> labels = Labels.of(configurations);
        boolean any = false;
        boolean function = configurations.stream().anyMatch(data::isFunction);
        for (Configuration configuration : configurations) {
            List<TrialRow> trials = trialsOf(data, configuration);
            double[] reached = trials.stream().filter(trial -> trial.stepsToTarget() >= 0)
                    .mapToDouble(trial -> function || !Double.isFinite(trial.secondsToTarget())
                            ? trial.stepsToTarget() : trial.secondsToTarget()).toArray();
            any |= reached.length > 0;
            values.put(configuration, reached);
            tickLabels.put(configuration, labels.get(configuration) + " (" + reached.length + "/" + trials.size()
                    + ")");
        }
        if (!any) {
            return Optional.empty();
        }
        String target = data.targetFor(dataset) == null ? "target" : data.targetFor(dataset);
        XYChart chart = dotChart("Time to " + target + titleContext(configurations) + " (reached/seeds)",
                function ? "updates to target (steps)" : "training time to target (s)", values, tickLabels, false,
                data);
        return Optional.of(chart);
    }

    /** Trajectories over the contours of a 2-D function, start and known minima marked. */
    public Optional<XYChart> trajectories(RunData data, String dataset) {
        LandscapeCsv.Landscape landscape = data.landscapes().get(dataset);
        if (landscape == null || landscape.dimension() != 2) {
            return Optional.empty();
        }
        Map<Configuration, List<TraceCsv.Point>> traces = firstTraces(data, dataset);
        XYChart chart = chart("Trajectories on " + Labels.nameOf(dataset), "x0", "x1");
        XYStyler styler = chart.getStyler();
        double[] x0 = landscape.x0();
        double[] x1 = landscape.x1();
        styler.setXAxisMin(x0[0]).setXAxisMax(x0[x0.length - 1]);
        styler.setYAxisMin(x1[0]).setYAxisMax(x1[x1.length - 1]);
        double[] levels = Contours.quantileLevels(landscape.values());
        for (int k = 0; k < levels.length; k++) {
            double[][] segments = Contours.segments(x0, x1, landscape.values(), levels[k]);
            if (segments[0].length == 0) {
                continue;
            }
            XYSeries contour = chart.addSeries("contour " + k, segments[0], segments[1]);
            // Darker for lower levels, where the minima and the interesting motion are.
            int grey = 150 + (int) (75.0 * k / Math.max(1, levels.length - 1));
            contour.setLineColor(new Color(grey, grey, grey));
            contour.setLineStyle(new BasicStroke(0.8f));
            contour.setMarker(SeriesMarkers.NONE);
            contour.setShowInLegend(false);
        }
        Palette palette = new Palette(data.trials().stream().map(TrialRow::configuration).toList(), new ArrayList<>(traces.keySet()));
        Map<Configuration, String> labels = Labels.forLegend(new ArrayList<>(traces.keySet()));
        Set<List<Float>> starts = new LinkedHashSet<>();
        for (Map.Entry<Configuration, List<TraceCsv.Point>> entry : traces.entrySet()) {
            List<TraceCsv.Point> trace = entry.getValue();
            if (trace.get(0).parameters().length < 2) {
                continue;
            }
            double[] x = finiteOrGap(trace.stream().mapToDouble(point -> point.parameters()[0]).toArray());
            double[] y = finiteOrGap(trace.stream().mapToDouble(point -> point.parameters()[1]).toArray());
            XYSeries line = chart.addSeries(labels.get(entry.getKey()), x, y);
            style(line, palette, entry.getKey(), x.length <= 60);
            // Thinner than curves: trajectories often share the valley floor and must not hide each other.
            line.setLineStyle(palette.stroke(entry.getKey(), 1.5f));
            starts.add(List.of(trace.get(0).parameters()[0], trace.get(0).parameters()[1]));
        }
        if (!starts.isEmpty()) {
            XYSeries start = chart.addSeries("start", starts.stream().mapToDouble(point -> point.get(0)).toArray(),
                    starts.stream().mapToDouble(point -> point.get(1)).toArray());
            start.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            start.setMarker(SeriesMarkers.SQUARE);
            start.setMarkerColor(Color.BLACK);
        }
        List<double[]> minima = data.minima().getOrDefault(dataset, List.of());
        if (!minima.isEmpty() && minima.get(0).length == 2) {
            XYSeries minimum = chart.addSeries(minima.size() == 1 ? "minimum" : "minima",
                    minima.stream().mapToDouble(point -> point[0]).toArray(),
                    minima.stream().mapToDouble(point -> point[1]).toArray());
            minimum.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            minimum.setMarker(SeriesMarkers.DIAMOND);
            minimum.setMarkerColor(new Color(0xC00000));
        }
        return Optional.of(chart);
    }

    /** The curve of a 1-D function with each configuration's iterates on it, start and known minima marked. */
    public Optional<XYChart> functionCurve(RunData data, String dataset) {
        LandscapeCsv.Landscape landscape = data.landscapes().get(dataset);
        if (landscape == null || landscape.dimension() != 1) {
            return Optional.empty();
        }
        double[] x = landscape.x0();
        double[] f = Arrays.stream(landscape.values()).mapToDouble(row -> row[0]).toArray();
        XYChart chart = chart("Iterates on " + Labels.nameOf(dataset), "x", "f(x)");
        XYStyler styler = chart.getStyler();
        styler.setXAxisMin(x[0]).setXAxisMax(x[x.length - 1]);
        double low = Arrays.stream(f).filter(Double::isFinite).min().orElse(0);
        double high = Arrays.stream(f).filter(Double::isFinite).max().orElse(1);
        double pad = 0.05 * (high - low);
        styler.setYAxisMin(low - pad).setYAxisMax(high + pad);
        XYSeries curve = chart.addSeries("f(x)", x, f);
        curve.setLineColor(Color.GRAY);
        curve.setLineStyle(new BasicStroke(1.5f));
        curve.setMarker(SeriesMarkers.NONE);
        Map<Configuration, List<TraceCsv.Point>> traces = firstTraces(data, dataset);
        Palette palette = new Palette(data.trials().stream().map(TrialRow::configuration).toList(), new ArrayList<>(traces.keySet()));
        Map<Configuration, String> labels = Labels.forLegend(new ArrayList<>(traces.keySet()));
        Set<Float> starts = new LinkedHashSet<>();
        for (Map.Entry<Configuration, List<TraceCsv.Point>> entry : traces.entrySet()) {
            List<TraceCsv.Point> trace = entry.getValue();
            double[] px = finiteOrGap(trace.stream().mapToDouble(point -> point.parameters()[0]).toArray());
            double[] py = trace.stream().mapToDouble(point -> interpolate(x, f, point.parameters()[0])).toArray();
            XYSeries iterates = chart.addSeries(labels.get(entry.getKey()), px, py);
            style(iterates, palette, entry.getKey(), true);
            iterates.setLineStyle(new BasicStroke(0.8f));
            starts.add(trace.get(0).parameters()[0]);
        }
        if (!starts.isEmpty()) {
            XYSeries start = chart.addSeries("start", starts.stream().mapToDouble(Float::doubleValue).toArray(),
                    starts.stream().mapToDouble(value -> interpolate(x, f, value)).toArray());
            start.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            start.setMarker(SeriesMarkers.SQUARE);
            start.setMarkerColor(Color.BLACK);
        }
        List<double[]> minima = data.minima().getOrDefault(dataset, List.of());
        if (!minima.isEmpty()) {
            XYSeries minimum = chart.addSeries(minima.size() == 1 ? "minimum" : "minima",
                    minima.stream().mapToDouble(point -> point[0]).toArray(),
                    minima.stream().mapToDouble(point -> interpolate(x, f, point[0])).toArray());
            minimum.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            minimum.setMarker(SeriesMarkers.DIAMOND);
            minimum.setMarkerColor(new Color(0xC00000));
        }
        return Optional.of(chart);
    }

    /**
     * An accuracy axis (percent) over {@code values}: within [0, 100] whatever the data and bands, with a margin of
     * 5% of the range (at least one point) inside those limits.
     */
    static void accuracyAxis(XYChart chart, List<Double> values) {
        double low = values.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).min().orElse(0);
        double high = values.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).max().orElse(100);
        double pad = Math.max(1, 0.05 * (high - low));
        chart.getStyler().setYAxisMin(Math.max(0, low - pad)).setYAxisMax(Math.min(100, high + pad));
    }

    /** Linear axes without a pattern of their own: tick labels in full, 0.05 rather than XChart's ".05". */
    static final String FULL_DECIMALS = "0.##########";

    /** Gives every linear axis of {@code chart} that has no decimal pattern yet {@link #FULL_DECIMALS}. */
    static void fullTickLabels(XYChart chart) {
        XYStyler styler = chart.getStyler();
        if (!styler.isYAxisLogarithmic() && styler.getYAxisDecimalPattern() == null) {
            styler.setYAxisDecimalPattern(FULL_DECIMALS);
        }
        if (!styler.isXAxisLogarithmic() && styler.getXAxisDecimalPattern() == null) {
            styler.setXAxisDecimalPattern(FULL_DECIMALS);
        }
    }

    /** Writes {@code chart} as {@code directory/name.EXT} for each format. */
    public static void save(XYChart chart, Path directory, String name, Set<FigureFormat> formats) {
        fullTickLabels(chart);
        try {
            Files.createDirectories(directory);
            for (FigureFormat format : formats) {
                String file = directory.resolve(name + "." + format.extension()).toString();
                switch (format) {
                    case PNG -> BitmapEncoder.saveBitmap(chart, file, BitmapEncoder.BitmapFormat.PNG);
                    case SVG -> VectorGraphicsEncoder.saveVectorGraphic(chart, file,
                            VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
                    case PDF -> VectorGraphicsEncoder.saveVectorGraphic(chart, file,
                            VectorGraphicsEncoder.VectorGraphicsFormat.PDF);
                    default -> throw new IllegalStateException("unhandled format " + format);
                }
            }
        } catch (IOException e) {
            throw new ReportException("cannot write figure " + name + " in " + directory + ": " + e.getMessage(), e);
        }
    }

    private static Figure write(XYChart chart, Path directory, String name, Set<FigureFormat> formats,
            String caption) {
        save(chart, directory, name, formats);
        return new Figure(name, caption);
    }

    private static String caption(XYChart chart) {
        return chart.getTitle();
    }

    private XYChart dotChart(String title, String yAxis, Map<Configuration, double[]> values,
            Map<Configuration, String> tickLabels, boolean meanWithInterval, RunData data) {
        XYChart chart = chart(title, "configuration", yAxis);
        XYStyler styler = chart.getStyler();
        List<Configuration> order = new ArrayList<>(values.keySet());
        List<String> ticks = order.stream().map(tickLabels::get).toList();
        styler.setXAxisMin(0.4).setXAxisMax(order.size() + 0.6);
        // XChart's tick calculator loops forever on some categorical label functions: no x ticks at all, each
        // column is named by a text above it instead.
        styler.setXAxisTicksVisible(false);
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setAnnotationTextFont(new Font(FONT, Font.PLAIN, 13));
        styler.setAnnotationTextFontColor(Color.BLACK);
        int longest = ticks.stream().mapToInt(String::length).max().orElse(0);
        boolean numbered = longest * 8 > (width - 250) / Math.max(1, order.size());
        styler.setLegendVisible(true);
        styler.setErrorBarsColorSeriesColor(true);
        // Colours keyed by the data set's configurations, as in its curve figures.
        Palette palette = new Palette(configurationsByDataset(data).getOrDefault(order.get(0).dataset(), order));
        List<Double> all = new ArrayList<>();
        Map<Integer, String> placeholders = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (int index = 0; index < order.size(); index++) {
            Configuration configuration = order.get(index);
            double[] y = values.get(configuration);
            if (y.length == 0) {
                if (numbered) {
                    // No dot (e.g. no seed reached the target), but the numbered column still needs its legend
                    // line: a point placed below the axis range once it is known, clipped from the plot.
                    String name = unique(used, (index + 1) + ": " + tickLabels.get(configuration));
                    placeholders.put(index, name);
                    XYSeries empty = chart.addSeries(name, new double[] {index + 1}, new double[] {Double.NaN});
                    empty.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                    empty.setMarker(SeriesMarkers.CIRCLE);
                    empty.setMarkerColor(palette.lineColor(configuration));
                }
                continue;
            }
            Arrays.stream(y).forEach(all::add);
            double[] x = new double[y.length];
            for (int k = 0; k < y.length; k++) {
                // Spread the seeds sideways so equal values stay visible.
                x[k] = index + 1 + (y.length == 1 ? 0 : -0.12 + 0.24 * k / (y.length - 1)) - 0.12;
            }
            String name = numbered ? (index + 1) + ": " + tickLabels.get(configuration) : tickLabels.get(configuration);
            XYSeries dots = chart.addSeries(unique(used, name), x, y);
            dots.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            dots.setMarker(SeriesMarkers.CIRCLE);
            dots.setMarkerColor(palette.lineColor(configuration));
            double centre = meanWithInterval ? Descriptive.mean(y) : Descriptive.median(y);
            double half = meanWithInterval && y.length > 1 ? Descriptive.confidenceHalfWidth95(y) : 0;
            XYSeries summary = chart.addSeries(unique(used, tickLabels.get(configuration) + " summary"),
                    new double[] {index + 1 + 0.2}, new double[] {centre}, new double[] {half});
            summary.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            summary.setMarker(SeriesMarkers.DIAMOND);
            summary.setMarkerColor(palette.lineColor(configuration));
            summary.setLineColor(palette.lineColor(configuration)); // error bars take the series' line colour
            summary.setShowInLegend(false);
            all.add(centre - half);
            all.add(centre + half);
        }
        boolean log = !meanWithInterval && spansDecades(all);
        styler.setYAxisLogarithmic(log);
        double low = all.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double high = all.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        double labelAt;
        if (log) {
            double ratio = high / low;
            double minimum = low / Math.pow(ratio, 0.3);
            styler.setYAxisMin(minimum).setYAxisMax(high * Math.pow(ratio, 0.08));
            labelAt = minimum * Math.pow(ratio, 0.1);
        } else {
            double pad = Math.max(Math.max(0.08 * (high - low), 0.02 * Math.abs(high)), 1e-9);
            // Room below the data for the column names.
            double minimum = low - pad - 0.15 * (high - low + 2 * pad);
            double maximum = high + pad;
            if (meanWithInterval) {
                // An accuracy axis past 100% (a wide 2-seed interval) or below 0% would mislead; the interval's
                // bar is cut at the edge instead.
                maximum = Math.min(maximum, 100);
                minimum = Math.max(minimum, 0);
            }
            styler.setYAxisMin(minimum).setYAxisMax(maximum);
            labelAt = minimum + 0.06 * (maximum - minimum);
        }
        for (int index = 0; index < order.size(); index++) {
            String text = numbered ? Integer.toString(index + 1) : ticks.get(index);
            chart.addAnnotation(new AnnotationText(text, index + 1, labelAt, false));
        }
        for (Map.Entry<Integer, String> placeholder : placeholders.entrySet()) {
            double outside = log ? styler.getYAxisMin() / 1e3 : styler.getYAxisMin() - 1e3 * (high - low + 1);
            chart.updateXYSeries(placeholder.getValue(), new double[] {placeholder.getKey() + 1},
                    new double[] {outside}, null);
        }
        return chart;
    }

    private XYChart chart(String title, String xAxis, String yAxis) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xAxis)
                .yAxisTitle(yAxis).build();
        XYStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(Color.DARK_GRAY);
        styler.setPlotGridLinesColor(GRID);
        styler.setPlotGridLinesStroke(new BasicStroke(1f));
        styler.setChartTitleBoxVisible(false);
        styler.setChartTitleFont(titleFont(title));
        styler.setAxisTitleFont(new Font(FONT, Font.PLAIN, 15));
        styler.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 13));
        styler.setLegendFont(new Font(FONT, Font.PLAIN, 13));
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setLegendBorderColor(Color.LIGHT_GRAY);
        styler.setLegendSeriesLineLength(28);
        styler.setMarkerSize(7);
        styler.setChartPadding(12);
        styler.setAntiAlias(true);
        styler.setLocale(Locale.ROOT);
        return chart;
    }

    /** The title font, smaller for a long title so that it fits the figure's width instead of being cut off. */
    private Font titleFont(String title) {
        Graphics2D graphics = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            for (int size = 17; size > 10; size--) {
                Font font = new Font(FONT, Font.BOLD, size);
                if (graphics.getFontMetrics(font).stringWidth(title) <= width - 30) {
                    return font;
                }
            }
            return new Font(FONT, Font.BOLD, 10);
        } finally {
            graphics.dispose();
        }
    }

    private static void style(XYSeries series, Palette palette, Configuration configuration, boolean markers) {
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        series.setLineColor(palette.lineColor(configuration));
        series.setLineStyle(palette.stroke(configuration, 2.2f));
        series.setMarkerColor(palette.lineColor(configuration));
        series.setMarker(markers ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    }

    /**
     * An x axis of counts (steps, epochs): whole numbers without thousands separators ("1,0121,265" ran together).
     * Call after the series are added. When every x lies on one even grid (evaluations every 253 steps), XChart
     * places its ticks on grid values as densely as the labels barely fit (0, 236, 472, ...): one hidden point off
     * the grid makes it choose round ticks (0, 500, 1000, ...) at its normal spacing instead.
     */
    private static void countAxis(XYChart chart) {
        chart.getStyler().setXAxisDecimalPattern("0");
        for (XYSeries series : chart.getSeriesMap().values()) {
            double[] x = series.getXData();
            double[] y = series.getYData();
            if (x.length >= 2 && x[1] > x[0] && Double.isFinite(y[0])) {
                XYSeries offGrid = chart.addSeries(" off-grid tick anchor", new double[] {x[0] + (x[1] - x[0]) / 3},
                        new double[] {y[0]});
                offGrid.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                offGrid.setMarker(SeriesMarkers.NONE);
                offGrid.setShowInLegend(false);
                return;
            }
        }
    }

    private static String titleContext(List<Configuration> configurations) {
        String common = Labels.common(configurations);
        return common.isEmpty() ? "" : " — " + common;
    }

    private static String seedsText(java.util.Collection<Band> bands) {
        int min = bands.stream().mapToInt(band -> band.seeds).min().orElse(0);
        int max = bands.stream().mapToInt(band -> band.seeds).max().orElse(0);
        return (min == max ? Integer.toString(max) : min + "–" + max) + " seeds";
    }

    private static String unique(Set<String> used, String label) {
        String candidate = label;
        for (int k = 2; !used.add(candidate); k++) {
            candidate = label + " #" + k;
        }
        return candidate;
    }

    /** Whether any trial has two evaluations in one epoch ({@code eval_every}): then its x axis is the step. */
    static boolean evaluatesWithinEpochs(List<List<CurveRow>> trials) {
        for (List<CurveRow> rows : trials) {
            Set<Integer> epochs = new HashSet<>();
            for (CurveRow row : rows) {
                if (!epochs.add(row.epoch())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** How many decades below the largest value a log axis shows: more is float round-off, not progress. */
    static final double LOG_AXIS_DECADES = 12;

    /**
     * The lower limit of a log axis over positive {@code values}: the smallest, unless it lies more than
     * {@link #LOG_AXIS_DECADES} decades below the largest (a loss of 1e-89 after a start at 10 would print ninety
     * overlapping decade labels and flatten everything above 1e-6 into the top of the figure).
     */
    static double logAxisFloor(List<Double> values) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double value : values) {
            if (Double.isFinite(value) && value > 0) {
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        return Math.max(min, max * Math.pow(10, -LOG_AXIS_DECADES));
    }

    /** Cuts a log axis at {@link #logAxisFloor} and says so in the axis title when values are cut. */
    private static void limitLogAxis(XYChart chart, List<Double> values, String axisTitle) {
        double floor = logAxisFloor(values);
        double min = values.stream().mapToDouble(Double::doubleValue).filter(v -> Double.isFinite(v) && v > 0).min()
                .orElse(floor);
        if (floor > min) {
            chart.getStyler().setYAxisMin(floor);
            chart.setYAxisTitle(axisTitle + " (log; below " + String.format(Locale.ROOT, "%.0e", floor) + " cut)");
        }
    }

    /** Whether positive values span more than a decade and a half: then a log axis reads better. */
    static boolean spansDecades(List<Double> values) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double value : values) {
            if (!Double.isFinite(value)) {
                continue;
            }
            if (value <= 0) {
                return false;
            }
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        return max > 0 && max / min > 30;
    }

    /**
     * A diverged trajectory holds infinities and huge values that Java2D cannot draw: they become gaps (the plot
     * is clipped to the landscape anyway).
     */
    private static double[] finiteOrGap(double[] values) {
        double[] result = values.clone();
        for (int i = 0; i < result.length; i++) {
            if (!Double.isFinite(result[i]) || Math.abs(result[i]) > 1e12) {
                result[i] = Double.NaN;
            }
        }
        return result;
    }

    private static double interpolate(double[] x, double[] f, double at) {
        int index = Arrays.binarySearch(x, at);
        if (index >= 0) {
            return f[index];
        }
        int upper = -index - 1;
        if (upper <= 0 || upper >= x.length) {
            return Double.NaN; // outside the sampled range: leave a gap rather than invent a value
        }
        double fraction = (at - x[upper - 1]) / (x[upper] - x[upper - 1]);
        return f[upper - 1] + fraction * (f[upper] - f[upper - 1]);
    }

    private static Map<String, List<Configuration>> configurationsByDataset(RunData data) {
        Map<String, List<Configuration>> byDataset = new LinkedHashMap<>();
        for (Configuration configuration : Summaries.group(data.trials()).keySet()) {
            byDataset.computeIfAbsent(configuration.dataset(), key -> new ArrayList<>()).add(configuration);
        }
        return byDataset;
    }

    private static List<TrialRow> trialsOf(RunData data, Configuration configuration) {
        return data.trials().stream().filter(trial -> trial.configuration().equals(configuration))
                .sorted(Comparator.comparingInt(TrialRow::trial)).toList();
    }

    private static Map<Integer, List<CurveRow>> curvesByTrial(RunData data) {
        Map<Integer, List<CurveRow>> byTrial = new LinkedHashMap<>();
        for (CurveRow row : data.curves()) {
            byTrial.computeIfAbsent(row.trial(), key -> new ArrayList<>()).add(row);
        }
        byTrial.values().forEach(rows -> rows.sort(Comparator.comparingLong(CurveRow::step)
                .thenComparingInt(CurveRow::epoch)));
        return byTrial;
    }

    private static Map<Configuration, List<TraceCsv.Point>> firstTraces(RunData data, String dataset) {
        Map<Configuration, List<TraceCsv.Point>> traces = new LinkedHashMap<>();
        for (Configuration configuration : configurationsByDataset(data).getOrDefault(dataset, List.of())) {
            for (TrialRow trial : trialsOf(data, configuration)) {
                List<TraceCsv.Point> trace = data.traces().get(trial.trial());
                if (trace != null && !trace.isEmpty()) {
                    traces.put(configuration, trace);
                    break;
                }
            }
        }
        return traces;
    }

    /** Mean, minimum and maximum over seeds at each x where at least one seed has a finite value. */
    private record Band(double[] x, double[] mean, double[] min, double[] max, int seeds) {
        static Band of(List<double[][]> perTrial) {
            TreeMap<Double, List<Double>> byX = new TreeMap<>();
            int seeds = 0;
            for (double[][] trial : perTrial) {
                boolean any = false;
                for (int k = 0; k < trial[0].length; k++) {
                    if (Double.isFinite(trial[1][k])) {
                        byX.computeIfAbsent(trial[0][k], key -> new ArrayList<>()).add(trial[1][k]);
                        any = true;
                    }
                }
                seeds += any ? 1 : 0;
            }
            double[] x = new double[byX.size()];
            double[] mean = new double[x.length];
            double[] min = new double[x.length];
            double[] max = new double[x.length];
            int k = 0;
            for (Map.Entry<Double, List<Double>> entry : byX.entrySet()) {
                x[k] = entry.getKey();
                mean[k] = entry.getValue().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                min[k] = entry.getValue().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
                max[k] = entry.getValue().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
                k++;
            }
            return new Band(x, mean, min, max, seeds);
        }
    }
}
