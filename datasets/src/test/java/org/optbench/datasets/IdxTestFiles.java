package org.optbench.datasets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests, with an example's index encoded in its pixels so splits can be traced. */
final class IdxTestFiles {

    static final int ROWS = 5;
    static final int COLUMNS = 4;

    private IdxTestFiles() {
    }

    /** Image file bytes: image i has pixel 0 = i / 256, pixel 1 = i % 256, pixel p ≥ 2 = (i + p) % 256. */
    static byte[] images(int count) {
        ByteBuffer buffer = ByteBuffer.allocate(16 + count * ROWS * COLUMNS);
        buffer.putInt(IdxReader.IMAGES_MAGIC).putInt(count).putInt(ROWS).putInt(COLUMNS);
        for (int i = 0; i < count; i++) {
            buffer.put((byte) (i / 256)).put((byte) (i % 256));
            for (int p = 2; p < ROWS * COLUMNS; p++) {
                buffer.put((byte) ((i + p) % 256));
            }
        }
        return buffer.array();
    }

    /** Label file bytes: example i has label i % 10. */
    static byte[] labels(int count) {
        ByteBuffer buffer = ByteBuffer.allocate(8 + count);
        buffer.putInt(IdxReader.LABELS_MAGIC).putInt(count);
        for (int i = 0; i < count; i++) {
            buffer.put((byte) (i % 10));
        }
        return buffer.array();
    }

    /** The example index encoded in an image's first two pixels (scaled back from [0, 1]). */
    static int indexOf(float[] features, int example) {
        int size = ROWS * COLUMNS;
        return Math.round(features[example * size] * 255) * 256 + Math.round(features[example * size + 1] * 255);
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return bytes.toByteArray();
    }

    /** Writes the four standard files into {@code folder} (created), optionally gzipped with {@code .gz} names. */
    static Path writeFolder(Path folder, int train, int test, boolean gzip) throws IOException {
        Files.createDirectories(folder);
        write(folder, IdxFile.TRAIN_IMAGES, images(train), gzip);
        write(folder, IdxFile.TRAIN_LABELS, labels(train), gzip);
        write(folder, IdxFile.TEST_IMAGES, images(test), gzip);
        write(folder, IdxFile.TEST_LABELS, labels(test), gzip);
        return folder;
    }

    static Path write(Path folder, IdxFile file, byte[] content, boolean gzip) throws IOException {
        Path path = folder.resolve(file.fileName() + (gzip ? ".gz" : ""));
        Files.write(path, gzip ? gzip(content) : content);
        return path;
    }
}
