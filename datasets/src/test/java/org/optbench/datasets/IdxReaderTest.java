package org.optbench.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void roundTripsImagesAndLabelsRawAndGzipped(boolean gzip) throws IOException {
        Path images = IdxTestFiles.write(folder, IdxFile.TRAIN_IMAGES, IdxTestFiles.images(300), gzip);
        Path labels = IdxTestFiles.write(folder, IdxFile.TRAIN_LABELS, IdxTestFiles.labels(300), gzip);

        IdxImages read = IdxReader.readImages(images);
        int[] readLabels = IdxReader.readLabels(labels, 10);

        assertEquals(300, read.count());
        assertEquals(5, read.rows());
        assertEquals(4, read.columns());
        assertArrayEquals(Arrays.copyOfRange(IdxTestFiles.images(300), 16, 16 + 300 * 20), read.pixels());
        // Image 299: pixel 0 = 299 / 256 = 1, pixel 1 = 299 % 256 = 43, pixel 19 = (299 + 19) % 256 = 62.
        float[] scaled = read.scaled();
        assertEquals(1 / 255f, scaled[299 * 20]);
        assertEquals(43 / 255f, scaled[299 * 20 + 1]);
        assertEquals(62 / 255f, scaled[299 * 20 + 19]);
        assertEquals(7, readLabels[297]);
        assertEquals(300, readLabels.length);
    }

    @Test
    void scalesTheFullByteRangeToZeroOne() {
        assertEquals(0f, IdxImages.scale((byte) 0));
        assertEquals(1f, IdxImages.scale((byte) 255));
        assertEquals(128 / 255f, IdxImages.scale((byte) 128));
    }

    @Test
    void truncatedImageFileNamesExpectedAndFoundLength() throws IOException {
        byte[] content = IdxTestFiles.images(10);
        Path file = IdxTestFiles.write(folder, IdxFile.TRAIN_IMAGES, Arrays.copyOf(content, content.length - 1), false);

        DataException error = assertThrows(DataException.class, () -> IdxReader.readImages(file));

        // 16 header bytes + 10 images of 5 x 4 = 216 bytes expected, one fewer on disk.
        assertMessage(error, file, "truncated: 216 bytes expected", "found 215");
    }

    @Test
    void extraBytesAfterTheAnnouncedImagesAreRejected() throws IOException {
        byte[] content = IdxTestFiles.images(10);
        Path file = IdxTestFiles.write(folder, IdxFile.TRAIN_IMAGES, Arrays.copyOf(content, content.length + 3), false);

        DataException error = assertThrows(DataException.class, () -> IdxReader.readImages(file));

        assertMessage(error, file, "has 3 extra bytes", "216 bytes expected");
    }

    @Test
    void corruptedMagicNumberIsReported() throws IOException {
        byte[] content = IdxTestFiles.images(3);
        content[2] = 0x0C; // type byte 0x0C would be 4-byte ints: not the unsigned-byte type MNIST uses
        Path file = IdxTestFiles.write(folder, IdxFile.TRAIN_IMAGES, content, false);

        DataException error = assertThrows(DataException.class, () -> IdxReader.readImages(file));

        assertMessage(error, file, "bad magic number 0x00000C03, expected 0x00000803", "corrupted");
    }

    @Test
    void labelFileGivenAsImagesSaysSo() throws IOException {
        Path file = IdxTestFiles.write(folder, IdxFile.TRAIN_IMAGES, IdxTestFiles.labels(3), false);

        DataException error = assertThrows(DataException.class, () -> IdxReader.readImages(file));

        assertMessage(error, file, "bad magic number 0x00000801", "this is a label file");
    }

    @Test
    void missingFileIsReported() {
        Path file = folder.resolve("t10k-images-idx3-ubyte");

        DataException error = assertThrows(DataException.class, () -> IdxReader.readImages(file));

        assertMessage(error, file, "missing");
    }

    @Test
    void fileTooShortForAHeader() throws IOException {
        Path file = IdxTestFiles.write(folder, IdxFile.TRAIN_LABELS, new byte[] {0, 0}, false);

        DataException error = assertThrows(DataException.class, () -> IdxReader.readLabels(file, 10));

        assertMessage(error, file, "too short to be an IDX file (2 bytes)");
    }

    @Test
    void negativeCountInHeader() throws IOException {
        byte[] content = IdxTestFiles.labels(2);
        ByteBuffer.wrap(content).putInt(4, -5);
        Path file = IdxTestFiles.write(folder, IdxFile.TRAIN_LABELS, content, false);

        DataException error = assertThrows(DataException.class, () -> IdxReader.readLabels(file, 10));

        assertMessage(error, file, "negative count (-5)");
    }

    @Test
    void labelOutOfRangeNamesTheExample() throws IOException {
        byte[] content = IdxTestFiles.labels(5);
        content[8 + 2] = 10;
        Path file = IdxTestFiles.write(folder, IdxFile.TRAIN_LABELS, content, false);

        DataException error = assertThrows(DataException.class, () -> IdxReader.readLabels(file, 10));

        assertMessage(error, file, "label 10 of example 2 is outside 0..9");
    }

    @Test
    void badGzipStreamIsReported() throws IOException {
        byte[] compressed = IdxTestFiles.gzip(IdxTestFiles.images(50));
        // Keep the gzip signature and header, cut the deflate stream in the middle.
        Path file = IdxTestFiles.write(folder, IdxFile.TRAIN_IMAGES, Arrays.copyOf(compressed, compressed.length / 2), false);

        DataException error = assertThrows(DataException.class, () -> IdxReader.readImages(file));

        assertMessage(error, file, "not a valid gzip stream");
    }

    @Test
    void gzipWithGarbageAfterTheSignatureIsReported() throws IOException {
        byte[] garbage = new byte[64];
        Arrays.fill(garbage, (byte) 0x55);
        garbage[0] = 0x1f;
        garbage[1] = (byte) 0x8b;
        Path file = IdxTestFiles.write(folder, IdxFile.TRAIN_IMAGES, garbage, false);

        DataException error = assertThrows(DataException.class, () -> IdxReader.readImages(file));

        assertMessage(error, file, "not a valid gzip stream");
    }

    @Test
    void truncatedContentInsideAValidGzipStream() throws IOException {
        byte[] content = IdxTestFiles.images(10);
        Path file = IdxTestFiles.write(folder, IdxFile.TRAIN_IMAGES, Arrays.copyOf(content, 100), true);

        DataException error = assertThrows(DataException.class, () -> IdxReader.readImages(file));

        assertMessage(error, file, "truncated: 216 uncompressed bytes expected", "found 100");
    }

    @Test
    void extraBytesInsideAGzipStream() throws IOException {
        byte[] content = IdxTestFiles.labels(10);
        Path file = IdxTestFiles.write(folder, IdxFile.TRAIN_LABELS, Arrays.copyOf(content, content.length + 7), true);

        DataException error = assertThrows(DataException.class, () -> IdxReader.readLabels(file, 10));

        assertMessage(error, file, "has 7 extra bytes");
    }

    @Test
    void gzipIsDetectedFromTheBytesNotTheName() throws IOException {
        Path file = folder.resolve("train-images-idx3-ubyte");
        Files.write(file, IdxTestFiles.gzip(IdxTestFiles.images(4)));

        assertEquals(4, IdxReader.readImages(file).count());
    }

    @Test
    void imagesAndLabelsMustAgreeInCount() throws IOException {
        Path images = IdxTestFiles.write(folder, IdxFile.TRAIN_IMAGES, IdxTestFiles.images(5), false);
        Path labels = IdxTestFiles.write(folder, IdxFile.TRAIN_LABELS, IdxTestFiles.labels(4), false);
        IdxImages read = IdxReader.readImages(images);
        int[] readLabels = IdxReader.readLabels(labels, 10);

        DataException error = assertThrows(DataException.class, () -> IdxReader.checkSameCount(read, labels, readLabels));

        assertMessage(error, labels, "holds 4 labels but train-images-idx3-ubyte holds 5 images");
    }

    static void assertMessage(DataException error, Path file, String... parts) {
        String message = error.getMessage();
        assertTrue(message.startsWith(file.toString() + ": "), () -> "message should start with the file: " + message);
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "message should contain '" + part + "': " + message);
        }
        assertTrue(message.contains(". Fix: "), () -> "message should say how to fix it: " + message);
    }
}
