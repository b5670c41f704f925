package org.optbench.harness.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.optbench.harness.trial.Trial;
import org.optbench.harness.trial.TrialResult;
import org.optbench.harness.trial.TrialSettings;
import org.optbench.reports.TrialRow;
import org.optbench.reports.TrialStatus;

class ProgressTest {
    static TrialResult result(int id, TrialStatus status) {
        Trial trial = new Trial(id, "quartic", "", "sgd(lr=0.1)", "constant(unit=step)", List.of(), 0, 1, 2,
                new TrialSettings(1, 1, false, 1, 0, 0, 0, null));
        TrialRow row = new TrialRow(id, trial.configuration(), 1, 2, 0, status, 0, -1, 1, 0.5, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, 0.1, Double.NaN, Double.NaN, -1, "");
        return new TrialResult(trial, List.of(), row, List.of(), List.of());
    }

    @Test
    void terminalsGetABarWithCountsAndEta() {
        StringWriter text = new StringWriter();
        Progress progress = new Progress(new PrintWriter(text), true);
        progress.started(4, 1);
        progress.finished(result(1, TrialStatus.OK));
        progress.finished(result(2, TrialStatus.DIVERGED));
        progress.close();
        String out = text.toString();
        assertTrue(out.contains("\r[" + "#".repeat(15) + " ".repeat(15) + "] 2/4 trials"), out);
        assertTrue(out.contains("3/4 trials, 1 diverged  ETA "), out);
    }

    @Test
    void logsGetOneLinePerTrial() {
        StringWriter text = new StringWriter();
        Progress progress = new Progress(new PrintWriter(text), false);
        progress.started(2, 0);
        progress.finished(result(0, TrialStatus.OK));
        progress.finished(result(1, TrialStatus.OK));
        List<String> lines = text.toString().lines().toList();
        assertTrue(lines.size() == 2 && lines.get(0).startsWith("[1/2] trial 0 ok  sgd(lr=0.1) on quartic  repeat 0  train_loss 0.5"),
                text.toString());
        assertTrue(lines.get(0).contains("ETA"), lines.get(0));
        assertTrue(!lines.get(1).contains("ETA"), "no ETA once all are done: " + lines.get(1));
    }
}
