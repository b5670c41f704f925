package org.optbench.harness.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.optbench.harness.testing.Cli;
import org.optbench.reports.CurveRow;
import org.optbench.reports.TrialRow;
import org.optbench.reports.csv.RunReader;

/**
 * Runs one of the shipped experiment files ({@code experiments/NAME.yaml}) exactly as a user would, through the
 * command line in-process, with {@code --set} overrides that shrink it to a CI budget, and reads the run's CSV
 * files back with the reports module's reader. The checks then assert the experiment's qualitative outcome on
 * those files, so a check fails when either the code or the shipped file stops reproducing the claim.
 */
final class ShippedExperiment {

    /** The files of one finished run. */
    record Run(Path directory, List<TrialRow> trials, List<CurveRow> curves) {

        /** The trials of the configurations whose optimizer (or other component, see {@code key}) starts with {@code prefix}. */
        List<TrialRow> trialsWhere(java.util.function.Function<TrialRow, String> key, String prefix) {
            List<TrialRow> found = trials.stream().filter(row -> key.apply(row).startsWith(prefix)).toList();
            assertTrue(!found.isEmpty(), "no trial whose component starts with " + prefix + " in " + directory);
            return found;
        }

        List<TrialRow> trialsOf(String optimizerPrefix) {
            return trialsWhere(row -> row.configuration().optimizer(), optimizerPrefix);
        }

        /** One trial's evaluations in step order. */
        List<CurveRow> curve(int trial) {
            return curves.stream().filter(row -> row.trial() == trial).sorted(Comparator.comparingLong(CurveRow::step)).toList();
        }

        /** Trials grouped by configuration, in file order. */
        Map<String, List<TrialRow>> byConfiguration() {
            return trials.stream().collect(Collectors.groupingBy(row -> row.configuration().toString(), LinkedHashMap::new,
                    Collectors.toList()));
        }
    }

    private ShippedExperiment() {
    }

    /** The repository root: the first folder at or above the working directory holding the shipped experiments. */
    static Path repositoryRoot() {
        Path folder = Path.of("").toAbsolutePath();
        while (folder != null && !Files.isRegularFile(folder.resolve("experiments/quickstart.yaml"))) {
            folder = folder.getParent();
        }
        assertTrue(folder != null, "no experiments/quickstart.yaml at or above " + Path.of("").toAbsolutePath());
        return folder;
    }

    /**
     * Runs {@code experiments/NAME.yaml} into {@code out} with the given {@code key=value} overrides, without the
     * report (figures are not what these checks assert), and returns its files. Data sets come from the
     * repository's {@code data/} folder (or {@code OPTBENCH_DATA}), fetched on first use as for a user.
     */
    static Run run(String name, Path out, String... overrides) {
        Path root = repositoryRoot();
        List<String> args = new ArrayList<>(List.of("run", root.resolve("experiments").resolve(name + ".yaml").toString(),
                "--out", out.toString(), "--no-report", "--threads", "2"));
        if (System.getenv("OPTBENCH_DATA") == null) {
            args.addAll(List.of("--data-dir", root.resolve("data").toString()));
        }
        for (String override : overrides) {
            args.add("--set");
            args.add(override);
        }
        Cli.Result result = Cli.run(args.toArray(String[]::new));
        assertEquals(0, result.code(), "optbench " + String.join(" ", args) + "\n" + result.err());
        return new Run(out, RunReader.readTrials(out.resolve("trials.csv")), RunReader.readCurves(out.resolve("curves.csv")));
    }
}
