package org.optbench.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @TempDir
    Path temp;

    private Path repository() throws IOException {
        Path root = temp.resolve("repo");
        Files.createDirectories(root.resolve("datasets/src"));
        Files.writeString(root.resolve("pom.xml"), "<project><artifactId>optbench-parent</artifactId></project>");
        // A module's pom names optbench-parent only as its parent: that must not count as the root.
        Files.writeString(root.resolve("datasets/pom.xml"),
                "<project><parent><artifactId>optbench-parent</artifactId></parent><artifactId>datasets</artifactId></project>");
        return root;
    }

    @Test
    void explicitFolderWinsOverEverything() throws IOException {
        Path root = repository();

        DataDirectory directory = DataDirectory.resolve(temp.resolve("mine"), Map.of("OPTBENCH_DATA", "/elsewhere"),
                root.resolve("datasets"), temp);

        assertEquals(temp.resolve("mine"), directory.root());
    }

    @Test
    void environmentVariableWinsOverTheRepository() throws IOException {
        Path root = repository();

        DataDirectory directory = DataDirectory.resolve(null, Map.of("OPTBENCH_DATA", temp.resolve("env").toString()),
                root.resolve("datasets"), temp);

        assertEquals(temp.resolve("env"), directory.root());
    }

    @Test
    void walksUpFromAModuleFolderToTheRepositoryRoot() throws IOException {
        Path root = repository();

        DataDirectory directory = DataDirectory.resolve(null, Map.of("OPTBENCH_DATA", " "), root.resolve("datasets/src"), temp);

        assertEquals(root.resolve("data"), directory.root());
        assertEquals(root.resolve("data/fashion-mnist"), directory.folder(ImageDataset.FASHION_MNIST));
    }

    @Test
    void fallsBackToAGitCheckoutThenToTheUserCache() throws IOException {
        Path checkout = temp.resolve("checkout");
        Files.createDirectories(checkout.resolve("a/b"));
        Files.writeString(checkout.resolve(".git"), "gitdir: elsewhere");
        Path loose = temp.resolve("loose");
        Files.createDirectories(loose);

        assertEquals(checkout.resolve("data"), DataDirectory.resolve(null, Map.of(), checkout.resolve("a/b"), temp).root());
        // temp has no pom or .git above it in a normal temp folder; the home's cache is the last resort.
        Path home = temp.resolve("home");
        Assumptions.assumeTrue(DataDirectory.findRepositoryRoot(loose) == null, "the temp folder lies inside a checkout");
        assertEquals(home.resolve(".cache/optbench"), DataDirectory.resolve(null, Map.of(), loose, home).root());
    }
}
