package org.optbench.harness.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.optbench.datasets.DataSplit;
import org.optbench.datasets.Dataset;
import org.optbench.reports.CurveRow;

/**
 * A trial split over 1, 2 or 3 threads (or a share that changes from batch to batch) writes bitwise the same curves:
 * every loss and accuracy of every evaluation row, which are functions of the parameters after each update.
 */
class IntraTrialThreadsTest {

    /** 28×28 images of random pixels whose label is the brightest of ten pixel bands: learnable, seeded. */
    static Dataset images(int train, int validation, int test, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return new Dataset("random-images", split("train", train, random), split("validation", validation, random),
                split("test", test, random), 10, new int[] {1, 28, 28});
    }

    private static DataSplit split(String name, int count, SplittableRandom random) {
        float[] x = new float[count * 784];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = random.nextInt(10);
            for (int j = 0; j < 784; j++) {
                x[i * 784 + j] = (float) random.nextDouble() * (j / 79 == labels[i] ? 1.5f : 1f);
            }
        }
        return new DataSplit(name, count, 784, x, labels, 0, null);
    }

    private static List<String> curves(TrialResult result) {
        assertEquals("", result.row().message(), "the trial ran");
        List<String> rows = new ArrayList<>();
        for (CurveRow row : result.curves()) {
            // Exact bits, time aside.
            rows.add(row.epoch() + " " + row.step() + " " + Double.doubleToRawLongBits(row.trainLoss()) + " "
                    + Double.doubleToRawLongBits(row.validationLoss()) + " " + Double.doubleToRawLongBits(row.validationAccuracy())
                    + " " + Double.doubleToRawLongBits(row.testLoss()) + " " + Double.doubleToRawLongBits(row.testAccuracy()));
        }
        return rows;
    }

    private static void sameCurvesOnAnyThreadCount(String model, String regularizers, int batch) {
        Dataset data = images(300, 260, 130, 5);
        TrialRunner runner = new TrialRunner(TrialRunnerTest.REGISTRY, name -> data);
        TrialSettings settings = new TrialSettings(2, batch, false, 1, 3, 0, 0, null);
        List<String> regularizerSet = regularizers.isEmpty() ? List.of() : List.of(regularizers);
        Trial trial = new Trial(0, data.name(), model, "momentum(lr=0.05, momentum=0.9)", "constant(unit=step)",
                regularizerSet, 0, 11, 12, settings);
        List<String> one = curves(runner.run(trial, () -> 1));
        // 2 epochs of ceil(300 / batch) updates, a row every 3 updates within an epoch, plus row 0.
        assertTrue(one.size() >= 5, one.toString());
        assertEquals(one, curves(runner.run(trial, () -> 2)), model + " on 2 threads");
        assertEquals(one, curves(runner.run(trial, () -> 3)), model + " on 3 threads");
        // A share that changes before every batch, as when other trials start and finish around this one.
        AtomicInteger calls = new AtomicInteger();
        IntSupplier changing = () -> 1 + calls.getAndIncrement() % 3;
        assertEquals(one, curves(runner.run(trial, changing)), model + " on a changing share");
        assertTrue(calls.get() > 20, "the share was asked before every batch and evaluation: " + calls.get());
    }

    @Test
    void mlpCurvesAreBitwiseIdenticalOnOneTwoAndThreeThreads() {
        // 784-256-128-10 as in the race; batch 61 leaves odd tails in every product; dropout draws its masks.
        sameCurvesOnAnyThreadCount("mlp(hidden=[256, 128], activation=relu)", "dropout(p=0.2)", 61);
    }

    @Test
    void cnnCurvesAreBitwiseIdenticalOnOneTwoAndThreeThreads() {
        sameCurvesOnAnyThreadCount("cnn(c1=6, c2=16, dense=64)", "", 45);
    }

    @Test
    void threadsAreSharedOutAmongRunningTrials() {
        assertEquals(2, LocalTrialExecutor.share(2, 1), "a lone trial takes both threads");
        assertEquals(1, LocalTrialExecutor.share(2, 2));
        assertEquals(1, LocalTrialExecutor.share(3, 2), "integer division: never more threads than the pool");
        assertEquals(4, LocalTrialExecutor.share(8, 2));
        assertEquals(1, LocalTrialExecutor.share(1, 1));
    }
}
