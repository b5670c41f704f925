package org.optbench.datasets;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Header sizes whose product overflows are refused with the file named: 16 × 2³⁰ × 2³⁰ = 2⁶⁴ wraps to 0 even in
 * a long, so a 16-byte file holding only that header looked complete (and failed later, far from the file).
 */
class IdxHeaderOverflowTest {
    @TempDir
    Path folder;

    private Path header(int count, int rows, int columns) throws IOException {
        Path file = folder.resolve("train-images-idx3-ubyte");
        Files.write(file, ByteBuffer.allocate(16).putInt(IdxReader.IMAGES_MAGIC).putInt(count).putInt(rows)
                .putInt(columns).array());
        return file;
    }

    @Test
    void aDataSizeThatWrapsAroundALongIsRefusedNamingTheFile() throws IOException {
        Path file = header(16, 1 << 30, 1 << 30);
        DataException error = assertThrows(DataException.class, () -> IdxReader.readImages(file));
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("images of 1073741824 x 1073741824 pixels, more than one array can hold"),
                error.getMessage());
    }

    @Test
    void anImageSizeBeyondAnIntIsRefusedEvenWithNoImages() throws IOException {
        // 0 images of 65536 x 65536: no data, but 2³² pixels per image would wrap to 0 features.
        Path file = header(0, 1 << 16, 1 << 16);
        DataException error = assertThrows(DataException.class, () -> IdxReader.readImages(file));
        assertTrue(error.getMessage().contains(file.toString()) && error.getMessage().contains("65536 x 65536"),
                error.getMessage());
    }

    @Test
    void aCountTimesImageSizeBeyondAnArrayIsRefused() throws IOException {
        // 2²⁰ images of 2¹⁰ x 2¹⁰: one image (2²⁰ bytes) fits an array, all of them (2⁴⁰ bytes) do not.
        Path file = header(1 << 20, 1 << 10, 1 << 10);
        DataException error = assertThrows(DataException.class, () -> IdxReader.readImages(file));
        assertTrue(error.getMessage().contains("1048576 x 1024 x 1024 bytes of data, more than one array can hold"),
                error.getMessage());
    }
}
