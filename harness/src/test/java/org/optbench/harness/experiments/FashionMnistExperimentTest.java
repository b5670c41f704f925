package org.optbench.harness.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.reports.TrialRow;
import org.optbench.reports.TrialStatus;

/**
 * experiments/fashion-mnist.yaml, reduced to 2,000 training images and one epoch (16 updates of 128), one seed:
 * the real Fashion-MNIST loads (fetched on first use) and every configuration learns far beyond chance (0.1).
 */
class FashionMnistExperimentTest {
    /** Five times chance; trial runs scored 0.63 (adadelta) to 0.74 after these 16 updates. */
    private static final double FLOOR = 0.5;

    @Test
    void everyConfigurationRunsAndBeatsChanceByFar(@TempDir Path folder) {
        ShippedExperiment.Run run = ShippedExperiment.run("fashion-mnist", folder.resolve("run"), "subset=2000",
                "validation=500", "epochs=1", "repeats=1");
        assertEquals(10, run.trials().size(), "2 models x 5 optimizers");
        for (TrialRow trial : run.trials()) {
            assertEquals(TrialStatus.OK, trial.status(), trial.configuration() + " " + trial.message());
            assertTrue(trial.testAccuracy() > FLOOR, trial.configuration() + " test accuracy " + trial.testAccuracy());
        }
    }
}
