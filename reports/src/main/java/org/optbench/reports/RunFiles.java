package org.optbench.reports;

/**
 * The names of the files in a run directory; the one place they are spelled.
 *
 * <ul>
 *   <li>{@code manifest.json}: provenance, written by the harness;</li>
 *   <li>{@code trials.csv}, {@code curves.csv}: written row by row as trials finish;</li>
 *   <li>{@code selection.csv}: a tuned experiment's choice per optimizer and problem, derived from {@code trials.csv};</li>
 *   <li>{@code summary.csv}, {@code figures/}, {@code report.md}: derived from the CSV files by the reports module;</li>
 *   <li>{@code traces/trial-N.csv}: the trajectory of trial N on an analytic function, header
 *       {@code step,lr,loss,x0[,x1,...]}, one row per update, row 0 the start point;</li>
 *   <li>{@code landscapes/NAME.csv}: the function's values on a grid for plotting, header {@code x0,f} (1-D) or
 *       {@code x0,x1,f} (2-D), and {@code landscapes/NAME-minima.csv}, header {@code x0[,x1]}, where NAME is the
 *       data set's component string made safe for a file name;</li>
 *   <li>{@code .journal.csv}: written by the harness, header {@code trial,curve_rows,trace_rows}, one line per
 *       trial once all its rows are written; {@code --resume} keeps a trial only if its files still hold exactly
 *       that many rows;</li>
 *   <li>{@code .lock}: locked while a process writes the folder (one writer per run folder); holds its process id.</li>
 *   <li>{@code rates/trial-N.csv}: the learning rate of every update of model trial N (the first repeat of each
 *       optimizer, schedule and data set), header {@code step,lr}: {@code step} is the update count after the
 *       update, so row k holds the rate of update k − 1, as {@code curves.csv} and the traces do.</li>
 * </ul>
 */
public final class RunFiles {
    public static final String MANIFEST = "manifest.json";
    public static final String TRIALS = "trials.csv";
    public static final String CURVES = "curves.csv";
    public static final String SUMMARY = "summary.csv";
    /** A tuned experiment's selected configurations (docs/harness.md, "Tuning"). */
    public static final String SELECTION = "selection.csv";
    public static final String REPORT = "report.md";
    public static final String FIGURES = "figures";
    public static final String TRACES = "traces";
    public static final String LANDSCAPES = "landscapes";
    public static final String JOURNAL = ".journal.csv";
    public static final String LOCK = ".lock";
    public static final String RATES = "rates";

    private RunFiles() {
    }

    /** The trace file of one trial, relative to the run directory. */
    public static String trace(int trial) {
        return TRACES + "/trial-" + trial + ".csv";
    }

    /** The per-update learning-rate file of one model trial, relative to the run directory. */
    public static String rates(int trial) {
        return RATES + "/trial-" + trial + ".csv";
    }

    /** A component string made safe as a file name: letters, digits, dot and dash kept, the rest as '_'. */
    public static String safeName(String component) {
        return component.replaceAll("[^A-Za-z0-9.-]+", "_").replaceAll("^_+|_+$", "");
    }
}
