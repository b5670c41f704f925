package org.optbench.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BatchPlanTest {

    @Test
    void keepPolicyHasAShortLastBatch() {
        BatchPlan plan = new BatchPlan(10, 3, LastBatchPolicy.KEEP);

        // 10 = 3 + 3 + 3 + 1
        assertEquals(4, plan.batchesPerEpoch());
        assertEquals(9, plan.from(3));
        assertEquals(10, plan.to(3));
        assertEquals(1, plan.size(3));
        assertEquals(3, plan.from(1));
        assertEquals(6, plan.to(1));
    }

    @Test
    void dropPolicyDropsTheShortBatch() {
        BatchPlan plan = new BatchPlan(10, 3, LastBatchPolicy.DROP);

        assertEquals(3, plan.batchesPerEpoch());
        assertEquals(9, plan.to(2));
        assertEquals("batch: batch index must be in [0, 2], got 3",
                assertThrows(IllegalArgumentException.class, () -> plan.from(3)).getMessage());
    }

    @Test
    void fullBatchAndSingleSample() {
        BatchPlan full = BatchPlan.fullBatch(7);
        BatchPlan single = new BatchPlan(7, 1, LastBatchPolicy.DROP);

        assertEquals(1, full.batchesPerEpoch());
        assertTrue(full.isFullBatch());
        assertEquals(7, full.size(0));
        assertEquals(7, single.batchesPerEpoch());
        assertFalse(single.isFullBatch());
    }

    @Test
    void batchLargerThanTheDataIsAClearError() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new BatchPlan(100, 128, LastBatchPolicy.KEEP));

        assertEquals("batch: batch size must be in [1, 100] (the number of training examples; 100 is full-batch gradient "
                + "descent), got 128", error.getMessage());
        assertEquals("batch: batch size must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new BatchPlan(100, 0, LastBatchPolicy.KEEP)).getMessage());
    }

    @Test
    void permutationIsAPermutationDeterministicPerSeedAndFreshEachEpoch() {
        BatchPlan plan = new BatchPlan(1000, 32, LastBatchPolicy.KEEP);
        SplittableRandom stream = new SplittableRandom(42);
        int[] epoch0 = plan.permutation(stream);
        int[] epoch1 = plan.permutation(stream);
        SplittableRandom replay = new SplittableRandom(42);
        int[] replay0 = new int[1000];
        plan.shuffle(replay0, replay);
        int[] replay1 = replay0.clone();
        plan.shuffle(replay1, replay);
        int[] otherSeed = plan.permutation(new SplittableRandom(43));

        int[] sorted = epoch0.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, sorted[i]);
        }
        assertArrayEquals(epoch0, replay0);
        assertArrayEquals(epoch1, replay1, "shuffle restarts from the identity, so it matches permutation()");
        assertFalse(Arrays.equals(epoch0, epoch1));
        assertFalse(Arrays.equals(epoch0, otherSeed));
    }

    @Test
    void smallPermutationFollowsTheDocumentedFisherYates() {
        // Hand-run of the documented rule on 3 elements with the draws j2 = nextInt(3), j1 = nextInt(2).
        SplittableRandom draws = new SplittableRandom(5);
        int j2 = draws.nextInt(3);
        int j1 = draws.nextInt(2);
        int[] expected = {0, 1, 2};
        int swap = expected[2];
        expected[2] = expected[j2];
        expected[j2] = swap;
        swap = expected[1];
        expected[1] = expected[j1];
        expected[j1] = swap;

        assertArrayEquals(expected, BatchPlan.permutation(3, new SplittableRandom(5)));
    }

    @Test
    void gatherCopiesTheBatchRowsInOrder() {
        float[] features = {0, 0.5f, 1, 1.5f, 2, 2.5f, 3, 3.5f};
        DataSplit split = new DataSplit("train", 4, 2, features, new int[] {7, 8, 9, 6}, 0, null);
        BatchPlan plan = new BatchPlan(4, 3, LastBatchPolicy.KEEP);
        int[] order = {2, 0, 3, 1};
        float[] batchFeatures = new float[6];
        int[] batchLabels = new int[3];

        assertEquals(3, plan.gatherFeatures(split, order, 0, batchFeatures));
        assertEquals(3, plan.gatherLabels(split, order, 0, batchLabels));
        assertArrayEquals(new float[] {2, 2.5f, 0, 0.5f, 3, 3.5f}, batchFeatures);
        assertArrayEquals(new int[] {9, 7, 6}, batchLabels);
        assertEquals(1, plan.gatherLabels(split, order, 1, batchLabels));
        assertEquals(8, batchLabels[0]);

        DataSplit regression = new DataSplit("train", 4, 2, features, null, 1, new float[] {10, 11, 12, 13});
        float[] batchTargets = new float[3];
        assertEquals(3, plan.gatherTargets(regression, order, 0, batchTargets));
        assertArrayEquals(new float[] {12, 10, 13}, batchTargets);
    }
}
