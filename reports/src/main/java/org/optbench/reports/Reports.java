package org.optbench.reports;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.optbench.reports.csv.Cells;
import org.optbench.reports.figures.FigureFormat;
import org.optbench.reports.figures.Figures;
import org.optbench.reports.stats.ConfigurationSummary;
import org.optbench.reports.stats.Summaries;
import org.optbench.reports.stats.SummaryCsv;
import org.optbench.reports.tuning.TuningReport;

/**
 * {@code optbench report RUN_DIR}: regenerates {@code summary.csv}, {@code figures/} and {@code report.md} of a run
 * from its CSV files (and its manifest, traces and landscapes where present) alone, so a run copied from another
 * machine, or an old one, reports the same.
 */
public final class Reports {
    private Reports() {
    }

    /** What a rebuild wrote. */
    public record Report(Path summary, Path report, List<Figures.Figure> figures,
            List<ConfigurationSummary> summaries) {
    }

    /** Rebuilds with PNG figures of the default size. */
    public static Report rebuild(Path runDirectory) {
        return rebuild(runDirectory, EnumSet.of(FigureFormat.PNG));
    }

    /**
     * Rebuilds summary, figures and report of {@code runDirectory}.
     *
     * @param formats figure formats; empty means PNG
     * @throws ReportException when the directory is not a run directory or a file in it is malformed
     */
    public static Report rebuild(Path runDirectory, Set<FigureFormat> formats) {
        RunData data = RunData.load(runDirectory);
        if (data.trials().isEmpty()) {
            throw new ReportException(runDirectory.resolve(RunFiles.TRIALS) + ": no finished trial yet; run"
                    + " 'optbench run --resume --out " + runDirectory + "' to finish the run, then report");
        }
        Set<FigureFormat> chosen = formats == null || formats.isEmpty() ? EnumSet.of(FigureFormat.PNG)
                : EnumSet.copyOf(formats);
        // A tuned run's summary and figures compare the selected configurations (the final phase); the tuning
        // section adds the selection, tuning curves and scores across problems.
        RunData shown = TuningReport.shown(data);
        List<ConfigurationSummary> summaries = Summaries.of(shown.trials(), shown.hasTarget());
        Path summary = runDirectory.resolve(RunFiles.SUMMARY);
        SummaryCsv.write(summary, summaries);
        List<Figures.Figure> figures = new ArrayList<>(new Figures().renderAll(shown, runDirectory.resolve(RunFiles.FIGURES), chosen));
        TuningReport.Section tuning = TuningReport.render(data, runDirectory.resolve(RunFiles.FIGURES), chosen);
        Path report = runDirectory.resolve(RunFiles.REPORT);
        Cells.writeAtomically(report, ReportMarkdown.render(shown, data.trials().size(), summaries, figures, chosen,
                tuning.markdown()));
        figures.addAll(tuning.figures());
        return new Report(summary, report, figures, summaries);
    }
}
