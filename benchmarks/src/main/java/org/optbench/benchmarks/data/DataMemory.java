package org.optbench.benchmarks.data;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.optbench.datasets.BatchPlan;
import org.optbench.datasets.DataDirectory;
import org.optbench.datasets.DataSplit;
import org.optbench.datasets.Dataset;
import org.optbench.datasets.ImageDataset;
import org.optbench.datasets.ImageDatasets;
import org.optbench.datasets.ImageLoadOptions;
import org.optbench.datasets.LastBatchPolicy;
import org.optbench.datasets.Standardization;

/**
 * The heap MNIST takes in one JVM that runs trials on two option sets: loads MNIST with two different training
 * subsets (and, with {@code standardize=global|per-pixel}, that standardization), reads one training batch and
 * the whole test split through each as a model does, and prints the heap in use after a full GC before and
 * after, from {@link MemoryMXBean}. Uses only the public loading API, so the same class measures an older build
 * ({@code java -cp <this class>:<old optbench.jar>}). Run: {@code benchmarks/data-memory.sh}.
 *
 * <p>Arguments: {@code [standardize=none] [hold=0]}; {@code hold} keeps the JVM alive that many seconds after the
 * figure (for {@code jcmd <pid> GC.class_histogram}). The second line gives each load's time: the first reads and
 * checks the files, the second only builds its view (split, statistics) over the cached bytes.
 */
public final class DataMemory {

    private DataMemory() {
    }

    public static void main(String[] args) throws InterruptedException {
        Standardization standardization = Standardization.NONE;
        long hold = 0;
        for (String argument : args) {
            if (argument.startsWith("standardize=")) {
                standardization = Standardization.byId(argument.substring("standardize=".length()));
            } else if (argument.startsWith("hold=")) {
                hold = Long.parseLong(argument.substring("hold=".length()));
            } else {
                System.err.println("data-memory: unknown argument '" + argument + "'; use standardize=none|global|per-pixel hold=SECONDS");
                System.exit(2);
            }
        }
        DataDirectory directory = DataDirectory.resolve(null);
        long before = heapAfterGc();
        List<Dataset> held = new ArrayList<>();
        StringBuilder loads = new StringBuilder();
        for (int subset : new int[] {10_000, 20_000}) {
            long start = System.nanoTime();
            Dataset data = ImageDatasets.load(ImageDataset.MNIST, ImageLoadOptions.defaults().withTrainSize(subset)
                    .withValidation(6_000).withStandardization(standardization).withSplitSeed(subset), directory);
            loads.append(String.format(Locale.ROOT, " %.1f", (System.nanoTime() - start) / 1e6));
            read(data);
            held.add(data);
        }
        long after = heapAfterGc();
        System.out.printf(Locale.ROOT, "MNIST, two option sets (subsets 10000 and 20000, validation 6000, standardize %s): "
                + "heap after GC %.1f MB before loading, %.1f MB after; data %.1f MB%n", standardization.id(),
                before / 1e6, after / 1e6, (after - before) / 1e6);
        System.out.println("load ms (the first reads the files):" + loads);
        System.out.println("pid " + ProcessHandle.current().pid());
        Thread.sleep(hold * 1000);
        // Keeps both data sets reachable until here.
        System.out.println(held.size() + " data sets held");
    }

    /**
     * Reads a batch of 64 training rows and every test row in chunks of 1,000, as a trial's first update and
     * evaluation do, through {@link BatchPlan#gatherFeatures} (public in old builds too).
     */
    private static void read(Dataset data) {
        DataSplit train = data.train();
        float[] rows = new float[1000 * train.featureCount()];
        BatchPlan batches = new BatchPlan(train.count(), 64, LastBatchPolicy.KEEP);
        batches.gatherFeatures(train, batches.permutation(new SplittableRandom(1)), 0, rows);
        DataSplit test = data.test();
        BatchPlan chunks = new BatchPlan(test.count(), 1000, LastBatchPolicy.KEEP);
        int[] identity = new int[test.count()];
        Arrays.setAll(identity, i -> i);
        for (int chunk = 0; chunk < chunks.batchesPerEpoch(); chunk++) {
            chunks.gatherFeatures(test, identity, chunk, rows);
        }
    }

    private static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        // A few rounds: a single System.gc() may leave some garbage to a later cycle.
        for (int round = 0; round < 4; round++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
