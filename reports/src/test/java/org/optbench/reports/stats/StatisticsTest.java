package org.optbench.reports.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.reports.Configuration;
import org.optbench.reports.TrialRow;
import org.optbench.reports.TrialStatus;

class StatisticsTest {
    private static final Configuration SGD = new Configuration("sgd(lr=0.1)", "constant", "[]", "mnist", "linear");
    private static final Configuration ADAM = new Configuration("adam(lr=0.001)", "constant", "[]", "mnist",
            "linear");

    @Test
    void eightValuesByHand() {
        double[] values = {2, 4, 4, 4, 5, 5, 7, 9};
        MetricSummary summary = MetricSummary.of(values);
        // mean = 40 / 8 = 5
        assertEquals(5, summary.mean(), 1e-15);
        // squared deviations 9+1+1+1+0+0+4+16 = 32; s² = 32/7; s = 2.1380899352993950
        assertEquals(Math.sqrt(32.0 / 7), summary.std(), 1e-15);
        // type 7: q1 at h = 7·0.25 = 1.75 → x[1] + 0.75 (x[2] − x[1]) = 4 + 0 = 4
        assertEquals(4, summary.q1(), 1e-15);
        // median at h = 3.5 → x[3] + 0.5 (x[4] − x[3]) = 4 + 0.5 = 4.5
        assertEquals(4.5, summary.median(), 1e-15);
        // q3 at h = 5.25 → x[5] + 0.25 (x[6] − x[5]) = 5 + 0.25·2 = 5.5
        assertEquals(5.5, summary.q3(), 1e-15);
        // half-width t(0.975, 7) s / √8 = 2.364624251592784 · 2.138089935299395 / 2.8284271 = 1.7874879182362098
        assertEquals(1.7874879182362098, summary.ciHalfWidth(), 1e-9);
        assertEquals(5 - 1.7874879182362098, summary.ciLow(), 1e-9);
        assertEquals(8, summary.n());
        assertEquals(2, summary.min());
        assertEquals(9, summary.max());
    }

    @Test
    void threeAccuraciesByHand() {
        MetricSummary summary = MetricSummary.of(new double[] {0.95, 0.97, 0.96});
        // mean 0.96; deviations ±0.01, 0 → s² = 0.0002 / 2 = 0.0001, s = 0.01
        assertEquals(0.96, summary.mean(), 1e-15);
        assertEquals(0.01, summary.std(), 1e-15);
        // half-width 4.302653 · 0.01 / √3 = 0.0248414 (t table to 6 decimals: tolerance 1e-8)
        assertEquals(4.302653 * 0.01 / Math.sqrt(3), summary.ciHalfWidth(), 1e-8);
    }

    @Test
    void nonFiniteValuesAreNotCountedAndOneValueHasNoInterval() {
        MetricSummary summary = MetricSummary.of(new double[] {Double.NaN, 3, Double.POSITIVE_INFINITY});
        assertEquals(1, summary.n());
        assertEquals(3, summary.mean());
        assertTrue(Double.isNaN(summary.std()));
        assertTrue(Double.isNaN(summary.ciHalfWidth()));
        assertEquals(0, MetricSummary.of(new double[0]).n());
    }

    @Test
    void trialsThatMissTheTargetLowerTheSuccessRate() {
        List<TrialRow> rows = List.of(trial(0, SGD, 0.9, 10, 100), trial(1, SGD, 0.9, 20, 200),
                trial(2, SGD, 0.9, 40, 400), trial(3, SGD, 0.9, Double.NaN, -1));
        TargetSummary target = TargetSummary.of(rows);
        assertEquals(4, target.trials());
        assertEquals(3, target.successes());
        assertEquals(0.75, target.successRate(), 1e-15); // 3 of 4, the miss counted
        // over the successes {10, 20, 40}: median 20; q1 at h = 0.5 → 15; q3 at h = 1.5 → 30
        assertEquals(20, target.secondsMedian(), 1e-15);
        assertEquals(15, target.secondsQ1(), 1e-15);
        assertEquals(30, target.secondsQ3(), 1e-15);
        assertEquals(200, target.stepsMedian(), 1e-15);
    }

    @Test
    void summariesGroupByConfigurationAndRoundTripThroughSummaryCsv(@TempDir Path directory) {
        List<TrialRow> rows = new ArrayList<>();
        rows.add(trial(3, ADAM, 0.97, 5, 50));
        rows.add(trial(0, SGD, 0.95, Double.NaN, -1));
        rows.add(trial(1, SGD, 0.96, 8, 80));
        rows.add(trial(4, ADAM, 0.98, 6, 60));
        List<ConfigurationSummary> summaries = Summaries.of(rows, true);
        assertEquals(List.of(SGD, ADAM), summaries.stream().map(ConfigurationSummary::configuration).toList());
        assertEquals(0.955, summaries.get(0).metric(Metric.TEST_ACCURACY).mean(), 1e-15); // (0.95 + 0.96) / 2
        assertEquals(2, summaries.get(0).count(TrialStatus.OK));
        Path file = directory.resolve("summary.csv");
        SummaryCsv.write(file, summaries);
        assertEquals(summaries, SummaryCsv.read(file));
        List<ConfigurationSummary> withoutTarget = Summaries.of(rows, false);
        assertNull(withoutTarget.get(0).target());
        SummaryCsv.write(file, withoutTarget);
        assertEquals(withoutTarget, SummaryCsv.read(file));
    }

    static TrialRow trial(int id, Configuration configuration, double testAccuracy, double secondsToTarget,
            long stepsToTarget) {
        return new TrialRow(id, configuration, 100 + id, 1, id, TrialStatus.OK, 3, 2, 300, 0.1, 0.2, testAccuracy,
                0.21, testAccuracy, 0.19, testAccuracy, 12.5, 4.0, secondsToTarget, stepsToTarget, "");
    }
}
