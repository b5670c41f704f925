package org.optbench.harness.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A trial survives Java serialization (as a distributed engine would ship it) and runs to the same rows. */
class SerializableTrialTest {

    @Test
    void aShippedTrialRunsTheSame() throws Exception {
        TrialSettings settings = new TrialSettings(1, 1, false, 20, 0, 100, 0, Target.parse("loss <= 0.5", "test"));
        Trial trial = new Trial(7, "quadratic(dim=2, kappa=10, start=[1, 1], noise=0.1)", "", "momentum(lr=0.05, momentum=0.9)",
                "step(gamma=0.5, every=5, unit=step)", List.of("l2(lambda=1e-3, biases=false)"), 1, 1234, 5678, settings);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(trial);
        }
        Trial shipped;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            shipped = (Trial) in.readObject();
        }
        assertEquals(trial, shipped);
        TrialResult here = TrialRunnerTest.FUNCTIONS.run(trial);
        TrialResult there = TrialRunnerTest.FUNCTIONS.run(shipped);
        assertEquals(21, here.trace().size());
        for (int i = 0; i < here.trace().size(); i++) {
            assertEquals(here.trace().get(i).loss(), there.trace().get(i).loss(), 0.0, "row " + i);
        }
        // The step schedule halves the rate every 5 updates: rows 1-5 at 0.05, 6-10 at 0.025.
        assertEquals(0.05, here.trace().get(5).learningRate(), 0.0);
        assertEquals(0.025, here.trace().get(6).learningRate(), 0.0);
    }
}
