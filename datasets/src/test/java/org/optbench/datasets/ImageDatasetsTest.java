package org.optbench.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDatasetsTest {

    @TempDir
    Path folder;

    @AfterEach
    void forget() {
        ImageDatasets.clearCache();
    }

    private static ImageLoadOptions options(int validation, int trainSize, long seed) {
        return new ImageLoadOptions(validation, trainSize, Standardization.NONE, seed);
    }

    private static Set<Integer> indices(DataSplit split) {
        Set<Integer> indices = new HashSet<>();
        for (int i = 0; i < split.count(); i++) {
            indices.add(IdxTestFiles.indexOf(split.features(), i));
        }
        return indices;
    }

    @Test
    void splitsShapeAndScaling() throws IOException {
        IdxTestFiles.writeFolder(folder, 300, 40, true);

        Dataset data = ImageDatasets.loadFolder("digits", folder, options(60, 0, 1));

        assertEquals("digits", data.name());
        assertEquals(10, data.classCount());
        assertArrayEquals(new int[] {1, 5, 4}, data.inputShape());
        assertEquals(240, data.train().count());
        assertEquals(60, data.validation().count());
        assertEquals(40, data.test().count());
        // Test example 37: pixel 19 holds (37 + 19) % 256 = 56, label 37 % 10 = 7.
        assertEquals(56 / 255f, data.test().features()[37 * 20 + 19]);
        assertEquals(7, data.test().labels()[37]);
    }

    @Test
    void validationAndTrainingPartitionTheTrainingFileInOriginalOrder() throws IOException {
        IdxTestFiles.writeFolder(folder, 300, 10, false);

        Dataset data = ImageDatasets.loadFolder("digits", folder, options(60, 0, 7));

        Set<Integer> train = indices(data.train());
        Set<Integer> validation = indices(data.validation());
        assertEquals(240, train.size());
        assertEquals(60, validation.size());
        Set<Integer> union = new HashSet<>(train);
        union.addAll(validation);
        assertEquals(300, union.size());
        for (int i = 1; i < data.train().count(); i++) {
            assertTrue(IdxTestFiles.indexOf(data.train().features(), i) > IdxTestFiles.indexOf(data.train().features(), i - 1));
        }
        for (int i = 0; i < data.train().count(); i++) {
            assertEquals(IdxTestFiles.indexOf(data.train().features(), i) % 10, data.train().labels()[i]);
        }
    }

    @Test
    void sameSplitSeedSameValidationSetAndDifferentSeedDifferentOne() throws IOException {
        IdxTestFiles.writeFolder(folder, 300, 10, false);

        Set<Integer> first = indices(ImageDatasets.loadFolder("a", folder, options(50, 0, 3)).validation());
        ImageDatasets.clearCache();
        Set<Integer> again = indices(ImageDatasets.loadFolder("a", folder, options(50, 0, 3)).validation());
        Set<Integer> other = indices(ImageDatasets.loadFolder("a", folder, options(50, 0, 4)).validation());

        assertEquals(first, again);
        assertNotEquals(first, other);
    }

    @Test
    void trainingSubsetIsSeededAndLeavesTheValidationSetAlone() throws IOException {
        IdxTestFiles.writeFolder(folder, 300, 10, false);

        Dataset full = ImageDatasets.loadFolder("a", folder, options(50, 0, 3));
        Dataset subset = ImageDatasets.loadFolder("a", folder, options(50, 30, 3));
        Dataset otherSubset = ImageDatasets.loadFolder("a", folder, options(50, 30, 9));

        assertEquals(30, subset.train().count());
        assertEquals(indices(full.validation()), indices(subset.validation()));
        assertTrue(indices(full.train()).containsAll(indices(subset.train())));
        assertNotEquals(indices(subset.train()), indices(otherSubset.train()));
    }

    @Test
    void zeroValidationKeepsTheWholeTrainingFileInOrder() throws IOException {
        IdxTestFiles.writeFolder(folder, 30, 10, false);

        Dataset data = ImageDatasets.loadFolder("a", folder, options(0, 0, 3));

        assertEquals(0, data.validation().count());
        for (int i = 0; i < 30; i++) {
            assertEquals(i, IdxTestFiles.indexOf(data.train().features(), i));
        }
    }

    @Test
    void optionsThatDoNotFitTheDataAreRejected() throws IOException {
        IdxTestFiles.writeFolder(folder, 30, 10, false);

        IllegalArgumentException tooMuchValidation = assertThrows(IllegalArgumentException.class,
                () -> ImageDatasets.loadFolder("mnist", folder, options(30, 0, 0)));
        IllegalArgumentException tooMuchTraining = assertThrows(IllegalArgumentException.class,
                () -> ImageDatasets.loadFolder("mnist", folder, options(10, 21, 0)));

        assertEquals("mnist: validation must be in [0, 29] (it is carved from the 30 training images), got 30",
                tooMuchValidation.getMessage());
        assertEquals("mnist: train size must be in [0, 20] (the training images left after 10 validation images; 0 keeps all), got 21",
                tooMuchTraining.getMessage());
        assertEquals("image data: validation must be >= 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> options(-1, 0, 0)).getMessage());
    }

    @Test
    void globalStandardizationUsesTrainingStatistics() throws IOException {
        IdxTestFiles.writeFolder(folder, 200, 10, false);
        Dataset plain = ImageDatasets.loadFolder("a", folder, options(40, 0, 5));
        float[] x = plain.train().features();
        double mean = 0;
        for (float v : x) {
            mean += v;
        }
        mean /= x.length;
        double variance = 0;
        for (float v : x) {
            variance += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(variance / x.length);

        Dataset standardized = ImageDatasets.loadFolder("a", folder, options(40, 0, 5).withStandardization(Standardization.GLOBAL));

        // float storage: 1e-5 is a few float ulps at these magnitudes (values up to about 3).
        assertEquals((x[123] - mean) / std, standardized.train().features()[123], 1e-5);
        float testValue = plain.test().features()[57];
        assertEquals((testValue - mean) / std, standardized.test().features()[57], 1e-5);
        float validationValue = plain.validation().features()[99];
        assertEquals((validationValue - mean) / std, standardized.validation().features()[99], 1e-5);
    }

    @Test
    void perPixelStandardizationFloorsTheStandardDeviation() throws IOException {
        IdxTestFiles.writeFolder(folder, 200, 10, false);
        Dataset plain = ImageDatasets.loadFolder("a", folder, options(0, 0, 5));
        int pixel = 7;
        double mean = 0;
        for (int i = 0; i < 200; i++) {
            mean += plain.train().features()[i * 20 + pixel];
        }
        mean /= 200;
        double variance = 0;
        for (int i = 0; i < 200; i++) {
            double d = plain.train().features()[i * 20 + pixel] - mean;
            variance += d * d;
        }
        double std = Math.max(Math.sqrt(variance / 200), 0.05);

        Dataset standardized = ImageDatasets.loadFolder("a", folder, options(0, 0, 5).withStandardization(Standardization.PER_PIXEL));

        assertEquals((plain.train().features()[33 * 20 + pixel] - mean) / std, standardized.train().features()[33 * 20 + pixel], 1e-5);
        // Pixel 0 holds i / 256, which is 0 for every one of the 200 training images: σ = 0, floored to 0.05.
        assertEquals(0f, standardized.train().features()[0]);
        assertEquals(0f, standardized.train().features()[199 * 20]);
    }

    @Test
    void loadedDataSetsAreSharedWithinTheJvm() throws IOException {
        IdxTestFiles.writeFolder(folder, 50, 10, false);

        Dataset first = ImageDatasets.loadFolder("a", folder, options(10, 0, 0));
        Dataset second = ImageDatasets.loadFolder("a", folder, options(10, 0, 0));

        assertSame(first, second);
    }

    @Test
    void parallelLoadsShareOneCopy() throws Exception {
        IdxTestFiles.writeFolder(folder, 500, 10, false);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Dataset>> loads = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                loads.add(pool.submit(() -> ImageDatasets.loadFolder("a", folder, options(100, 0, 1))));
            }
            Dataset first = loads.get(0).get();
            for (java.util.concurrent.Future<Dataset> load : loads) {
                assertSame(first, load.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void gzippedFilesInTheCacheFolderAreUsedWithoutFetching() throws IOException {
        IdxTestFiles.writeFolder(folder.resolve("fashion-mnist"), 40, 10, true);

        Dataset data = ImageDatasets.load(ImageDataset.FASHION_MNIST, options(10, 0, 0), new DataDirectory(folder));

        assertEquals("fashion-mnist", data.name());
        assertEquals(30, data.train().count());
    }

    @Test
    void missingFileInAUserFolderNamesItAndTheFix() throws IOException {
        IdxTestFiles.writeFolder(folder, 50, 10, false);
        Files.delete(folder.resolve("t10k-labels-idx1-ubyte"));

        DataException error = assertThrows(DataException.class, () -> ImageDatasets.loadFolder("a", folder, options(10, 0, 0)));

        IdxReaderTest.assertMessage(error, folder.resolve("t10k-labels-idx1-ubyte"), "missing (neither t10k-labels-idx1-ubyte nor t10k-labels-idx1-ubyte.gz exists)",
                "Fix: put that file there (raw or .gz)");
    }

    @Test
    void countMismatchInAUserFolder() throws IOException {
        IdxTestFiles.writeFolder(folder, 50, 10, false);
        IdxTestFiles.write(folder, IdxFile.TEST_LABELS, IdxTestFiles.labels(9), false);

        DataException error = assertThrows(DataException.class, () -> ImageDatasets.loadFolder("a", folder, options(10, 0, 0)));

        IdxReaderTest.assertMessage(error, folder.resolve("t10k-labels-idx1-ubyte"),
                "holds 9 labels but t10k-images-idx3-ubyte holds 10 images");
    }

    @Test
    void aFailedLoadIsNotCachedSoAFixedFileIsReadAgain() throws IOException {
        IdxTestFiles.writeFolder(folder, 50, 10, false);
        IdxTestFiles.write(folder, IdxFile.TEST_LABELS, IdxTestFiles.labels(9), false);
        assertThrows(DataException.class, () -> ImageDatasets.loadFolder("a", folder, options(10, 0, 0)));

        IdxTestFiles.write(folder, IdxFile.TEST_LABELS, IdxTestFiles.labels(10), false);

        assertEquals(10, ImageDatasets.loadFolder("a", folder, options(10, 0, 0)).test().count());
    }

    @Test
    void damagedCachedFileSaysToDeleteAndRefetch() throws IOException {
        // Files already in the cache are not fetched again, so no npm is needed here.
        Path mnist = IdxTestFiles.writeFolder(folder.resolve("mnist"), 50, 10, false);
        byte[] truncated = Arrays.copyOf(IdxTestFiles.images(50), 500);
        Path file = IdxTestFiles.write(mnist, IdxFile.TRAIN_IMAGES, truncated, false);

        DataException error = assertThrows(DataException.class,
                () -> ImageDatasets.load(ImageDataset.MNIST, options(10, 0, 0), new DataDirectory(folder)));

        IdxReaderTest.assertMessage(error, file, "truncated", "delete it and run ./optbench data fetch mnist");
    }

    @Test
    void notAFolder() {
        DataException error = assertThrows(DataException.class,
                () -> ImageDatasets.loadFolder("a", folder.resolve("nowhere"), options(10, 0, 0)));

        assertFalse(error.getMessage().isEmpty());
        IdxReaderTest.assertMessage(error, folder.resolve("nowhere"), "is not a folder", "train-images-idx3-ubyte");
    }
}
