package org.optbench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.harness.testing.Cli;

/**
 * {@code compare --markdown} into a place it cannot write names the file asked for and the reason, not the
 * temporary file it writes first (on main: "cannot write X: /dir/.compare.md123.tmp").
 */
class CompareMarkdownTest {
    @TempDir
    Path folder;
    Path baseline;
    Path candidate;

    @BeforeEach
    void twoRuns() throws IOException {
        Path file = folder.resolve("quick.yaml");
        Files.writeString(file, "dataset: rosenbrock\noptimizer: sgd(lr=0.001)\nsteps: 20\nrepeats: 2\n");
        baseline = folder.resolve("baseline");
        candidate = folder.resolve("candidate");
        for (Path out : new Path[] {baseline, candidate}) {
            Cli.Result result = Cli.run("run", file.toString(), "--out", out.toString(), "--no-report");
            assertEquals(0, result.code(), result.err());
        }
    }

    private String refused(Path markdown) {
        Cli.Result result = Cli.run("compare", baseline.toString(), candidate.toString(), "--markdown", markdown.toString());
        assertEquals(2, result.code(), result.err() + result.out());
        String message = result.err().strip();
        assertFalse(message.contains("\n") || message.contains(".tmp"), message);
        return message;
    }

    @Test
    void aFileInPlaceOfTheFolderIsNamed() throws IOException {
        Path notAFolder = Files.writeString(folder.resolve("notes.txt"), "x");
        String message = refused(notAFolder.resolve("compare.md"));
        assertEquals("optbench: compare: cannot write " + notAFolder.resolve("compare.md") + ": " + notAFolder
                + " is a file, not a folder", message);
    }

    @Test
    void aFolderAsTheTargetIsNamed() {
        String message = refused(candidate);
        assertEquals("optbench: compare: cannot write " + candidate + ": it is a folder; give a file name", message);
    }

    @Test
    void aReadOnlyFolderGivesPermissionDenied() throws IOException {
        Path readOnly = Files.createDirectories(folder.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        // Root writes into any folder whatever its permissions: the case only exists for other users.
        Assumptions.assumeFalse(Files.isWritable(readOnly), "running as root");
        String message = refused(readOnly.resolve("compare.md"));
        assertTrue(message.contains("(permission denied in " + readOnly.toAbsolutePath() + ")"), message);
    }
}
