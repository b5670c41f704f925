package org.optbench.harness.run;

import java.io.PrintWriter;
import java.util.Locale;
import org.optbench.harness.trial.TrialResult;
import org.optbench.reports.TrialRow;
import org.optbench.reports.TrialStatus;

/**
 * Tells the user how far a run is: a one-line progress bar with trial counts and an ETA on an interactive
 * terminal, one plain log line per finished trial otherwise (CI logs, pipes).
 */
public final class Progress {
    private static final int BAR_WIDTH = 30;
    private final PrintWriter out;
    private final boolean interactive;
    private final boolean verbose;
    private int total;
    private int done;
    private int doneAtStart;
    private int diverged;
    private int failed;
    private long startNanos;
    private boolean barShown;

    /** @param interactive whether to redraw one bar line ({@code System.console() != null}) */
    public Progress(PrintWriter out, boolean interactive) {
        this(out, interactive, false);
    }

    /** @param verbose whether a failed trial's stack trace is printed ({@code --verbose}) */
    public Progress(PrintWriter out, boolean interactive, boolean verbose) {
        this.out = out;
        this.interactive = interactive;
        this.verbose = verbose;
    }

    /** The run starts with {@code alreadyDone} of {@code total} trials finished by an earlier session. */
    public synchronized void started(int total, int alreadyDone) {
        this.total = total;
        this.done = alreadyDone;
        this.doneAtStart = alreadyDone;
        this.startNanos = System.nanoTime();
        if (interactive) {
            drawBar();
        }
    }

    /** A note for the user (what is being loaded, where the run goes), printed on its own line. */
    public synchronized void info(String message) {
        clearBar();
        out.println(message);
        out.flush();
    }

    /** A warning, printed on its own line. */
    public synchronized void warn(String message) {
        clearBar();
        out.println("warning: " + message);
        out.flush();
        if (interactive) {
            drawBar();
        }
    }

    /** One more trial finished. */
    public synchronized void finished(TrialResult result) {
        done++;
        TrialRow row = result.row();
        if (row.status() == TrialStatus.DIVERGED) {
            diverged++;
        } else if (row.status() == TrialStatus.FAILED) {
            failed++;
            if (verbose && !result.failure().isEmpty()) {
                clearBar();
                out.print("trial " + row.trial() + " failed: " + result.failure());
                out.flush();
            }
        }
        if (interactive) {
            drawBar();
            return;
        }
        StringBuilder line = new StringBuilder();
        line.append('[').append(done).append('/').append(total).append("] trial ").append(row.trial()).append(' ')
                .append(row.status().key()).append("  ").append(row.configuration().optimizer()).append(" on ")
                .append(row.configuration().dataset());
        if (!row.configuration().model().equals("none")) {
            line.append(" / ").append(row.configuration().model());
        }
        line.append("  repeat ").append(row.repeat());
        if (!Double.isNaN(row.validationAccuracy())) {
            line.append(String.format(Locale.ROOT, "  val_accuracy %.4f", row.validationAccuracy()));
        } else if (!Double.isNaN(row.trainLoss())) {
            line.append(String.format(Locale.ROOT, "  train_loss %.6g", row.trainLoss()));
        }
        line.append(String.format(Locale.ROOT, "  %.1f s", row.wallSeconds()));
        String eta = eta();
        if (!eta.isEmpty()) {
            line.append("  ETA ").append(eta);
        }
        if (!row.message().isEmpty()) {
            line.append("  (").append(row.message()).append(')');
        }
        out.println(line);
        out.flush();
    }

    /** The run's trials are all done. */
    public synchronized void close() {
        clearBar();
    }

    private void drawBar() {
        int filled = total == 0 ? BAR_WIDTH : (int) ((long) BAR_WIDTH * done / total);
        StringBuilder bar = new StringBuilder("\r[");
        bar.append("#".repeat(filled)).append(" ".repeat(BAR_WIDTH - filled)).append("] ");
        bar.append(done).append('/').append(total).append(" trials");
        if (diverged > 0) {
            bar.append(", ").append(diverged).append(" diverged");
        }
        if (failed > 0) {
            bar.append(", ").append(failed).append(" failed");
        }
        String eta = eta();
        if (!eta.isEmpty()) {
            bar.append("  ETA ").append(eta);
        }
        bar.append("   ");
        out.print(bar);
        out.flush();
        barShown = true;
    }

    private void clearBar() {
        if (barShown) {
            out.print("\r" + " ".repeat(BAR_WIDTH + 60) + "\r");
            out.flush();
            barShown = false;
        }
    }

    private String eta() {
        int finishedNow = done - doneAtStart;
        if (finishedNow == 0 || done >= total) {
            return "";
        }
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        long seconds = Math.round(elapsed / finishedNow * (total - done));
        return seconds >= 60 ? (seconds / 60) + "m" + String.format(Locale.ROOT, "%02d", seconds % 60) + "s" : seconds + "s";
    }
}
