package org.optbench.datasets;

/**
 * The features of an image split kept as the file's bytes: example {@code i} is image {@code images[i]} of the
 * shared {@code pixels}, and the byte {@code v} at pixel position {@code p} reads as the float {@code table[v]}
 * (one scale for every position) or {@code table[p·256 + v]} (per-pixel standardization). The table holds, for each
 * of the 256 byte values, exactly the float the split's scaling gives that value, so a row converted through it is
 * bit for bit the row an eager float copy would hold; the split itself costs an index per example.
 *
 * <p>With the {@code jdk.incubator.vector} module present (the launcher and the build always add it) and vectors of
 * at least 256 bits, unstandardized rows ({@code table} is {@code value / 255}) are converted a vector at a time by
 * computing {@code (float) v / 255f} ({@link VectorRows}, the same bits); standardized rows, and every row without
 * the module, through the table one pixel at a time. (Computing {@code (x − μ) / σ} in double vectors was measured
 * too: it needs a second float shape, which slows the matrix kernels, see {@link VectorRows}.)
 *
 * <p>{@code pixels} and {@code table} are shared (between the splits of every load option, and between the
 * splits of one option) and never modified.
 *
 * @param pixels every image of the file, {@code width} unsigned bytes each, image after image
 * @param width pixels per image
 * @param images the image behind each example of the split
 * @param table 256 floats, or {@code width × 256} for a per-position scaling
 */
record ByteRows(byte[] pixels, int width, int[] images, float[] table) {

    private static final boolean VECTOR = vectorAvailable();

    ByteRows {
        if (width < 1 || pixels.length % width != 0) {
            throw new IllegalArgumentException("byte rows: " + pixels.length + " pixels are not whole images of " + width);
        }
        if (table.length != 256 && table.length != (long) width * 256) {
            throw new IllegalArgumentException("byte rows: the table must hold 256 or " + width + " x 256 floats, got "
                    + table.length);
        }
    }

    /** Number of examples. */
    int count() {
        return images.length;
    }

    /** Writes example {@code example}'s {@code width} floats into {@code out} at {@code offset}. */
    void copyRow(int example, float[] out, int offset) {
        int start = images[example] * width;
        if (table.length == 256) {
            // The unstandardized table is value / 255, which VectorRows computes a vector at a time.
            int p = VECTOR && table == IdxImages.scaleTable() ? VectorRows.scale(pixels, start, width, out, offset) : 0;
            for (; p < width; p++) {
                out[offset + p] = table[pixels[start + p] & 0xFF];
            }
        } else {
            for (int p = 0; p < width; p++) {
                out[offset + p] = table[(p << 8) | (pixels[start + p] & 0xFF)];
            }
        }
    }

    /** The examples at {@code examples} (positions in this split), in that order, over the same bytes and table. */
    ByteRows select(int[] examples) {
        int[] picked = new int[examples.length];
        for (int i = 0; i < examples.length; i++) {
            picked[i] = images[examples[i]];
        }
        return new ByteRows(pixels, width, picked, table);
    }

    private static boolean vectorAvailable() {
        if (Boolean.getBoolean("optbench.noVector") || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        return VectorRows.supported();
    }
}
