package com.example.lion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.datasets.DataSplit;
import org.optbench.datasets.Dataset;
import org.optbench.harness.cli.Main;

/**
 * The plug-in tested the way docs/plugins.md recommends: optbench itself runs experiments that use it (found
 * through META-INF/services, no --module flag), and the numbers are checked against a reference computed here
 * independently, in double precision, from the papers' formulas.
 */
class LionPluginTest {

    /** Runs optbench's command line in this JVM; the plug-in's classes are on the test classpath. */
    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, out + "\n" + err);
        return out.toString();
    }

    /** Runs an experiment file and returns its one trial's trajectory rows (row 0 is the start point). */
    private static List<double[]> trace(Path folder, String yaml) throws IOException {
        Path file = Files.writeString(folder.resolve("exp.yaml"), yaml);
        run("run", file.toString(), "--out", folder.resolve("run").toString(), "--no-report", "--threads", "1");
        return Files.readAllLines(folder.resolve("run/traces/trial-0.csv")).stream().skip(1)
                .map(line -> java.util.Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray()).toList();
    }

    @Test
    void listShowsThePluginsComponentsWithoutModule() {
        String out = run("list");
        assertTrue(out.contains("lion  -  Chen et al. 2023"), out);
        assertTrue(out.contains("triangular  -  Smith 2017"), out);
        assertTrue(out.contains("moons  -  two interleaving half circles"), out);
    }

    @Test
    void lionFollowsTheReferenceOnAQuadratic(@TempDir Path folder) throws IOException {
        // f = (x0² + x1²) / 2, so g = θ. Start (0.15, −2): x0 crosses 0 after two updates and then oscillates,
        // so the sign of c = β1 m + (1 − β1) g changes and the momentum matters.
        List<double[]> rows = trace(folder, "dataset: quadratic(dim=2, kappa=1, start=[0.15, -2])\n"
                + "optimizer: lion(lr=0.1, beta1=0.9, beta2=0.99)\nsteps: 8\n");
        double[] theta = {0.15f, -2};
        double[] m = new double[2];
        for (int k = 1; k <= 8; k++) {
            for (int i = 0; i < 2; i++) {
                double g = theta[i];
                double c = 0.9 * m[i] + 0.1 * g;
                theta[i] -= 0.1 * Math.signum(c);
                m[i] = 0.99 * m[i] + 0.01 * g;
            }
            double[] row = rows.get(k);
            // float32 parameters against the double reference: a few float ulps of numbers below 2.
            assertEquals(theta[0], row[3], 1e-6, "x0 after update " + k);
            assertEquals(theta[1], row[4], 1e-6, "x1 after update " + k);
        }
        // The hand-worked start: −2 moves by η every update (its sign never changes) and x0 is −0.05 after update 2.
        assertEquals(-1.2, rows.get(8)[4], 1e-6);
        assertEquals(-0.05, rows.get(2)[3], 1e-6);
    }

    @Test
    void triangularSpansTheRunWithStepsAuto(@TempDir Path folder) throws IOException {
        // T = 8 updates, one cycle: s = 4; low 0, η_0 = 0.1: η_k = 0.1 (1 − |k/4 − 1|) = 0, .025, .05, .075, .1, .075, ...
        List<double[]> rows = trace(folder, "dataset: quadratic(dim=2, kappa=1)\noptimizer: sgd(lr=0.1)\n"
                + "schedule: triangular(cycles=1, low=0, steps=auto)\nsteps: 8\n");
        double[] expected = {0, 0.025, 0.05, 0.075, 0.1, 0.075, 0.05, 0.025};
        for (int k = 0; k < 8; k++) {
            assertEquals(expected[k], rows.get(k + 1)[1], 1e-15, "the rate of update " + k + " (trace row " + (k + 1) + ")");
        }
    }

    @Test
    void moonsLieOnTheirHalfCircles() {
        Dataset data = Moons.generate("moons", 100, 0, 3);
        DataSplit train = data.train();
        assertEquals(100, train.count());
        assertEquals(20, data.validation().count());
        for (int i = 0; i < train.count(); i++) {
            double x = train.features()[2 * i];
            double y = train.features()[2 * i + 1];
            // class 0 on the unit circle above the axis; class 1 on the circle around (1, 0.5), below y = 0.5
            double r = train.labels()[i] == 0 ? Math.hypot(x, y) : Math.hypot(x - 1, y - 0.5);
            assertEquals(1, r, 1e-6, "example " + i);
            assertEquals(i % 2, train.labels()[i]);
            assertTrue(train.labels()[i] == 0 ? y >= 0 : y <= 0.5);
        }
    }

    @Test
    void theShippedExperimentRunsWithThePlugin(@TempDir Path folder) throws IOException {
        Path file = Path.of("lion.yaml");
        String out = run("run", file.toString(), "--out", folder.resolve("run").toString(), "--set", "epochs=2",
                "--set", "repeats=1", "--no-report", "--threads", "1");
        assertTrue(out.contains("ran 4 of 4 trials (4 ok)"), out);
        String manifest = Files.readString(folder.resolve("run/manifest.json"));
        assertTrue(manifest.contains("\"module\" : \"com.example.lion.LionModule\""), manifest);
        assertTrue(manifest.contains("\"found_by\" : \"service\""), manifest);
    }
}
