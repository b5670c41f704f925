package org.optbench.datasets;

import java.nio.file.Path;

/**
 * The images of one IDX image file, as read: {@code count} images of {@code rows × columns} unsigned bytes,
 * row-major, image after image. The {@code pixels} array is shared with the in-memory cache and must not be
 * modified.
 *
 * @param file where the images came from
 * @param count number of images
 * @param rows rows per image
 * @param columns columns per image
 * @param pixels {@code count × rows × columns} raw bytes, each read as unsigned 0..255
 */
public record IdxImages(Path file, int count, int rows, int columns, byte[] pixels) {

    private static final float[] SCALE = new float[256];

    static {
        for (int value = 0; value < 256; value++) {
            SCALE[value] = value / 255f;
        }
    }

    public IdxImages {
        if (count < 0 || rows < 1 || columns < 1 || pixels.length != (long) count * rows * columns) {
            throw new IllegalArgumentException("idx images " + file + ": " + pixels.length + " pixels do not match "
                    + count + " images of " + rows + " x " + columns);
        }
    }

    /** Pixels per image. */
    public int pixelsPerImage() {
        return rows * columns;
    }

    /** The 256 floats {@code value / 255}, indexed by the unsigned byte; shared, never modify. */
    static float[] scaleTable() {
        return SCALE;
    }

    /** The pixel {@code value / 255} as a float in [0, 1], the scaling every image split uses. */
    public static float scale(byte value) {
        return SCALE[value & 0xFF];
    }

    /** All pixels scaled to [0, 1] in a new array, {@code count × rows × columns}, row-major. */
    public float[] scaled() {
        float[] out = new float[pixels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = SCALE[pixels[i] & 0xFF];
        }
        return out;
    }

    /** Copies image {@code index} scaled to [0, 1] into {@code out} at {@code offset}. */
    public void scaleInto(int index, float[] out, int offset) {
        int size = rows * columns;
        int start = index * size;
        for (int p = 0; p < size; p++) {
            out[offset + p] = SCALE[pixels[start + p] & 0xFF];
        }
    }
}
