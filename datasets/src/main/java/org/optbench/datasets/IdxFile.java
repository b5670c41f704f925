package org.optbench.datasets;

/** The four files of an MNIST-style data set, with their standard names (the uncompressed form). */
public enum IdxFile {
    TRAIN_IMAGES("train-images-idx3-ubyte", true),
    TRAIN_LABELS("train-labels-idx1-ubyte", false),
    TEST_IMAGES("t10k-images-idx3-ubyte", true),
    TEST_LABELS("t10k-labels-idx1-ubyte", false);

    private final String fileName;
    private final boolean images;

    IdxFile(String fileName, boolean images) {
        this.fileName = fileName;
        this.images = images;
    }

    /** The standard file name, e.g. {@code train-images-idx3-ubyte}; a {@code .gz} suffix is also accepted. */
    public String fileName() {
        return fileName;
    }

    /** Whether the file holds images (IDX type 0x0803) rather than labels (0x0801). */
    public boolean isImages() {
        return images;
    }
}
