package org.optbench.harness.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.optbench.harness.UserError;
import org.optbench.harness.trial.Trial;
import org.optbench.reports.CurveRow;
import org.optbench.reports.ReportException;
import org.optbench.reports.RunFiles;
import org.optbench.reports.TrialRow;
import org.optbench.reports.csv.RunWriter;
import org.optbench.reports.csv.TraceCsv;

/**
 * What {@code --resume} keeps of a run folder: a trial whose rows are in the files is kept only when it belongs
 * to the plan (same id, configuration, repeat, seed and data seed; otherwise the folder is refused, since the file was edited
 * or comes from another run) and its journal line matches the files (curve rows and trace rows all there and
 * whole; otherwise the trial runs again, so the resumed run ends with the files of an uninterrupted one).
 */
final class ResumeCheck implements RunWriter.Keep {
    private final Path directory;
    private final Map<Integer, Trial> plan = new HashMap<>();
    private final int planned;
    private final Map<Integer, Journal.Entry> journal;
    private final List<Journal.Entry> kept = new ArrayList<>();
    private final List<Integer> rerun = new ArrayList<>();

    ResumeCheck(Path directory, List<Trial> trials, Map<Integer, Journal.Entry> journal) {
        this.directory = directory;
        trials.forEach(trial -> plan.put(trial.id(), trial));
        this.planned = trials.size();
        this.journal = journal;
    }

    @Override
    public boolean keep(TrialRow row, List<CurveRow> curves) {
        Path trialsFile = directory.resolve(RunFiles.TRIALS);
        Trial trial = plan.get(row.trial());
        if (trial == null) {
            throw new UserError(trialsFile + " has a row for trial " + row.trial() + ", which this experiment does not"
                    + " have (its trials are 0 to " + (planned - 1) + "): the file was edited or comes from another run;"
                    + " delete that row, or choose another --out");
        }
        if (!trial.configuration().equals(row.configuration()) || trial.repeat() != row.repeat() || trial.seed() != row.seed()
                || trial.dataSeed() != row.dataSeed()) {
            throw new UserError(trialsFile + ": the row of trial " + row.trial() + " (" + describe(row.configuration().optimizer(),
                    row.configuration().dataset(), row.repeat(), row.seed()) + ") is not this experiment's trial "
                    + trial.id() + " (" + describe(trial.optimizer(), trial.dataset(), trial.repeat(), trial.seed())
                    + "): the file was edited or comes from another run; delete that row, or choose another --out");
        }
        Journal.Entry entry = journal.get(row.trial());
        boolean whole = entry != null && entry.curveRows() == curves.size()
                && (trial.isFunction() ? entry.traceRows() > 0 && wholeTrace(trial.id(), entry.traceRows()) : entry.traceRows() == 0);
        if (whole) {
            kept.add(entry);
        } else {
            rerun.add(row.trial());
        }
        return whole;
    }

    private static String describe(String optimizer, String dataset, int repeat, long seed) {
        return optimizer + " on " + dataset + ", repeat " + repeat + ", seed " + seed;
    }

    /** Whether the trace file has its header and exactly {@code rows} rows, the last one with its line end. */
    private boolean wholeTrace(int trial, int rows) {
        Path file = directory.resolve(RunFiles.trace(trial));
        try {
            if (!Files.isRegularFile(file)) {
                return false;
            }
            String content = Files.readString(file, StandardCharsets.UTF_8);
            if (!content.endsWith("\n") || content.lines().count() != rows + 1L) {
                return false;
            }
            return TraceCsv.read(file).size() == rows;
        } catch (IOException | ReportException | IllegalArgumentException damaged) {
            return false;
        }
    }

    /** The journal entries of the kept trials. */
    List<Journal.Entry> kept() {
        return kept;
    }

    /** Trials whose trial row was there but whose other rows were missing or torn: they run again. */
    List<Integer> rerun() {
        return rerun;
    }
}
