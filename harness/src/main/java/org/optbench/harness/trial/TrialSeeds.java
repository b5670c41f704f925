package org.optbench.harness.trial;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Where a trial's randomness comes from. Its seed mixes the experiment seed with the trial's identity (its
 * configuration and repeat, never its position in a queue), and its streams are split from that seed in a fixed
 * order, so a trial draws the same numbers alone, in any order, on any number of threads.
 */
public final class TrialSeeds {
    private final SplittableRandom initialization;
    private final SplittableRandom shuffling;
    private final SplittableRandom dropout;
    private final SplittableRandom noise;

    /** The four streams of the trial with this seed. */
    public TrialSeeds(long trialSeed) {
        SplittableRandom root = new SplittableRandom(trialSeed);
        initialization = root.split();
        shuffling = root.split();
        dropout = root.split();
        noise = root.split();
    }

    /**
     * The seed of the trial with this identity, e.g. {@code "sgd(lr=0.1)|constant(unit=step)|[]|mnist|softmax#0"}.
     * A 64-bit FNV-1a hash of the identity, xor the experiment seed, through SplittableRandom's mixing function.
     */
    public static long trialSeed(long experimentSeed, String identity) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : identity.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return new SplittableRandom(new SplittableRandom(hash).nextLong() ^ experimentSeed).nextLong();
    }

    /** Weight initialisation. */
    public SplittableRandom initialization() {
        return initialization;
    }

    /** The order of examples in each epoch. */
    public SplittableRandom shuffling() {
        return shuffling;
    }

    /** Dropout masks. */
    public SplittableRandom dropout() {
        return dropout;
    }

    /** Gradient noise on analytic functions. */
    public SplittableRandom noise() {
        return noise;
    }
}
