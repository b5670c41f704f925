package org.optbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.reports.figures.FigureFormat;
import org.optbench.reports.figures.Figures;
import org.optbench.reports.stats.SummaryCsv;

class ReportsTest {
    @TempDir
    Path directory;

    @Test
    void rebuildsSummaryFiguresAndReportOfATrainingRun() throws IOException {
        SyntheticRun.training(directory, SyntheticRun.Shape.standard(7));
        Reports.Report report = Reports.rebuild(directory, EnumSet.of(FigureFormat.PNG));
        List<String> names = report.figures().stream().map(Figures.Figure::name).toList();
        assertEquals(List.of("train-loss", "validation-loss", "validation-accuracy", "test-accuracy", "loss-vs-time",
                "learning-rate", "final-test-accuracy", "time-to-target"), names);
        for (String name : names) {
            BufferedImage image = ImageIO.read(directory.resolve("figures/" + name + ".png").toFile());
            assertEquals(Figures.DEFAULT_WIDTH, image.getWidth(), name);
            assertEquals(Figures.DEFAULT_HEIGHT, image.getHeight(), name);
        }
        assertEquals(3, SummaryCsv.read(directory).size());
        String markdown = Files.readString(directory.resolve(RunFiles.REPORT));
        assertTrue(markdown.startsWith("# synthetic-mnist\n"), markdown);
        assertTrue(markdown.contains("![train-loss](figures/train-loss.png)"), markdown);
        assertTrue(markdown.contains("- **git\\_commit**: `0123abc`"), markdown);
        // a flat map as nested bullets, the nested experiment as JSON
        assertTrue(markdown.contains("\n**experiment**\n\n```json\n"), markdown);
        copyForInspection("training");
    }

    @Test
    void rebuildsTheFiguresOfAnalyticFunctionRuns() throws IOException {
        SyntheticRun.functions(directory, 2);
        Reports.Report report = Reports.rebuild(directory, Set.of(FigureFormat.PNG, FigureFormat.SVG,
                FigureFormat.PDF));
        List<String> names = report.figures().stream().map(Figures.Figure::name).toList();
        assertEquals(List.of("train-loss-rosenbrock_start_-1.5_2.0", "learning-rate-rosenbrock_start_-1.5_2.0",
                "trajectories-rosenbrock_start_-1.5_2.0", "train-loss-quartic_start_-2.795",
                "learning-rate-quartic_start_-2.795", "iterates-quartic_start_-2.795"), names);
        for (String name : names) {
            assertTrue(Files.size(directory.resolve("figures/" + name + ".svg")) > 1000, name);
            byte[] pdf = Files.readAllBytes(directory.resolve("figures/" + name + ".pdf"));
            assertEquals("%PDF", new String(pdf, 0, 4, java.nio.charset.StandardCharsets.US_ASCII), name);
        }
        copyForInspection("functions");
    }

    @Test
    void eachPartOfAnExperimentKeepsItsOwnTarget() throws IOException {
        SyntheticRun.functions(directory, 1);
        Files.writeString(directory.resolve(RunFiles.MANIFEST), """
                {"name": "parts", "target": "train_loss <= -5.6", "experiment": {"parts": [
                  {"dataset": ["quartic(start=[-2.795])"], "target": "train_loss <= -5.6"},
                  {"dataset": ["rosenbrock(start=[-1.5, 2.0])"], "target": "train_loss <= 0.001"}]}}
                """);
        RunData data = RunData.load(directory);
        assertEquals("train_loss <= -5.6", data.targetFor("quartic(start=[-2.795])"));
        assertEquals("train_loss <= 0.001", data.targetFor("rosenbrock(start=[-1.5, 2.0])"));
        assertEquals(null, data.targetFor("beale"));
        String markdown = Files.readString(Reports.rebuild(directory).report());
        assertTrue(markdown.contains("targets `train_loss <= 0.001` on rosenbrock, `train_loss <= -5.6` on quartic"),
                markdown);
    }

    @Test
    void aMalformedManifestIsNamed() throws IOException {
        SyntheticRun.training(directory, SyntheticRun.Shape.standard(1));
        Files.writeString(directory.resolve(RunFiles.MANIFEST), "{\"name\": \n");
        ReportException error = assertThrows(ReportException.class, () -> Reports.rebuild(directory));
        assertTrue(error.getMessage().startsWith(directory.resolve(RunFiles.MANIFEST) + ":"), error.getMessage());
    }

    @Test
    void aDirectoryWithoutRunFilesFailsWithAClearMessage() {
        ReportException error = assertThrows(ReportException.class, () -> Reports.rebuild(directory, Set.of()));
        assertTrue(error.getMessage().contains("no trials.csv"), error.getMessage());
    }

    /** Keeps the last rendering under target/ so a person can look at the figures (not an assertion). */
    private void copyForInspection(String name) throws IOException {
        Path target = Path.of("target", "figure-samples", name);
        Files.createDirectories(target);
        try (var files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = target.resolve(directory.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
