package org.optbench.datasets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The cache folder holding fetched data sets, one sub-folder per data set ({@code <root>/mnist},
 * {@code <root>/fashion-mnist}), each with the four uncompressed IDX files.
 *
 * <p>{@link #resolve(Path)} picks the folder in this order: an explicit folder (the CLI's {@code --data-dir}),
 * else the environment variable {@code OPTBENCH_DATA}, else {@code data/} at the optbench repository root (found
 * by walking up from the working directory to the folder whose {@code pom.xml} is the
 * {@code optbench-parent} project, or failing that the nearest folder holding {@code .git}), else
 * {@code ~/.cache/optbench}.
 *
 * @param root the cache folder (need not exist yet; it is created on the first fetch)
 */
public record DataDirectory(Path root) {

    /** The environment variable that overrides the default cache folder. */
    public static final String ENVIRONMENT_VARIABLE = "OPTBENCH_DATA";

    private static final Pattern PARENT_BLOCK = Pattern.compile("<parent>.*?</parent>", Pattern.DOTALL);

    public DataDirectory {
        if (root == null) {
            throw new IllegalArgumentException("data directory: folder must be given, got null");
        }
        root = root.toAbsolutePath().normalize();
    }

    /** The cache folder for {@code explicitFolder} (may be {@code null}) with this process's environment. */
    public static DataDirectory resolve(Path explicitFolder) {
        return resolve(explicitFolder, System.getenv(), Path.of("").toAbsolutePath(),
                Path.of(System.getProperty("user.home")));
    }

    /** The resolution rule with every input explicit, for tests and embedding. */
    public static DataDirectory resolve(Path explicitFolder, Map<String, String> environment, Path workingDirectory,
            Path home) {
        if (explicitFolder != null) {
            return new DataDirectory(explicitFolder);
        }
        String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return new DataDirectory(Path.of(fromEnvironment.trim()));
        }
        Path repository = findRepositoryRoot(workingDirectory.toAbsolutePath().normalize());
        if (repository != null) {
            return new DataDirectory(repository.resolve("data"));
        }
        return new DataDirectory(home.resolve(".cache").resolve("optbench"));
    }

    /** The folder of one data set inside the cache. */
    public Path folder(ImageDataset dataset) {
        return root.resolve(dataset.id());
    }

    /**
     * The optbench repository root above {@code start}: the nearest folder whose own pom.xml is
     * {@code optbench-parent} (a module's pom only names it as its parent, which does not count), else the
     * nearest folder with {@code .git}; {@code null} if neither exists.
     */
    static Path findRepositoryRoot(Path start) {
        for (Path folder = start; folder != null; folder = folder.getParent()) {
            if (isOptbenchRoot(folder.resolve("pom.xml"))) {
                return folder;
            }
        }
        for (Path folder = start; folder != null; folder = folder.getParent()) {
            if (Files.exists(folder.resolve(".git"))) {
                return folder;
            }
        }
        return null;
    }

    private static boolean isOptbenchRoot(Path pom) {
        if (!Files.isRegularFile(pom)) {
            return false;
        }
        try {
            String text = Files.readString(pom, StandardCharsets.UTF_8);
            return PARENT_BLOCK.matcher(text).replaceAll("").contains("<artifactId>optbench-parent</artifactId>");
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }
}
