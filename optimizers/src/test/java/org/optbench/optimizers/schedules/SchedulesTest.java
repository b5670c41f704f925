package org.optbench.optimizers.schedules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/**
 * Every schedule's formula at several k, checked against numbers worked out by hand in the comments. The
 * tolerance 1e-15 (relative to rates of order 0.1) allows only the last-bit rounding of double arithmetic.
 */
class SchedulesTest {

    private static final double EXACT = 1e-15;

    @Test
    void constant() {
        Schedule schedule = new ConstantRate(0.1);
        assertEquals(0.1, schedule.rate(0), EXACT);
        assertEquals(0.1, schedule.rate(1_000_000), EXACT);
    }

    @Test
    void stepDecay() {
        // η_k = 0.1 · 0.5^⌊k/3⌋: k = 0..2 → 0.1, 3..5 → 0.05, 6 → 0.025, 30 → 0.1/1024
        Schedule schedule = new StepDecay(0.1, 0.5, 3);
        assertEquals(0.1, schedule.rate(0), EXACT);
        assertEquals(0.1, schedule.rate(2), EXACT);
        assertEquals(0.05, schedule.rate(3), EXACT);
        assertEquals(0.05, schedule.rate(5), EXACT);
        assertEquals(0.025, schedule.rate(6), EXACT);
        assertEquals(0.1 / 1024, schedule.rate(30), EXACT);
    }

    @Test
    void piecewise() {
        // base 0.1 before 10; 0.05 on [10, 20); 0.01 from 20 on
        Schedule schedule = new Piecewise(0.1, new long[] {10, 20}, new double[] {0.05, 0.01});
        assertEquals(0.1, schedule.rate(0), EXACT);
        assertEquals(0.1, schedule.rate(9), EXACT);
        assertEquals(0.05, schedule.rate(10), EXACT);
        assertEquals(0.05, schedule.rate(19), EXACT);
        assertEquals(0.01, schedule.rate(20), EXACT);
        assertEquals(0.01, schedule.rate(1_000_000), EXACT);
        // a boundary at 0 replaces the base rate from the start
        assertEquals(0.2, new Piecewise(0.1, new long[] {0}, new double[] {0.2}).rate(0), EXACT);
    }

    @Test
    void piecewiseIsAValue() {
        long[] boundaries = {10, 20};
        double[] values = {0.05, 0.01};
        Piecewise schedule = new Piecewise(0.1, boundaries, values);
        boundaries[0] = 15;
        values[0] = 1;
        schedule.boundaries()[1] = 99;
        assertArrayEquals(new long[] {10, 20}, schedule.boundaries());
        assertArrayEquals(new double[] {0.05, 0.01}, schedule.values());
        Piecewise same = new Piecewise(0.1, new long[] {10, 20}, new double[] {0.05, 0.01});
        assertEquals(same, schedule);
        assertEquals(same.hashCode(), schedule.hashCode());
        assertNotEquals(new Piecewise(0.1, new long[] {10, 21}, new double[] {0.05, 0.01}), schedule);
        assertEquals("Piecewise[baseRate=0.1, boundaries=[10, 20], values=[0.05, 0.01]]", schedule.toString());
    }

    @Test
    void exponentialDecay() {
        // η_k = 0.1 · e^(−0.01 k)
        Schedule schedule = new ExponentialDecay(0.1, 0.01);
        assertEquals(0.1, schedule.rate(0), EXACT);
        assertEquals(0.1 / Math.E, schedule.rate(100), EXACT);
        assertEquals(0.1 / (Math.E * Math.E), schedule.rate(200), EXACT);
    }

    @Test
    void inverseTimeDecay() {
        // η_k = 0.1 / (1 + 0.5 k): 0.1, 0.0666…, 0.05, 0.1/6 at k = 10
        Schedule schedule = new InverseTimeDecay(0.1, 0.5);
        assertEquals(0.1, schedule.rate(0), EXACT);
        assertEquals(0.1 / 1.5, schedule.rate(1), EXACT);
        assertEquals(0.05, schedule.rate(2), EXACT);
        assertEquals(0.1 / 6, schedule.rate(10), EXACT);
    }

    @Test
    void robbinsMonro() {
        // η_k = 0.3 / (k + 1)
        Schedule schedule = new RobbinsMonro(0.3);
        assertEquals(0.3, schedule.rate(0), EXACT);
        assertEquals(0.15, schedule.rate(1), EXACT);
        assertEquals(0.1, schedule.rate(2), EXACT);
        assertEquals(0.3e-3, schedule.rate(999), EXACT);
    }

    @Test
    void linearDecay() {
        // τ = 10, η_0 = 0.1, η_τ = 0.01: η_k = 0.1 − 0.009 k for k ≤ 10, then 0.01
        Schedule schedule = new LinearDecay(0.1, 10, 0.01);
        assertEquals(0.1, schedule.rate(0), EXACT);
        assertEquals(0.091, schedule.rate(1), EXACT);
        assertEquals(0.055, schedule.rate(5), EXACT);
        assertEquals(0.01, schedule.rate(10), EXACT);
        assertEquals(0.01, schedule.rate(11), EXACT);
        assertEquals(0.01, schedule.rate(1_000_000), EXACT);
    }

    @Test
    void cosineDecay() {
        // τ = 100, η_0 = 0.1, η_τ = 0: cos(π k/100) → 0.1 at 0, 0.05 at 50, 0.1·(1 + cos(π/4))/2 at 25, 0 at 100
        Schedule schedule = new CosineDecay(0.1, 100, 0);
        assertEquals(0.1, schedule.rate(0), EXACT);
        assertEquals(0.05, schedule.rate(50), EXACT);
        assertEquals(0.05 * (1 + Math.sqrt(0.5)), schedule.rate(25), EXACT);
        assertEquals(0, schedule.rate(100), EXACT);
        assertEquals(0, schedule.rate(200), EXACT);
    }

    @Test
    void linearWarmup() {
        // w = 4 in front of a constant 0.1: 0.1·1/5, 0.1·2/5, …, 0.1·4/5, then 0.1; in front of robbins-monro
        // the wrapped schedule starts its own count at update w
        Schedule schedule = new LinearWarmup(4, new ConstantRate(0.1));
        assertEquals(0.02, schedule.rate(0), EXACT);
        assertEquals(0.08, schedule.rate(3), EXACT);
        assertEquals(0.1, schedule.rate(4), EXACT);
        Schedule decaying = new LinearWarmup(4, new RobbinsMonro(0.1));
        assertEquals(0.1, decaying.rate(4), EXACT);
        assertEquals(0.05, decaying.rate(5), EXACT);
    }

    @Test
    void oneCycleFollowsPyTorchsOneCycleLr() {
        // T = 10, η_max = 1, pct 0.3, div 25, final_div 1e4: PyTorch's phase ends are pct·T − 1 = 2 and T − 1 = 9;
        // start 1/25 = 0.04, final 0.04/1e4 = 4e-6; anneal(a, b, t) = b + (a − b)(1 + cos πt)/2.
        Schedule schedule = new OneCycle(1.0, 10, 0.3, 25, 1e4);
        assertEquals(0.04, schedule.rate(0), EXACT);
        assertEquals(1 + (0.04 - 1) / 2, schedule.rate(1), EXACT);
        assertEquals(1.0, schedule.rate(2), EXACT);
        assertEquals(4e-6 + (1 - 4e-6) / 2 * (1 + Math.cos(Math.PI / 7)), schedule.rate(3), EXACT);
        assertEquals(4e-6 + (1 - 4e-6) / 2 * (1 + Math.cos(Math.PI * 6 / 7)), schedule.rate(8), EXACT);
        assertEquals(4e-6, schedule.rate(9), EXACT);
        assertEquals(4e-6, schedule.rate(50), EXACT);
    }

    @Test
    void runLengthInEpochsRoundsUp() {
        // 25 updates at 10 per epoch are 3 epochs (the last one partial); unit=step keeps the updates
        assertEquals(new RunLength(3, 1), new RunLength(25, 10).in(ScheduleUnit.EPOCH));
        assertEquals(new RunLength(25, 10), new RunLength(25, 10).in(ScheduleUnit.STEP));
    }

    @Test
    void epochUnitReadsTheScheduleOncePerEpoch() {
        // 100 updates per epoch: updates 0..99 are epoch 0, 100..199 epoch 1, 250 is epoch 2
        Schedule perUpdate = new StepDecay(0.1, 0.5, 1).perUpdate(ScheduleUnit.EPOCH, 100);
        assertEquals(0.1, perUpdate.rate(0), EXACT);
        assertEquals(0.1, perUpdate.rate(99), EXACT);
        assertEquals(0.05, perUpdate.rate(100), EXACT);
        assertEquals(0.025, perUpdate.rate(250), EXACT);
        Schedule robbinsMonro = new RobbinsMonro(0.3).perUpdate(ScheduleUnit.EPOCH, 10);
        assertEquals(0.3, robbinsMonro.rate(9), EXACT);
        assertEquals(0.1, robbinsMonro.rate(25), EXACT);
        Schedule linear = new LinearDecay(0.1, 10, 0.01).perUpdate(ScheduleUnit.EPOCH, 7);
        assertEquals(0.055, linear.rate(35), EXACT);
        // unit=step is the schedule itself
        Schedule step = new InverseTimeDecay(0.1, 0.5);
        assertEquals(step.rate(2), step.perUpdate(ScheduleUnit.STEP, 100).rate(2), EXACT);
    }

    @Test
    void resumingGivesTheSameRate() {
        // a pure function of k: evaluating in any order gives the same values
        Schedule schedule = new Piecewise(0.1, new long[] {3, 7}, new double[] {0.05, 0.02});
        double later = schedule.rate(8);
        double earlier = schedule.rate(2);
        assertEquals(0.02, later, EXACT);
        assertEquals(0.1, earlier, EXACT);
        assertEquals(later, schedule.rate(8), EXACT);
    }
}
