package org.optbench.harness.trial;

import java.io.Serializable;
import java.util.List;
import org.optbench.reports.CurveRow;
import org.optbench.reports.TrialRow;
import org.optbench.reports.csv.TraceCsv;

/**
 * What one trial produced (serializable, as a cluster engine ships it back): its evaluations, its summary row, its trajectory on an analytic function, and
 * warnings to show the user (e.g. a full-batch rule run on mini-batches).
 *
 * @param trial the trial
 * @param curves one row per evaluation, in order
 * @param row the summary row of {@code trials.csv}
 * @param trace the trajectory, row 0 the start point; empty for model trials
 * @param warnings messages for the user
 */
public record TrialResult(Trial trial, List<CurveRow> curves, TrialRow row, List<TraceCsv.Point> trace,
        List<String> warnings) implements Serializable {

    public TrialResult {
        curves = List.copyOf(curves);
        trace = List.copyOf(trace);
        warnings = List.copyOf(warnings);
    }
}
