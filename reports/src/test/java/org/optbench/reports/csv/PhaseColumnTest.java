package org.optbench.reports.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.reports.Configuration;
import org.optbench.reports.CurveRow;
import org.optbench.reports.RunFiles;
import org.optbench.reports.TrialRow;
import org.optbench.reports.TrialStatus;

/** The phase column round-trips, and files written before it existed are still read (and resumed) as phase-less. */
class PhaseColumnTest {
    static final Configuration SGD = new Configuration("sgd(lr=0.1)", "constant(unit=step)", "[]", "mnist", "mlp");

    @Test
    void aPhaseRoundTripsAndAnOldFileReadsAsPhaseLess(@TempDir Path directory) throws IOException {
        try (RunWriter writer = RunWriter.create(directory)) {
            writer.writeCurve(new CurveRow(0, SGD, 5, 0, 1, 10, 0.1, 0.5, 0.6, 0.7, 0.8, 0.9, 1.5, "final"));
            writer.writeTrial(new TrialRow(0, SGD, 5, 6, 0, TrialStatus.OK, 1, 1, 10, 0.5, 0.6, 0.7, 0.8, 0.9, 0.6, 0.7,
                    2, 1.5, Double.NaN, -1, "", "tune"));
        }
        assertEquals("tune", RunReader.readTrials(directory).get(0).phase());
        assertEquals("final", RunReader.readCurves(directory).get(0).phase());

        Path old = directory.resolve("old");
        Files.createDirectories(old);
        Files.writeString(old.resolve(RunFiles.TRIALS), String.join(",", RunSchema.TRIALS_HEADER_V1) + "\n"
                + "0,sgd(lr=0.1),constant(unit=step),[],mnist,mlp,5,6,0,ok,1,1,10,0.5,0.6,0.7,0.8,0.9,0.6,0.7,2,1.5,,-1,\n");
        Files.writeString(old.resolve(RunFiles.CURVES), String.join(",", RunSchema.CURVES_HEADER_V1) + "\n");
        List<TrialRow> rows = RunReader.readTrials(old);
        assertEquals("", rows.get(0).phase());
        assertEquals(0.8, rows.get(0).testLoss(), 0.0);
        // Resuming an old run rewrites it with the current header, its rows kept.
        RunWriter.resume(old).close();
        assertEquals(String.join(",", RunSchema.TRIALS_HEADER), Files.readAllLines(old.resolve(RunFiles.TRIALS)).get(0));
        assertEquals(rows, RunReader.readTrials(old));
    }
}
