package org.optbench.harness.trial;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.optbench.reports.CurveRow;
import org.optbench.reports.TrialRow;
import org.optbench.reports.csv.TraceCsv;

/**
 * What one trial produced (serializable, as a cluster engine ships it back): its evaluations, its summary row, its
 * trajectory on an analytic function, warnings to show the user (e.g. a full-batch rule run on mini-batches), and
 * where it ran.
 *
 * @param trial the trial
 * @param curves one row per evaluation, in order
 * @param row the summary row of {@code trials.csv}
 * @param trace the trajectory, row 0 the start point; empty for model trials
 * @param warnings messages for the user
 * @param failure the stack trace of the error that failed the trial ({@code --verbose} prints it), empty otherwise
 * @param placement where it ran ({@code placement.csv})
 */
public record TrialResult(Trial trial, List<CurveRow> curves, TrialRow row, List<TraceCsv.Point> trace,
        List<String> warnings, String failure, Placement placement) implements Serializable {
    private static final Placement LOCAL = Placement.thisJvm("local");

    public TrialResult {
        curves = List.copyOf(curves);
        trace = List.copyOf(trace);
        warnings = List.copyOf(warnings);
        failure = failure == null ? "" : failure;
        Objects.requireNonNull(placement, "placement");
    }

    /** A result of a trial run on this JVM's local threads, without a failure. */
    public TrialResult(Trial trial, List<CurveRow> curves, TrialRow row, List<TraceCsv.Point> trace, List<String> warnings) {
        this(trial, curves, row, trace, warnings, "", LOCAL);
    }

    /** A result of a trial run on this JVM's local threads that failed with this stack trace. */
    public TrialResult(Trial trial, List<CurveRow> curves, TrialRow row, List<TraceCsv.Point> trace, List<String> warnings,
            String failure) {
        this(trial, curves, row, trace, warnings, failure, LOCAL);
    }

    /**
     * The same result run at {@code where}; when that worker used the plain-Java kernel, with a warning, since its
     * times are about 10× those of a Vector API worker.
     */
    public TrialResult at(Placement where) {
        List<String> all = new ArrayList<>(warnings);
        if (where.kernel().equals("plain-java")) {
            all.add("trial " + trial.id() + ": " + where.describe() + " ran the plain-Java kernel, about 10x slower than the"
                    + " Vector API: start its JVM with --add-modules=jdk.incubator.vector (placement.csv, kernel)");
        }
        return new TrialResult(trial, curves, row, trace, all, failure, where);
    }
}
