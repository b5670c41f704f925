package org.optbench.reports.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.reports.Configuration;
import org.optbench.reports.CurveRow;
import org.optbench.reports.ReportException;
import org.optbench.reports.RunFiles;
import org.optbench.reports.TrialRow;
import org.optbench.reports.TrialStatus;

class RunFilesCsvTest {
    private static final Configuration ADAM = new Configuration("adam(lr=0.001, beta1=0.9)", "step(gamma=0.5, every=2)",
            "[l2(lambda=0.0001), dropout(p=0.5)]", "mnist", "mlp(hidden=[128, 64], activation=relu)");

    @TempDir
    Path directory;

    @Test
    void curvesHeaderIsExactlyTheDocumentedOne() throws IOException {
        RunWriter.create(directory).close();
        assertEquals("trial,optimizer,schedule,regularizers,dataset,model,seed,repeat,epoch,step,lr,train_loss,"
                + "val_loss,val_accuracy,test_loss,test_accuracy,elapsed_s,phase\n",
                Files.readString(directory.resolve(RunFiles.CURVES)));
        assertEquals("trial,optimizer,schedule,regularizers,dataset,model,seed,data_seed,repeat,status,epochs_run,best_epoch,"
                + "steps,train_loss,val_loss,val_accuracy,test_loss,test_accuracy,best_val_loss,best_val_accuracy,"
                + "wall_s,s_per_epoch,time_to_target_s,steps_to_target,message,phase\n",
                Files.readString(directory.resolve(RunFiles.TRIALS)));
    }

    @Test
    void rowsRoundTripExactlyIncludingNaNCommasAndAwkwardDoubles() {
        CurveRow curve = curve(3, 2, 0.1 + 0.2, Double.NaN);
        TrialRow trial = new TrialRow(3, ADAM, -4_611_686_018_427_387_904L, 9_007_199_254_740_993L, 1, TrialStatus.STOPPED_EARLY, 7, 5, 6566,
                Math.PI, 1e-300, Double.NaN, Double.POSITIVE_INFINITY, 0.9731, 0.05, 0.975, 123.456, 17.6,
                Double.NaN, -1, "stopped after 2 epochs without improvement, \"patience\" 2");
        try (RunWriter writer = RunWriter.create(directory)) {
            writer.writeCurve(curve);
            writer.writeTrial(trial);
        }
        assertEquals(List.of(curve), RunReader.readCurves(directory));
        assertEquals(List.of(trial), RunReader.readTrials(directory));
        assertTrue(content(RunFiles.CURVES).contains(",0.30000000000000004,"), "shortest round-trip text");
        assertTrue(content(RunFiles.CURVES).contains(",,"), "NaN is an empty cell");
    }

    @Test
    void messagesWithLineBreaksStayOnOneLine() {
        TrialRow trial = trial(0, "java.lang.IllegalStateException: boom\n\tat Somewhere");
        try (RunWriter writer = RunWriter.create(directory)) {
            writer.writeTrial(trial);
        }
        assertEquals(2, content(RunFiles.TRIALS).split("\n").length);
        assertEquals("java.lang.IllegalStateException: boom \tat Somewhere",
                RunReader.readTrials(directory).get(0).message());
    }

    @Test
    void resumeDropsATornLineAndTheCurvesOfUnfinishedTrials() throws IOException {
        try (RunWriter writer = RunWriter.create(directory)) {
            writer.writeCurve(curve(0, 0, 2.3, 0.1));
            writer.writeCurve(curve(0, 1, 0.5, 0.9));
            writer.writeTrial(trial(0, ""));
            writer.writeCurve(curve(1, 0, 2.3, 0.1)); // trial 1 was in flight when the run was killed
        }
        // ... and the kill tore its next curve row and a trial row of trial 2.
        Files.writeString(directory.resolve(RunFiles.CURVES), "1,\"adam(lr=0.0", StandardOpenOption.APPEND);
        Files.writeString(directory.resolve(RunFiles.TRIALS), "2,sgd", StandardOpenOption.APPEND);
        try (RunWriter writer = RunWriter.resume(directory)) {
            assertEquals(Set.of(0), writer.completedTrials());
            assertEquals(List.of(0, 0), RunReader.readCurves(directory).stream().map(CurveRow::trial).toList());
            assertEquals(1, RunReader.readTrials(directory).size());
            writer.writeCurve(curve(1, 0, 2.3, 0.1));
            writer.writeTrial(trial(1, ""));
            assertEquals(Set.of(0, 1), writer.completedTrials());
        }
        assertEquals(List.of(0, 1), RunReader.readTrials(directory).stream().map(TrialRow::trial).toList());
        assertEquals(3, RunReader.readCurves(directory).size());
    }

    @Test
    void resumeOfAnEmptyDirectoryStartsANewRun() {
        try (RunWriter writer = RunWriter.resume(directory)) {
            assertEquals(Set.of(), writer.completedTrials());
        }
        assertEquals(List.of(), RunReader.readTrials(directory));
    }

    @Test
    void finishGivesTheSameBytesWhateverTheOrderAndThreadCount() throws Exception {
        List<Integer> trials = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            trials.add(i);
        }
        Path sequential = directory.resolve("sequential");
        try (RunWriter writer = RunWriter.create(sequential)) {
            trials.forEach(id -> writeTrialWithCurves(writer, id));
            writer.finish();
        }
        Path parallel = directory.resolve("parallel");
        Collections.shuffle(trials, new Random(5));
        try (RunWriter writer = RunWriter.create(parallel)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            trials.forEach(id -> pool.submit(() -> writeTrialWithCurves(writer, id)));
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
            writer.finish();
        }
        assertArrayEquals(Files.readAllBytes(sequential.resolve(RunFiles.CURVES)),
                Files.readAllBytes(parallel.resolve(RunFiles.CURVES)));
        assertArrayEquals(Files.readAllBytes(sequential.resolve(RunFiles.TRIALS)),
                Files.readAllBytes(parallel.resolve(RunFiles.TRIALS)));
    }

    @Test
    void aForeignHeaderIsRejectedNamingTheFile() throws IOException {
        Path file = directory.resolve(RunFiles.TRIALS);
        Files.writeString(file, "a,b,c\n1,2,3\n");
        ReportException error = assertThrows(ReportException.class, () -> RunReader.readTrials(file));
        assertTrue(error.getMessage().startsWith(file + ":1: unexpected header a,b,c; expected trial,optimizer"),
                error.getMessage());
    }

    @Test
    void aWrongColumnCountNamesTheLine() throws IOException {
        try (RunWriter writer = RunWriter.create(directory)) {
            writer.writeCurve(curve(0, 0, 1, 0.5));
        }
        Files.writeString(directory.resolve(RunFiles.CURVES), "0,x,y\n", StandardOpenOption.APPEND);
        ReportException error = assertThrows(ReportException.class, () -> RunReader.readCurves(directory));
        assertEquals(directory.resolve(RunFiles.CURVES) + ":3: expected 18 columns, found 3", error.getMessage());
    }

    @Test
    void anUnparsableNumberNamesLineAndColumn() throws IOException {
        try (RunWriter writer = RunWriter.create(directory)) {
            writer.writeCurve(curve(0, 0, 1, 0.5));
            writer.writeCurve(curve(0, 1, 0.5, 0.7));
        }
        Path file = directory.resolve(RunFiles.CURVES);
        String broken = Files.readString(file).replace(",0.7,", ",seventy,");
        Files.writeString(file, broken, StandardCharsets.UTF_8);
        ReportException error = assertThrows(ReportException.class, () -> RunReader.readCurves(file));
        assertEquals(file + ":3: column 14 (val_accuracy): cannot parse 'seventy' as a number", error.getMessage());
    }

    @Test
    void anUnknownStatusIsNamed() throws IOException {
        try (RunWriter writer = RunWriter.create(directory)) {
            writer.writeTrial(trial(0, ""));
        }
        Path file = directory.resolve(RunFiles.TRIALS);
        Files.writeString(file, Files.readString(file).replace(",ok,", ",great,"));
        ReportException error = assertThrows(ReportException.class, () -> RunReader.readTrials(file));
        assertTrue(error.getMessage().startsWith(file + ":2: column 10 (status): unknown status 'great'"),
                error.getMessage());
    }

    @Test
    void aTrialsCurvesInOneFlushAreTheBytesOfOneFlushPerRow() throws IOException {
        List<CurveRow> curves = List.of(curve(4, 0, 2.3, 0.1), curve(4, 1, 0.1 + 0.2, Double.NaN), curve(4, 2, 1e-300, 0.975));
        Path perRow = directory.resolve("per-row");
        try (RunWriter writer = RunWriter.create(perRow)) {
            curves.forEach(writer::writeCurve);
            writer.writeTrial(trial(4, ""));
        }
        Path batched = directory.resolve("batched");
        try (RunWriter writer = RunWriter.create(batched)) {
            writer.writeCurves(curves);
            writer.writeCurves(List.of()); // a trial without evaluations writes nothing
            writer.writeTrial(trial(4, ""));
        }
        for (String name : List.of(RunFiles.CURVES, RunFiles.TRIALS)) {
            assertEquals(Files.readString(perRow.resolve(name)), Files.readString(batched.resolve(name)), name);
        }
        assertEquals(1 + 3, Files.readAllLines(batched.resolve(RunFiles.CURVES)).size(), "the header and three rows");
        assertEquals(curves, RunReader.readCurves(batched));
    }

    @Test
    void curvesWrittenTogetherWithoutTheirTrialRowAreDroppedOnResume() {
        try (RunWriter writer = RunWriter.create(directory)) {
            writer.writeCurves(List.of(curve(0, 0, 2.3, 0.1), curve(0, 1, 0.5, 0.9)));
            writer.writeTrial(trial(0, ""));
            writer.writeCurves(List.of(curve(1, 0, 2.3, 0.1), curve(1, 1, 0.7, 0.8))); // killed before trial 1's row
        }
        try (RunWriter writer = RunWriter.resume(directory)) {
            assertEquals(Set.of(0), writer.completedTrials());
        }
        assertEquals(List.of(0, 0), RunReader.readCurves(directory).stream().map(CurveRow::trial).toList());
    }

    @Test
    void aWholeTraceIsTheBytesOfTheStreamingWriter() throws IOException {
        List<TraceCsv.Point> points = List.of(new TraceCsv.Point(0, 0.001, 12.5, new float[] {-1.5f, 2.0f}),
                new TraceCsv.Point(1, 0.001, 0.1 + 0.2, new float[] {Math.nextUp(-1.5f), 1.9999999f}),
                new TraceCsv.Point(2, 0.0009990009990009, 1e-12, new float[] {1e-30f, Float.MAX_VALUE}));
        Path streamed = directory.resolve("streamed/trial-0.csv");
        try (TraceCsv.TraceWriter writer = TraceCsv.open(streamed, 2)) {
            points.forEach(point -> writer.write(point.step(), point.learningRate(), point.loss(), point.parameters()));
        }
        Path whole = directory.resolve("whole/trial-0.csv");
        TraceCsv.write(whole, points);
        assertEquals(Files.readString(streamed), Files.readString(whole));
        assertEquals("step,lr,loss,x0,x1\n0,0.001,12.5,-1.5,2.0\n1,0.001,0.30000000000000004,-1.4999999,1.9999999\n"
                + "2,9.990009990009E-4,1.0E-12,1.0E-30,3.4028235E38\n", Files.readString(whole));
        assertThrows(IllegalArgumentException.class, () -> TraceCsv.write(directory.resolve("empty.csv"), List.of()));
    }

    @Test
    void tracesKeepFloatParametersBitForBit() {
        Path file = directory.resolve("traces/trial-0.csv");
        float[] start = {-1.5f, 2.0f};
        float[] next = {Math.nextUp(-1.5f), 1.9999999f};
        float[] third = {1e-30f, Float.MAX_VALUE};
        try (TraceCsv.TraceWriter writer = TraceCsv.open(file, 2)) {
            writer.write(0, 0.001, 12.5, start);
            writer.write(1, 0.001, 0.1 + 0.2, next);
            writer.write(2, 0.0009990009990009, 1e-12, third);
        }
        List<TraceCsv.Point> points = TraceCsv.read(file);
        assertEquals(3, points.size());
        assertArrayEquals(next, points.get(1).parameters());
        assertArrayEquals(third, points.get(2).parameters());
        assertEquals(0.1 + 0.2, points.get(1).loss());
        assertEquals(0.0009990009990009, points.get(2).learningRate());
        assertTrue(content("traces/trial-0.csv").startsWith("step,lr,loss,x0,x1\n0,0.001,12.5,-1.5,2.0\n"));
    }

    @Test
    void landscapesRoundTripAndAPartialGridIsRejected() throws IOException {
        Path file = directory.resolve("landscapes/beale.csv");
        double[] x0 = {-1, 0, 1};
        double[] x1 = {-2, 2};
        double[][] values = {{1, 2}, {3, 4}, {5, 6}};
        LandscapeCsv.write2d(file, x0, x1, values);
        LandscapeCsv.Landscape landscape = LandscapeCsv.read(file);
        assertEquals(2, landscape.dimension());
        assertArrayEquals(x0, landscape.x0());
        assertArrayEquals(x1, landscape.x1());
        assertArrayEquals(values[2], landscape.values()[2]);
        LandscapeCsv.writeMinima(directory.resolve("landscapes/beale-minima.csv"), List.of(new double[] {3, 0.5}));
        assertArrayEquals(new double[] {3, 0.5},
                LandscapeCsv.readMinima(directory.resolve("landscapes/beale-minima.csv")).get(0));
        Files.writeString(file, "x0,x1,f\n0,0,1\n0,1,2\n1,0,3\n");
        ReportException error = assertThrows(ReportException.class, () -> LandscapeCsv.read(file));
        assertTrue(error.getMessage().contains("not a full grid"), error.getMessage());
        Path line = directory.resolve("landscapes/quartic.csv");
        LandscapeCsv.write1d(line, new double[] {-1, 0, 1}, new double[] {1.1, 0, 0.7});
        assertEquals(1, LandscapeCsv.read(line).dimension());
        assertEquals(0.7, LandscapeCsv.read(line).values()[2][0]);
    }

    private static void writeTrialWithCurves(RunWriter writer, int id) {
        for (int epoch = 0; epoch <= 3; epoch++) {
            writer.writeCurve(curve(id, epoch, 2.3 / (epoch + 1) + id, 0.1 * epoch));
        }
        writer.writeTrial(trial(id, ""));
    }

    private static CurveRow curve(int trial, int epoch, double loss, double accuracy) {
        return new CurveRow(trial, ADAM, 1000 + trial, trial % 3, epoch, 938L * epoch, 0.001, loss, loss * 1.1,
                accuracy, loss * 1.2, accuracy, 1.5 * epoch);
    }

    private static TrialRow trial(int id, String message) {
        return new TrialRow(id, ADAM, 1000 + id, 5, id % 3, TrialStatus.OK, 3, 2, 2814, 0.1, 0.12, 0.96, 0.13, 0.955,
                0.11, 0.965, 8.5, 2.5, 5.0, 1876, message);
    }

    private String content(String relative) {
        try {
            return Files.readString(directory.resolve(relative));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
