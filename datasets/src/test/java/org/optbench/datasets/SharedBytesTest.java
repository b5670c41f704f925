package org.optbench.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real MNIST held once as bytes (docs/datasets.md, "Memory"): the batches a model reads equal, float for float,
 * the ones computed here independently from the raw IDX bytes with the documented split and formula (the floats
 * the old eager copy held, in its order of operations); and every option set shares the same byte arrays.
 * {@code assertArrayEquals} on floats compares bit patterns, so exact equality is what is checked.
 */
class SharedBytesTest {

    private static DataDirectory directory;
    private static byte[] trainPixels;
    private static byte[] trainLabels;
    private static byte[] testPixels;

    @BeforeAll
    static void read() throws IOException {
        directory = DataDirectory.resolve(null);
        Path folder = DataFetcher.ensure(ImageDataset.MNIST, directory);
        // The IDX layout: a 16-byte header before the images, 8 bytes before the labels (docs/datasets.md).
        trainPixels = body(folder, IdxFile.TRAIN_IMAGES, 16);
        trainLabels = body(folder, IdxFile.TRAIN_LABELS, 8);
        testPixels = body(folder, IdxFile.TEST_IMAGES, 16);
        assertEquals(60_000 * 784, trainPixels.length);
    }

    @AfterAll
    static void release() {
        ImageDatasets.clearCache();
    }

    private static byte[] body(Path folder, IdxFile file, int header) throws IOException {
        byte[] all = Files.readAllBytes(DataFetcher.locate(folder, file));
        return Arrays.copyOfRange(all, header, all.length);
    }

    @Test
    void subsetWithoutStandardizationGivesTheFormulaFloats() {
        check(new ImageLoadOptions(6_000, 1_000, Standardization.NONE, 42));
    }

    @Test
    void otherSeedAndSubsetPerPixelStandardizedGivesTheFormulaFloats() {
        check(new ImageLoadOptions(5_000, 3_000, Standardization.PER_PIXEL, 7));
    }

    @Test
    void globallyStandardizedGivesTheFormulaFloats() {
        check(new ImageLoadOptions(0, 2_000, Standardization.GLOBAL, 3));
    }

    @Test
    void optionSetsShareTheBytes() {
        Dataset a = ImageDatasets.load(ImageDataset.MNIST, new ImageLoadOptions(6_000, 1_000, Standardization.NONE, 42), directory);
        Dataset b = ImageDatasets.load(ImageDataset.MNIST, new ImageLoadOptions(5_000, 3_000, Standardization.PER_PIXEL, 7), directory);
        assertNotSame(a, b);
        byte[] shared = a.train().bytes().pixels();
        assertEquals(60_000 * 784, shared.length, "the whole training file, not a copy of a subset");
        assertSame(shared, b.train().bytes().pixels());
        assertSame(shared, a.validation().bytes().pixels());
        assertSame(shared, b.validation().bytes().pixels());
        assertSame(a.test().bytes().pixels(), b.test().bytes().pixels());
        // A validation subset or warm-up slice is a view of the same bytes too.
        assertSame(shared, a.validation().select(new int[] {5, 2, 9}).bytes().pixels());
    }

    @Test
    void everyByteValueConvertsLikeTheScalarPath() {
        // The vector path (when the CPU has it) against value / 255f: all 256 values at every lane position, and a
        // width (261) that leaves a scalar tail after the last whole vector.
        int width = 261;
        for (int shift = 0; shift < 64; shift++) {
            byte[] window = new byte[width];
            float[] expected = new float[width];
            for (int p = 0; p < width; p++) {
                window[p] = (byte) (shift + p);
                expected[p] = ((shift + p) % 256) / 255f;
            }
            float[] out = new float[width + 3];
            new ByteRows(window, width, new int[] {0}, IdxImages.scaleTable()).copyRow(0, out, 3);
            assertArrayEquals(expected, Arrays.copyOfRange(out, 3, width + 3), "shift " + shift);
        }
    }

    /**
     * Loads with {@code options}, then compares a training batch (batch 3 of 64 in a seeded order, through
     * {@link BatchPlan#gatherFeatures}), a validation batch, and the first 1,000 test rows (an evaluation chunk)
     * with the floats computed here from the file's bytes.
     */
    private static void check(ImageLoadOptions options) {
        Dataset data = ImageDatasets.load(ImageDataset.MNIST, options, directory);
        // The split, written out again: Fisher–Yates over 0..59999 from SplittableRandom(splitSeed), j = nextInt(i + 1).
        int[] permutation = new int[60_000];
        for (int i = 0; i < permutation.length; i++) {
            permutation[i] = i;
        }
        SplittableRandom random = new SplittableRandom(options.splitSeed());
        for (int i = permutation.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = swap;
        }
        int[] validation = Arrays.copyOfRange(permutation, 0, options.validation());
        int[] train = Arrays.copyOfRange(permutation, options.validation(), options.validation() + options.trainSize());
        Arrays.sort(validation);
        Arrays.sort(train);
        float[][] formula = formula(options.standardization(), train);

        BatchPlan plan = new BatchPlan(train.length, 64, LastBatchPolicy.KEEP);
        int[] order = plan.permutation(new SplittableRandom(99));
        float[] batch = new float[64 * 784];
        plan.gatherFeatures(data.train(), order, 3, batch);
        int[] labels = new int[64];
        plan.gatherLabels(data.train(), order, 3, labels);
        for (int r = 0; r < 64; r++) {
            int image = train[order[plan.from(3) + r]];
            assertArrayEquals(row(trainPixels, image, formula), Arrays.copyOfRange(batch, r * 784, (r + 1) * 784),
                    "training batch row " + r + " (image " + image + ")");
            assertEquals(trainLabels[image], labels[r], "label of image " + image);
        }
        if (validation.length > 0) {
            float[] rows = new float[10 * 784];
            data.validation().copyRows(validation.length - 10, 10, rows);
            for (int r = 0; r < 10; r++) {
                int image = validation[validation.length - 10 + r];
                assertArrayEquals(row(trainPixels, image, formula), Arrays.copyOfRange(rows, r * 784, (r + 1) * 784),
                        "validation row of image " + image);
            }
        }
        float[] chunk = new float[1000 * 784];
        data.test().copyRows(0, 1000, chunk);
        for (int r = 0; r < 1000; r++) {
            assertArrayEquals(row(testPixels, r, formula), Arrays.copyOfRange(chunk, r * 784, (r + 1) * 784),
                    "test row " + r);
        }
    }

    /** Image {@code image}'s 784 floats: {@code formula[p][v]} for byte value v at position p. */
    private static float[] row(byte[] pixels, int image, float[][] formula) {
        float[] row = new float[784];
        for (int p = 0; p < 784; p++) {
            row[p] = formula[p][pixels[image * 784 + p] & 0xFF];
        }
        return row;
    }

    /**
     * The documented scaling (docs/datasets.md): x = value / 255 as a float; global: μ = Σx / N and
     * σ = sqrt(Σ(x − μ)² / N) over every training pixel, per-pixel: the same per position with σ at least 0.05,
     * the sums in double in split order; the feature {@code (float) ((x − μ) / σ)} in double. Returns, per pixel
     * position, the float of each of the 256 byte values.
     */
    private static float[][] formula(Standardization mode, int[] train) {
        double[] mean = new double[784];
        double[] std = new double[784];
        Arrays.fill(std, 1);
        if (mode == Standardization.GLOBAL) {
            double sum = 0;
            for (int image : train) {
                for (int p = 0; p < 784; p++) {
                    sum += (trainPixels[image * 784 + p] & 0xFF) / 255f;
                }
            }
            double mu = sum / (train.length * 784.0);
            double squares = 0;
            for (int image : train) {
                for (int p = 0; p < 784; p++) {
                    double d = (trainPixels[image * 784 + p] & 0xFF) / 255f - mu;
                    squares += d * d;
                }
            }
            Arrays.fill(mean, mu);
            Arrays.fill(std, Math.sqrt(squares / (train.length * 784.0)));
            // Full MNIST: 0.1307 / 0.3081; a 2,000-image subset lies close to it.
            assertEquals(0.1307, mu, 0.005);
            assertEquals(0.3081, std[0], 0.005);
        } else if (mode == Standardization.PER_PIXEL) {
            for (int p = 0; p < 784; p++) {
                double sum = 0;
                for (int image : train) {
                    sum += (trainPixels[image * 784 + p] & 0xFF) / 255f;
                }
                mean[p] = sum / train.length;
                double squares = 0;
                for (int image : train) {
                    double d = (trainPixels[image * 784 + p] & 0xFF) / 255f - mean[p];
                    squares += d * d;
                }
                std[p] = Math.max(Math.sqrt(squares / train.length), 0.05);
            }
        }
        float[][] formula = new float[784][256];
        for (int p = 0; p < 784; p++) {
            for (int v = 0; v < 256; v++) {
                float x = v / 255f;
                formula[p][v] = mode == Standardization.NONE ? x : (float) ((x - mean[p]) / std[p]);
            }
        }
        return formula;
    }
}
