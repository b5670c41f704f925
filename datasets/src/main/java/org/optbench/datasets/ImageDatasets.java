package org.optbench.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Loads MNIST-style image data sets into a {@link Dataset}: train / validation / test, pixels scaled to
 * {@code value / 255} in [0, 1], optionally standardized (see {@link Standardization}), input shape
 * {@code [1, rows, columns]} ({@code [1, 28, 28]} for MNIST and Fashion-MNIST), 10 classes.
 *
 * <p>The validation split is carved from the training file: a permutation of the training indices drawn from
 * {@code new SplittableRandom(splitSeed)} (Fisher–Yates) gives the validation examples (its first
 * {@code validation} entries) and the training subset (the next {@code trainSize} entries, or all the rest).
 * Each split keeps the files' original order; shuffling per epoch is {@link BatchPlan}'s job. The test split is
 * the whole test file.
 *
 * <p>Loaded data is cached per JVM, in one place: the decoded files per folder, as bytes (MNIST: 47 MB of training
 * and 7.8 MB of test pixels, 70,000 label bytes), read once whatever the options; and each {@link Dataset} per
 * folder, name and options, which is only a view of those bytes: an index per example, the labels, and the
 * 256-entry (per-pixel: 784 × 256) table of the float each byte value becomes. A split converts a row to floats
 * when a model reads it ({@link DataSplit#copyRows}), the same floats an eager float copy would hold. Parallel
 * trials, and every option set of a run or of a Spark executor, therefore share one copy of the pixels.
 * <b>The returned arrays are shared and must not be modified.</b> {@link #clearCache()} releases the memory.
 */
public final class ImageDatasets {

    /** Classes in MNIST and Fashion-MNIST; labels must lie in {@code 0..9}. */
    public static final int CLASS_COUNT = 10;

    private static final ConcurrentHashMap<Object, Memo<?>> CACHE = new ConcurrentHashMap<>();

    private ImageDatasets() {
    }

    /**
     * Loads {@code which} from the cache folder, fetching and verifying it first if any file is missing.
     *
     * @throws DataException if fetching fails or a cached file is damaged (the fix says to delete and re-fetch)
     * @throws IllegalArgumentException if the options do not fit the data (e.g. validation ≥ training examples)
     */
    public static Dataset load(ImageDataset which, ImageLoadOptions options, DataDirectory directory) {
        Path folder = DataFetcher.ensure(which, directory);
        return load(which.id(), folder, options, "delete it and run " + which.fetchCommand());
    }

    /** {@link #load(ImageDataset, ImageLoadOptions, DataDirectory)} with the default options. */
    public static Dataset load(ImageDataset which, DataDirectory directory) {
        return load(which, ImageLoadOptions.defaults(), directory);
    }

    /**
     * Loads the user's own IDX files from {@code folder}: {@code train-images-idx3-ubyte},
     * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}, each raw
     * or with {@code .gz}. Nothing is fetched and no checksum is required; the structure checks still apply.
     *
     * @param name the data set's name in results, e.g. {@code mnist} or {@code my-digits}
     */
    public static Dataset loadFolder(String name, Path folder, ImageLoadOptions options) {
        Path absolute = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new DataException(absolute, "is not a folder",
                    "point at the folder holding train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte "
                    + "and t10k-labels-idx1-ubyte (raw or .gz)");
        }
        return load(name, absolute, options, "replace it with a valid copy (raw or .gz IDX file)");
    }

    /** Forgets every cached file and data set (the memory is freed once no trial holds them). */
    public static void clearCache() {
        CACHE.clear();
    }

    private record RawKey(Path folder) {
    }

    private record DatasetKey(Path folder, String name, ImageLoadOptions options) {
    }

    /** The four files of one folder, decoded and checked. */
    record RawImages(IdxImages trainImages, byte[] trainLabels, IdxImages testImages, byte[] testLabels) {
    }

    private static Dataset load(String name, Path folder, ImageLoadOptions options, String fix) {
        RawImages raw = memo(new RawKey(folder), () -> readFolder(folder, fix));
        return memo(new DatasetKey(folder, name, options), () -> build(name, raw, options));
    }

    static RawImages readFolder(Path folder, String fix) {
        try {
            Path trainImagesFile = require(folder, IdxFile.TRAIN_IMAGES);
            Path trainLabelsFile = require(folder, IdxFile.TRAIN_LABELS);
            Path testImagesFile = require(folder, IdxFile.TEST_IMAGES);
            Path testLabelsFile = require(folder, IdxFile.TEST_LABELS);
            IdxImages trainImages = IdxReader.readImages(trainImagesFile);
            byte[] trainLabels = IdxReader.readLabelBytes(trainLabelsFile, CLASS_COUNT);
            IdxReader.checkSameCount(trainImages, trainLabelsFile, trainLabels.length);
            IdxImages testImages = IdxReader.readImages(testImagesFile);
            byte[] testLabels = IdxReader.readLabelBytes(testLabelsFile, CLASS_COUNT);
            IdxReader.checkSameCount(testImages, testLabelsFile, testLabels.length);
            if (trainImages.count() == 0) {
                throw new DataException(trainImagesFile, "holds no images", IdxReader.DEFAULT_FIX);
            }
            if (trainImages.rows() != testImages.rows() || trainImages.columns() != testImages.columns()) {
                throw new DataException(testImagesFile, "holds " + testImages.rows() + " x " + testImages.columns()
                        + " images but the training images are " + trainImages.rows() + " x " + trainImages.columns(),
                        "use test and training files of the same data set");
            }
            return new RawImages(trainImages, trainLabels, testImages, testLabels);
        } catch (DataException bad) {
            throw bad.fix().equals(IdxReader.DEFAULT_FIX) ? bad.withFix(fix) : bad;
        }
    }

    private static Path require(Path folder, IdxFile file) {
        Path found = DataFetcher.locate(folder, file);
        if (found == null) {
            throw new DataException(folder.resolve(file.fileName()), "missing (neither " + file.fileName() + " nor "
                    + file.fileName() + ".gz exists)", "put that file there (raw or .gz), or point at the folder that holds all "
                    + "four files: train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte");
        }
        return found;
    }

    static Dataset build(String name, RawImages raw, ImageLoadOptions options) {
        int available = raw.trainImages().count();
        if (options.validation() >= available) {
            throw new IllegalArgumentException(name + ": validation must be in [0, " + (available - 1) + "] (it is carved from the "
                    + available + " training images), got " + options.validation());
        }
        int remaining = available - options.validation();
        if (options.trainSize() > remaining) {
            throw new IllegalArgumentException(name + ": train size must be in [0, " + remaining + "] (the training images left after "
                    + options.validation() + " validation images; 0 keeps all), got " + options.trainSize());
        }
        int trainCount = options.trainSize() > 0 ? options.trainSize() : remaining;
        int[] permutation = BatchPlan.permutation(available, new SplittableRandom(options.splitSeed()));
        int[] validationIndices = sorted(permutation, 0, options.validation());
        int[] trainIndices = sorted(permutation, options.validation(), options.validation() + trainCount);
        int[] testIndices = new int[raw.testImages().count()];
        Arrays.setAll(testIndices, i -> i);

        float[] table = table(options.standardization(), raw.trainImages(), trainIndices);
        DataSplit train = view("train", raw.trainImages(), raw.trainLabels(), trainIndices, table);
        DataSplit validation = view("validation", raw.trainImages(), raw.trainLabels(), validationIndices, table);
        DataSplit test = view("test", raw.testImages(), raw.testLabels(), testIndices, table);
        return new Dataset(name, train, validation, test, CLASS_COUNT,
                new int[] {1, raw.trainImages().rows(), raw.trainImages().columns()});
    }

    private static int[] sorted(int[] permutation, int from, int to) {
        int[] indices = Arrays.copyOfRange(permutation, from, to);
        Arrays.sort(indices);
        return indices;
    }

    private static DataSplit view(String splitName, IdxImages images, byte[] labels, int[] indices, float[] table) {
        int[] splitLabels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            splitLabels[i] = labels[indices[i]] & 0xFF;
        }
        return DataSplit.ofBytes(splitName, new ByteRows(images.pixels(), images.pixelsPerImage(), indices, table), splitLabels);
    }

    /**
     * The float each byte value becomes under {@code mode} (see {@link ByteRows#table()}), with the statistics of
     * the training images {@code train}. The order of operations is the one an eager float copy of the training
     * split would take: x = value / 255 as a float; μ and σ summed in double over the training pixels in split
     * order (image by image, pixel by pixel); each value then {@code (float) ((x − μ) / σ)} in double. Every pixel
     * therefore gets exactly that float, and μ, σ exactly those sums.
     */
    private static float[] table(Standardization mode, IdxImages images, int[] train) {
        float[] scale = IdxImages.scaleTable();
        if (mode == Standardization.NONE) {
            return scale;
        }
        byte[] pixels = images.pixels();
        int size = images.pixelsPerImage();
        if (mode == Standardization.GLOBAL) {
            long values = (long) train.length * size;
            double sum = 0;
            for (int image : train) {
                for (int p = image * size, end = p + size; p < end; p++) {
                    sum += scale[pixels[p] & 0xFF];
                }
            }
            double mean = sum / values;
            double squares = 0;
            for (int image : train) {
                for (int p = image * size, end = p + size; p < end; p++) {
                    double d = scale[pixels[p] & 0xFF] - mean;
                    squares += d * d;
                }
            }
            // A constant training set has σ = 0; leave the scale alone rather than divide by zero.
            double std = values == 0 || squares == 0 ? 1 : Math.sqrt(squares / values);
            float[] table = new float[256];
            for (int v = 0; v < 256; v++) {
                table[v] = (float) ((scale[v] - mean) / std);
            }
            return table;
        }
        double[] mean = new double[size];
        double[] std = new double[size];
        for (int image : train) {
            int start = image * size;
            for (int p = 0; p < size; p++) {
                mean[p] += scale[pixels[start + p] & 0xFF];
            }
        }
        for (int p = 0; p < size; p++) {
            mean[p] /= train.length;
        }
        for (int image : train) {
            int start = image * size;
            for (int p = 0; p < size; p++) {
                double d = scale[pixels[start + p] & 0xFF] - mean[p];
                std[p] += d * d;
            }
        }
        float[] table = new float[size * 256];
        for (int p = 0; p < size; p++) {
            std[p] = Math.max(Math.sqrt(std[p] / train.length), Standardization.MINIMUM_PIXEL_STD);
            for (int v = 0; v < 256; v++) {
                table[(p << 8) | v] = (float) ((scale[v] - mean[p]) / std[p]);
            }
        }
        return table;
    }

    @SuppressWarnings("unchecked")
    private static <T> T memo(Object key, Supplier<T> supplier) {
        Memo<T> memo = (Memo<T>) CACHE.computeIfAbsent(key, k -> new Memo<>(supplier));
        try {
            return memo.get();
        } catch (RuntimeException failure) {
            // A failed load is not cached: the user fixes the file and the next call reads it again.
            CACHE.remove(key, memo);
            throw failure;
        }
    }

    /** Computes its value once, outside the map's lock, so loading one data set does not block another. */
    private static final class Memo<T> {
        private final Supplier<T> supplier;
        private T value;

        Memo(Supplier<T> supplier) {
            this.supplier = supplier;
        }

        synchronized T get() {
            if (value == null) {
                value = supplier.get();
            }
            return value;
        }
    }
}
