package org.optbench.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.harness.trial.Placement;

/** placement.csv keeps one row per committed trial across a crash and a resume, sorted by trial at the end. */
class PlacementCsvTest {

    @Test
    void resumeKeepsCommittedTrialsAndFinishSorts(@TempDir Path run) throws Exception {
        PlacementCsv first = new PlacementCsv(run, Set.of());
        first.write(2, new Placement("b", "1", "Intel(R) Xeon(R), 2 cores", "vector"));
        first.write(0, new Placement("a", "0", "cpu", "plain-java"));
        first.write(5, new Placement("a", "0", "cpu", "vector"));
        first.close(); // killed here: trials 0 and 2 committed to trials.csv, 5 not

        PlacementCsv resumed = new PlacementCsv(run, Set.of(0, 2));
        assertEquals(List.of(PlacementCsv.HEADER, "2,b,1,\"Intel(R) Xeon(R), 2 cores\",vector", "0,a,0,cpu,plain-java"),
                Files.readAllLines(run.resolve("placement.csv")), "trial 5 ran but was not committed: it runs again");
        resumed.write(5, new Placement("c", "3", "cpu", "vector"));
        resumed.write(1, new Placement("c", "3", "cpu", "vector"));
        resumed.finish();
        assertEquals(List.of(PlacementCsv.HEADER, "0,a,0,cpu,plain-java", "1,c,3,cpu,vector",
                "2,b,1,\"Intel(R) Xeon(R), 2 cores\",vector", "5,c,3,cpu,vector"), Files.readAllLines(run.resolve("placement.csv")));
    }

    @Test
    void cellsAreQuotedOnlyWhenNeeded() {
        assertEquals("abc", PlacementCsv.cell("abc"));
        assertEquals("\"a,b\"", PlacementCsv.cell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", PlacementCsv.cell("say \"hi\""));
    }
}
