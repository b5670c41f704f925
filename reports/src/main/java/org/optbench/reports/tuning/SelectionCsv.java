package org.optbench.reports.tuning;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;
import org.optbench.reports.RunFiles;
import org.optbench.reports.csv.Cells;
import org.optbench.reports.csv.CsvRows;

/**
 * {@code selection.csv}: one row per problem and optimizer of a tuned experiment, with the chosen configuration,
 * its validation score, the budget spent and the runner-up. Rewritten whole (atomically) from {@code trials.csv}.
 */
public final class SelectionCsv {
    /** The header. */
    public static final List<String> HEADER = List.of("dataset", "model", "schedule", "regularizers", "optimizer",
            "selected", "metric", "mode", "score", "configurations", "trials", "runner_up", "runner_up_score");

    private SelectionCsv() {
    }

    /** Writes the choices into {@code runDirectory/selection.csv}. */
    public static void write(Path runDirectory, List<Selection.Choice> choices, String metric, String mode) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, Cells.FORMAT)) {
            printer.printRecord(HEADER);
            for (Selection.Choice choice : choices) {
                Selection.Problem problem = choice.problem();
                List<String> cells = new ArrayList<>(List.of(problem.dataset(), problem.model(), problem.schedule(),
                        problem.regularizers(), problem.optimizer(), choice.chosen().configuration(), metric, mode,
                        Cells.number(choice.chosen().score()), Integer.toString(choice.configurations()),
                        Integer.toString(choice.trials())));
                cells.add(choice.runnerUp() == null ? "" : choice.runnerUp().configuration());
                cells.add(choice.runnerUp() == null ? "" : Cells.number(choice.runnerUp().score()));
                printer.printRecord(cells);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringWriter does not fail
        }
        Cells.writeAtomically(runDirectory.resolve(RunFiles.SELECTION), out.toString());
    }

    /** The rows of a {@code selection.csv} as {@code column -> cell} lists, for reports and tests. */
    public static List<List<String>> read(Path runDirectory) {
        List<List<String>> rows = new ArrayList<>();
        for (CsvRows.Row row : CsvRows.read(runDirectory.resolve(RunFiles.SELECTION), HEADER).rows()) {
            List<String> cells = new ArrayList<>();
            for (int column = 0; column < row.size(); column++) {
                cells.add(row.text(column));
            }
            rows.add(cells);
        }
        return rows;
    }
}
