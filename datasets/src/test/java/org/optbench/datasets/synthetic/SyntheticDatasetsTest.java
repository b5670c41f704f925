package org.optbench.datasets.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.optbench.datasets.DataSplit;
import org.optbench.datasets.Dataset;

class SyntheticDatasetsTest {

    private static void assertSameData(Dataset a, Dataset b) {
        for (DataSplit[] pair : new DataSplit[][] {{a.train(), b.train()}, {a.validation(), b.validation()}, {a.test(), b.test()}}) {
            assertArrayEquals(pair[0].features(), pair[1].features());
            assertArrayEquals(pair[0].labels(), pair[1].labels());
            assertArrayEquals(pair[0].targets(), pair[1].targets());
        }
    }

    @Test
    void everyGeneratorIsDeterministicPerSeedAndDiffersAcrossSeeds() {
        for (SyntheticDataset generator : List.of(new Blobs(), new Spirals(), new LinearRegressionData(), new ReluRegression())) {
            assertSameData(generator.generate(11), generator.generate(11));
            assertFalse(Arrays.equals(generator.generate(11).train().features(), generator.generate(12).train().features()),
                    generator.name());
        }
    }

    @Test
    void heldOutSplitsAreAFifthOfTheTrainingSize() {
        Dataset data = new Blobs(4, 3, 2, 1000).generate(1);

        assertEquals(1000, data.train().count());
        assertEquals(200, data.validation().count());
        assertEquals(200, data.test().count());
        assertEquals(1, SyntheticDataset.heldOutCount(3));
        assertArrayEquals(new int[] {3}, data.inputShape());
        assertEquals(4, data.classCount());
    }

    @Test
    void blobCentresAreSeparationApartAndClassMeansMatchThem() {
        Blobs blobs = new Blobs(3, 2, 4.0, 3000);
        Dataset data = blobs.generate(3);

        // Neighbouring centres on the circle are exactly `separation` apart.
        double[] c0 = blobs.centre(0);
        double[] c1 = blobs.centre(1);
        assertEquals(4.0, Math.hypot(c0[0] - c1[0], c0[1] - c1[1]), 1e-12);
        // 1-D: centres at separation · (k − 1) = −4, 0, 4.
        assertArrayEquals(new double[] {-4}, new Blobs(3, 1, 4.0, 3).centre(0), 1e-12);
        double[][] sums = new double[3][2];
        int[] counts = new int[3];
        for (int i = 0; i < 3000; i++) {
            int k = data.train().labels()[i];
            counts[k]++;
            sums[k][0] += data.train().features()[2 * i];
            sums[k][1] += data.train().features()[2 * i + 1];
        }
        assertArrayEquals(new int[] {1000, 1000, 1000}, counts);
        for (int k = 0; k < 3; k++) {
            // Mean of 1000 unit-variance draws: standard error 0.032; 0.15 is over 4.5 standard errors.
            assertEquals(blobs.centre(k)[0], sums[k][0] / 1000, 0.15);
            assertEquals(blobs.centre(k)[1], sums[k][1] / 1000, 0.15);
        }
    }

    @Test
    void noiselessSpiralPointsLieOnTheirArm() {
        Dataset data = new Spirals(200, 0).generate(8);

        for (int i = 0; i < 200; i++) {
            double x = data.train().features()[2 * i];
            double y = data.train().features()[2 * i + 1];
            int c = data.train().labels()[i];
            double t = Math.hypot(x, y);
            assertTrue(t >= 0.1 - 1e-6 && t <= 1 + 1e-6, "radius " + t);
            // The angle must be 3πt + cπ modulo 2π; float coordinates: 1e-4 rad.
            double expected = 3 * Math.PI * t + c * Math.PI;
            double difference = Math.atan2(y, x) - expected;
            double wrapped = difference - 2 * Math.PI * Math.rint(difference / (2 * Math.PI));
            assertEquals(0, wrapped, 1e-4);
        }
        assertEquals(2, data.classCount());
    }

    @Test
    void linearRegressionTargetsComeFromTheExposedTrueWeights() {
        LinearRegressionData noiseless = new LinearRegressionData(5, 100, 0);
        Dataset data = noiseless.generate(21);
        double[] weights = noiseless.trueWeights(21);

        assertEquals(0, data.classCount());
        assertEquals(1, data.train().targetCount());
        for (int i = 0; i < 100; i++) {
            double y = 0;
            for (int j = 0; j < 5; j++) {
                y += weights[j] * data.train().features()[i * 5 + j];
            }
            // Targets are stored as float: relative 1e-6 is a few float ulps.
            assertEquals(y, data.train().targets()[i], 1e-6 * Math.max(1, Math.abs(y)));
        }

        LinearRegressionData noisy = new LinearRegressionData(5, 20_000, 0.5);
        Dataset noisyData = noisy.generate(21);
        double squares = 0;
        for (int i = 0; i < 20_000; i++) {
            double y = 0;
            for (int j = 0; j < 5; j++) {
                y += weights[j] * noisyData.train().features()[i * 5 + j];
            }
            double residual = noisyData.train().targets()[i] - y;
            squares += residual * residual;
        }
        assertArrayEquals(weights, noisy.trueWeights(21), "the weights depend on the seed only, not on n or noise");
        // Residual std at w* is the noise 0.5; its standard error with 20,000 draws is 0.0025, tolerance 0.0125.
        assertEquals(0.5, Math.sqrt(squares / 20_000), 0.0125);
    }

    @Test
    void reluRegressionStartsWithTheSeedPairAndFollowsTheTeacher() {
        Dataset data = new ReluRegression(50).generate(4);

        assertEquals(1f, data.train().features()[0]);
        assertEquals(0f, data.train().targets()[0]);
        for (DataSplit split : List.of(data.train(), data.validation(), data.test())) {
            for (int i = 0; i < split.count(); i++) {
                float x = split.features()[i];
                assertTrue(x >= -2 && x <= 2);
                assertEquals(Math.max(0, -x), split.targets()[i]);
            }
        }
        assertEquals(1, new ReluRegression(1).generate(0).train().count());
    }

    @Test
    void invalidParametersAreRejectedInHouseStyle() {
        assertEquals("blobs: classes must be >= 2, got 1",
                assertThrows(IllegalArgumentException.class, () -> new Blobs(1, 2, 3, 100)).getMessage());
        assertEquals("blobs: separation must be a finite value >= 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> new Blobs(2, 2, -1, 100)).getMessage());
        assertEquals("blobs: n must be >= classes (5), got 4",
                assertThrows(IllegalArgumentException.class, () -> new Blobs(5, 2, 3, 4)).getMessage());
        assertEquals("spirals: noise must be a finite value >= 0, got NaN",
                assertThrows(IllegalArgumentException.class, () -> new Spirals(10, Double.NaN)).getMessage());
        assertEquals("linear-regression: dim must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new LinearRegressionData(0, 10, 0.1)).getMessage());
        assertEquals("relu-regression: n must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new ReluRegression(0)).getMessage());
    }
}
