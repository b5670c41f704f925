package org.optbench.reports.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.optbench.reports.Configuration;
import org.optbench.reports.CurveRow;
import org.optbench.reports.TrialRow;
import org.optbench.reports.csv.RunReader;
import org.optbench.reports.csv.RunWriter;
import org.optbench.reports.RunData;
import org.optbench.reports.SyntheticRun;

class FiguresTest {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 420;

    @TempDir
    Path directory;

    @Test
    void everyFigureKindIsAPngOfTheRequestedSize() throws IOException {
        Path training = directory.resolve("training");
        SyntheticRun.training(training, SyntheticRun.Shape.standard(3));
        Path functions = directory.resolve("functions");
        SyntheticRun.functions(functions, 2);
        RunData trainingData = RunData.load(training);
        RunData functionData = RunData.load(functions);
        Figures figures = new Figures(WIDTH, HEIGHT);
        String rosenbrock = "rosenbrock(start=[-1.5, 2.0])";
        String quartic = "quartic(start=[-2.795])";
        Map<String, Optional<XYChart>> charts = new LinkedHashMap<>();
        for (Figures.CurveMetric metric : Figures.CurveMetric.values()) {
            charts.put(metric.fileName(), figures.progress(trainingData, "mnist", metric));
        }
        charts.put("loss-vs-time", figures.lossVsTime(trainingData, "mnist"));
        charts.put("learning-rate", figures.learningRates(trainingData, "mnist"));
        charts.put("final-test-accuracy", figures.finalAccuracy(trainingData, "mnist"));
        charts.put("time-to-target", figures.timeToTarget(trainingData, "mnist"));
        charts.put("trajectories", figures.trajectories(functionData, rosenbrock));
        charts.put("iterates", figures.functionCurve(functionData, quartic));
        charts.put("function-loss", figures.progress(functionData, rosenbrock, Figures.CurveMetric.TRAIN_LOSS));
        for (Map.Entry<String, Optional<XYChart>> chart : charts.entrySet()) {
            assertTrue(chart.getValue().isPresent(), chart.getKey());
            Figures.save(chart.getValue().get(), directory.resolve("out"), chart.getKey(),
                    EnumSet.of(FigureFormat.PNG));
            BufferedImage image = ImageIO.read(directory.resolve("out/" + chart.getKey() + ".png").toFile());
            assertEquals(WIDTH, image.getWidth(), chart.getKey());
            assertEquals(HEIGHT, image.getHeight(), chart.getKey());
        }
    }

    @Test
    void aDivergedTrajectoryStillDraws() throws IOException {
        SyntheticRun.functions(directory, 1);
        // Trial 0 runs on Rosenbrock: make it blow up half way.
        Path trace = directory.resolve(org.optbench.reports.RunFiles.trace(0));
        List<String> lines = new java.util.ArrayList<>(java.nio.file.Files.readAllLines(trace));
        lines.set(200, "199,0.001,Infinity,-1.0E30,Infinity");
        lines.set(201, "200,0.001,,NaN,NaN");
        java.nio.file.Files.write(trace, lines);
        XYChart chart = new Figures(WIDTH, HEIGHT).trajectories(RunData.load(directory),
                "rosenbrock(start=[-1.5, 2.0])").get();
        Figures.save(chart, directory, "diverged", EnumSet.of(FigureFormat.PNG));
        assertEquals(WIDTH, ImageIO.read(directory.resolve("diverged.png").toFile()).getWidth());
    }

    @Test
    void figuresThatDoNotApplyAreNotDrawn() throws IOException {
        SyntheticRun.functions(directory, 1);
        RunData data = RunData.load(directory);
        Figures figures = new Figures();
        String rosenbrock = "rosenbrock(start=[-1.5, 2.0])";
        assertTrue(figures.progress(data, rosenbrock, Figures.CurveMetric.VALIDATION_ACCURACY).isEmpty());
        assertTrue(figures.finalAccuracy(data, rosenbrock).isEmpty());
        assertTrue(figures.timeToTarget(data, rosenbrock).isEmpty()); // no target in this run
        assertTrue(figures.lossVsTime(data, rosenbrock).isEmpty());
        assertTrue(figures.functionCurve(data, rosenbrock).isEmpty()); // 2-D: trajectories instead
        // one seed: no band, so the title does not promise one
        assertTrue(!figures.progress(data, rosenbrock, Figures.CurveMetric.TRAIN_LOSS).get().getTitle()
                .contains("band"));
    }

    @Test
    void aRunMixingEpochsAndAnalyticFunctionsPlotsEachOnItsOwnAxis() throws IOException {
        Path training = directory.resolve("training");
        SyntheticRun.training(training, SyntheticRun.Shape.standard(3));
        Path functions = directory.resolve("functions");
        SyntheticRun.functions(functions, 1);
        Path mixed = directory.resolve("mixed");
        int offset = 100; // trial ids stay unique in the merged run
        try (RunWriter writer = RunWriter.create(mixed)) {
            RunReader.readCurves(training).forEach(writer::writeCurve);
            RunReader.readTrials(training).forEach(writer::writeTrial);
            for (CurveRow row : RunReader.readCurves(functions)) {
                writer.writeCurve(new CurveRow(row.trial() + offset, row.configuration(), row.seed(), row.repeat(),
                        row.epoch(), row.step(), row.learningRate(), row.trainLoss(), row.validationLoss(),
                        row.validationAccuracy(), row.testLoss(), row.testAccuracy(), row.elapsedSeconds()));
            }
            for (TrialRow row : RunReader.readTrials(functions)) {
                writer.writeTrial(new TrialRow(row.trial() + offset, row.configuration(), row.seed(), row.dataSeed(), row.repeat(),
                        row.status(), row.epochsRun(), row.bestEpoch(), row.steps(), row.trainLoss(),
                        row.validationLoss(), row.validationAccuracy(), row.testLoss(), row.testAccuracy(),
                        row.bestValidationLoss(), row.bestValidationAccuracy(), row.wallSeconds(),
                        row.secondsPerEpoch(), row.secondsToTarget(), row.stepsToTarget(), row.message()));
            }
            writer.finish();
        }
        RunData data = RunData.load(mixed);
        Figures figures = new Figures();
        assertEquals("epoch", figures.progress(data, "mnist", Figures.CurveMetric.TRAIN_LOSS).get()
                .getXAxisTitle());
        XYChart function = figures.progress(data, "rosenbrock(start=[-1.5, 2.0])", Figures.CurveMetric.TRAIN_LOSS)
                .get();
        assertEquals("update (step)", function.getXAxisTitle());
        assertEquals("f(x)", function.getYAxisTitle());
    }

    @Test
    void labelsKeepOnlyWhatDiffers() {
        Configuration a = new Configuration("adam(lr=0.001, beta1=0.9, beta2=0.999)", "constant", "[]", "mnist",
                "mlp(hidden=[128], activation=relu)");
        Configuration b = new Configuration("adam(lr=0.01, beta1=0.9, beta2=0.999)", "constant", "[]", "mnist",
                "mlp(hidden=[128], activation=relu)");
        Configuration c = new Configuration("sgd(lr=0.1)", "constant", "[l2(lambda=0.0001)]", "mnist",
                "mlp(hidden=[128], activation=relu)");
        Map<Configuration, String> labels = Labels.of(List.of(a, b, c));
        assertEquals("adam(lr=0.001) · no regularizer", labels.get(a));
        assertEquals("adam(lr=0.01) · no regularizer", labels.get(b));
        assertEquals("sgd · l2", labels.get(c));
        assertEquals("mnist, mlp", Labels.common(List.of(a, b, c)));
        Configuration wide = new Configuration("sgd(lr=0.1)", "constant", "[]", "mnist",
                "mlp(hidden=[256, 128], activation=relu)");
        Configuration narrow = new Configuration("sgd(lr=0.1)", "constant", "[]", "mnist",
                "mlp(hidden=[64], activation=relu)");
        Map<Configuration, String> models = Labels.of(List.of(wide, narrow));
        assertEquals("sgd · mlp(hidden=[256, 128])", models.get(wide));
    }

    @Test
    void longLabelsAreNeverCutAndBreakBetweenComponentsInLegends() {
        Configuration a = new Configuration("adam(lr=0.001)", "warmup(warmup=100, then=cosine)", "[]", "mnist",
                "mlp(hidden=[256, 128], activation=tanh)");
        Configuration b = new Configuration("adam(lr=0.01)", "warmup(warmup=50, then=linear-decay)", "[]", "mnist",
                "mlp(hidden=[64], activation=relu)");
        // Whole, for tables: 84 characters, where the old labels stopped at 47 and "…".
        assertEquals("adam(lr=0.001) · warmup(warmup=100, then=cosine) · mlp(hidden=[256, 128], activation=tanh)",
                Labels.of(List.of(a, b)).get(a));
        // In a legend, lines of at most 48 characters broken between components: 14 + 3 + 31 = 48 fit on one
        // line, the model (39) goes on the next; 13 + 3 + 36 = 52 do not fit, so b takes three lines.
        Map<Configuration, String> legend = Labels.forLegend(List.of(a, b));
        assertEquals("adam(lr=0.001) · warmup(warmup=100, then=cosine) ·\nmlp(hidden=[256, 128], activation=tanh)",
                legend.get(a));
        assertEquals("adam(lr=0.01) ·\nwarmup(warmup=50, then=linear-decay) ·\nmlp(hidden=[64], activation=relu)",
                legend.get(b));
    }

    @Test
    void formatListsAreParsedWithAClearError() {
        assertEquals(EnumSet.of(FigureFormat.SVG, FigureFormat.PDF), FigureFormat.parseList("svg, PDF"));
        assertEquals(EnumSet.of(FigureFormat.PNG), FigureFormat.parseList(""));
        IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> FigureFormat.parseList("png,jpg"));
        assertEquals("--format: unknown figure format 'jpg'; choose from png, svg, pdf (comma-separated)",
                error.getMessage());
    }
}
