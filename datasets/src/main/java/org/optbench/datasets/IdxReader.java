package org.optbench.datasets;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Strict reader of IDX files (the MNIST format): a big-endian header {@code 0x00 0x00 type dims}, one 32-bit
 * size per dimension, then the data. Only unsigned-byte files are accepted: images {@code 0x00000803}
 * ({@code count × rows × columns}) and labels {@code 0x00000801} ({@code count}). A file is read raw or, when it
 * starts with the gzip signature {@code 1f 8b}, decompressed on the fly (detected from the bytes, not the name).
 *
 * <p>Every defect (missing file, bad magic number, impossible dimensions, truncated data, extra bytes, bad gzip
 * stream, label out of range, images and labels disagreeing in count) raises one {@link DataException} naming the
 * file, the defect and a fix. Raw files are read in bulk through a {@link FileChannel}.
 */
public final class IdxReader {

    /** Magic number of an IDX file of unsigned-byte images. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned-byte labels. */
    public static final int LABELS_MAGIC = 0x00000801;

    static final String DEFAULT_FIX = "replace it with a valid IDX file (the standard MNIST format, raw or .gz)";

    private static final int CHUNK = 1 << 20;

    private IdxReader() {
    }

    /** Reads an image file; see the class comment for the checks. */
    public static IdxImages readImages(Path file) {
        Content content = read(file, IMAGES_MAGIC);
        return new IdxImages(file, content.dimensions[0], content.dimensions[1], content.dimensions[2], content.data);
    }

    /** Reads a label file and checks every label is in {@code [0, classCount)}. */
    public static int[] readLabels(Path file, int classCount) {
        byte[] bytes = readLabelBytes(file, classCount);
        int[] labels = new int[bytes.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = bytes[i] & 0xFF;
        }
        return labels;
    }

    /** {@link #readLabels} as the file's bytes, each read as unsigned ({@code & 0xFF}). */
    public static byte[] readLabelBytes(Path file, int classCount) {
        byte[] labels = read(file, LABELS_MAGIC).data;
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i] & 0xFF;
            if (label >= classCount) {
                throw new DataException(file, "label " + label + " of example " + i + " is outside 0.." + (classCount - 1),
                        DEFAULT_FIX);
            }
        }
        return labels;
    }

    /** Checks that an image file and its label file describe the same number of examples. */
    public static void checkSameCount(IdxImages images, Path labelFile, int[] labels) {
        checkSameCount(images, labelFile, labels.length);
    }

    /** Checks that an image file and a label file of {@code labelCount} labels describe the same number of examples. */
    public static void checkSameCount(IdxImages images, Path labelFile, int labelCount) {
        if (images.count() != labelCount) {
            throw new DataException(labelFile, "holds " + labelCount + " labels but " + images.file().getFileName()
                    + " holds " + images.count() + " images", "use the label file that belongs to these images");
        }
    }

    private record Content(int[] dimensions, byte[] data) {
    }

    private static Content read(Path file, int magic) {
        try {
            if (isGzip(file)) {
                return readGzip(file, magic);
            }
            return readRaw(file, magic);
        } catch (NoSuchFileException missing) {
            throw new DataException(file, "missing", DEFAULT_FIX, missing);
        } catch (AccessDeniedException denied) {
            throw new DataException(file, "cannot be read (permission denied)", "make it readable", denied);
        } catch (ZipException | EOFException badGzip) {
            throw new DataException(file, "is not a valid gzip stream (" + badGzip.getMessage() + ")", DEFAULT_FIX, badGzip);
        } catch (IOException failure) {
            throw new DataException(file, "could not be read (" + failure + ")", DEFAULT_FIX, failure);
        }
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] signature = in.readNBytes(2);
            return signature.length == 2 && (signature[0] & 0xFF) == 0x1f && (signature[1] & 0xFF) == 0x8b;
        }
    }

    private static Content readRaw(Path file, int magic) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            byte[] header = new byte[headerLength(magic)];
            int got = readFully(channel, header, 0, header.length);
            int[] dimensions = parseHeader(file, header, got, magic);
            long dataLength = dataLength(file, dimensions);
            long expected = header.length + dataLength;
            if (size < expected) {
                throw new DataException(file, "truncated: " + expected + " bytes expected (" + describe(magic, dimensions)
                        + "), found " + size, DEFAULT_FIX);
            }
            if (size > expected) {
                throw new DataException(file, "has " + (size - expected) + " extra bytes after the " + describe(magic, dimensions)
                        + " its header announces (" + expected + " bytes expected)", DEFAULT_FIX);
            }
            byte[] data = new byte[(int) dataLength];
            int read = readFully(channel, data, 0, data.length);
            if (read != data.length) {
                throw new DataException(file, "truncated while reading: " + expected + " bytes expected, got "
                        + (header.length + read), DEFAULT_FIX);
            }
            return new Content(dimensions, data);
        }
    }

    private static Content readGzip(Path file, int magic) throws IOException {
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(file), 1 << 16), 1 << 16)) {
            byte[] header = new byte[headerLength(magic)];
            int got = in.readNBytes(header, 0, header.length);
            int[] dimensions = parseHeader(file, header, got, magic);
            long dataLength = dataLength(file, dimensions);
            long expected = header.length + dataLength;
            byte[] data = new byte[(int) dataLength];
            int read = in.readNBytes(data, 0, data.length);
            if (read != data.length) {
                throw new DataException(file, "truncated: " + expected + " uncompressed bytes expected ("
                        + describe(magic, dimensions) + "), found " + (header.length + read), DEFAULT_FIX);
            }
            long extra = in.transferTo(java.io.OutputStream.nullOutputStream());
            if (extra > 0) {
                throw new DataException(file, "has " + extra + " extra bytes after the " + describe(magic, dimensions)
                        + " its header announces (" + expected + " uncompressed bytes expected)", DEFAULT_FIX);
            }
            return new Content(dimensions, data);
        }
    }

    private static int headerLength(int magic) {
        return 4 + 4 * (magic & 0xFF);
    }

    private static int[] parseHeader(Path file, byte[] header, int got, int magic) {
        if (got < 4) {
            throw new DataException(file, "too short to be an IDX file (" + got + " bytes)", DEFAULT_FIX);
        }
        ByteBuffer buffer = ByteBuffer.wrap(header);
        int found = buffer.getInt();
        if (found != magic) {
            String hint = found == IMAGES_MAGIC ? " (this is an image file, a label file was expected)"
                    : found == LABELS_MAGIC ? " (this is a label file, an image file was expected)"
                    : " (corrupted, or not an IDX file)";
            throw new DataException(file, String.format(Locale.ROOT, "bad magic number 0x%08X, expected 0x%08X for IDX %s of unsigned bytes",
                    found, magic, magic == IMAGES_MAGIC ? "images" : "labels") + hint, DEFAULT_FIX);
        }
        if (got < header.length) {
            throw new DataException(file, "truncated header: " + header.length + " bytes expected, found " + got, DEFAULT_FIX);
        }
        int[] dimensions = new int[magic & 0xFF];
        for (int d = 0; d < dimensions.length; d++) {
            dimensions[d] = buffer.getInt();
        }
        if (dimensions[0] < 0) {
            throw new DataException(file, "header announces a negative count (" + dimensions[0] + ")", DEFAULT_FIX);
        }
        for (int d = 1; d < dimensions.length; d++) {
            if (dimensions[d] < 1) {
                throw new DataException(file, "header announces an image size of " + dimensions[1] + " x " + dimensions[2]
                        + " (rows and columns must be >= 1)", DEFAULT_FIX);
            }
        }
        return dimensions;
    }

    /**
     * The bytes of data the header announces, {@code count × rows × columns}, checked before it is formed: the
     * product of three ints can overflow even a long (16 × 2³⁰ × 2³⁰ = 2⁶⁴ wraps to 0), and one image's
     * {@code rows × columns} must fit an int even when the count is 0.
     */
    private static long dataLength(Path file, int[] dimensions) {
        long limit = Integer.MAX_VALUE - 16;
        long perExample = 1;
        for (int d = 1; d < dimensions.length; d++) {
            perExample = Math.multiplyExact(perExample, (long) dimensions[d]); // at most (2³¹)², no overflow
            if (perExample > limit) {
                throw new DataException(file, "header announces images of " + dimensions[1] + " x " + dimensions[2]
                        + " pixels, more than one array can hold", DEFAULT_FIX);
            }
        }
        if (dimensions[0] > 0 && perExample > limit / dimensions[0]) {
            throw new DataException(file, "header announces " + String.join(" x ", Arrays.stream(dimensions)
                    .mapToObj(Integer::toString).toList()) + " bytes of data, more than one array can hold", DEFAULT_FIX);
        }
        return dimensions[0] * perExample;
    }

    private static String describe(int magic, int[] dimensions) {
        return magic == IMAGES_MAGIC
                ? "16-byte header + " + dimensions[0] + " images of " + dimensions[1] + " x " + dimensions[2]
                : "8-byte header + " + dimensions[0] + " labels";
    }

    private static int readFully(FileChannel channel, byte[] into, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            // Chunked so the JDK's temporary direct buffer stays small instead of growing to the file size.
            int n = channel.read(ByteBuffer.wrap(into, offset + done, Math.min(CHUNK, length - done)));
            if (n < 0) {
                break;
            }
            done += n;
        }
        return done;
    }
}
