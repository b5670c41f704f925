package org.optbench.harness.trial;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Where a trial's randomness comes from: two seeds, both written to {@code trials.csv}, derived by the versioned
 * function below ({@link #DERIVATION_VERSION}, recorded in the manifest).
 *
 * <ul>
 *   <li>The <b>data seed</b> decides which draw of the data a trial sees: the synthetic set generated, the validation
 *       hold-out and the training subset. {@code dataSeed = mix(experiment data seed, "data|" + data set)}.</li>
 *   <li>The <b>trial seed</b> decides everything random inside training: initial weights, batch order, dropout masks
 *       and gradient noise. In the default <em>paired</em> design it is
 *       {@code mix(experiment seed, "trial|" + data set + "|" + model + "|repeat=" + repeat)} (or
 *       {@code "|seed"} with the repeat's own seed when the experiment lists {@code seeds}), so every optimizer,
 *       schedule and regularizer set of the same data set, model and repeat starts from the same weights and sees the
 *       same batches, masks and noise (common random numbers), and adding a parameter to an optimizer changes no
 *       seed. In the {@code independent} design the whole configuration enters the mix instead.</li>
 *   <li>In a tuned experiment (docs/harness.md, "Tuning"), tuning trials use the trial seeds above. The
 *       <b>final trial seed</b> of a selected configuration is {@code mix(experiment seed, "final|" + data set + "|"
 *       + model + "|repeat=" + repeat)} (independent design: {@code "final|repeat=" + repeat} as the repeat key), a
 *       key no tuning trial uses, so the final phase never reruns a tuning seed. The <b>search seed</b> of an
 *       optimizer's sampled configurations is {@code mix(experiment seed, "search|" + method + "|" + optimizer)}.</li>
 * </ul>
 *
 * <p>{@code mix(seed, key)} is the 64-bit FNV-1a hash of the key's UTF-8 bytes, put through SplittableRandom's
 * output function, xor the seed, through that function again. The trial's streams are split from the trial seed in a
 * fixed order; dropout and gradient noise are keyed by the update number ({@link #dropoutAt}, {@link #noiseAt}), so
 * a rule that evaluates its gradient twice in one update cannot shift the masks or noise of later updates.
 */
public final class TrialSeeds {
    /** The version of the derivation; change it with any change of a formula above, since seeds then change. */
    public static final int DERIVATION_VERSION = 2;

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private final SplittableRandom initialization;
    private final SplittableRandom shuffling;
    private final long dropoutBase;
    private final long noiseBase;

    /** The streams of the trial with this seed. */
    public TrialSeeds(long trialSeed) {
        SplittableRandom root = new SplittableRandom(trialSeed);
        initialization = root.split();
        shuffling = root.split();
        dropoutBase = root.split().nextLong();
        noiseBase = root.split().nextLong();
    }

    /** The data seed of one data set (or analytic function, where it is unused) in a run. */
    public static long dataSeed(long experimentDataSeed, String dataset) {
        return mix(experimentDataSeed, "data|" + dataset);
    }

    /** The paired trial seed of a repeat: shared by every configuration of the same data set and model. */
    public static long pairedTrialSeed(long experimentSeed, String dataset, String model, int repeat) {
        return mix(experimentSeed, "trial|" + dataset + "|" + model + "|repeat=" + repeat);
    }

    /** The paired trial seed when the experiment lists its seeds: {@code seed} is the repeat's own. */
    public static long pairedTrialSeed(long seed, String dataset, String model) {
        return mix(seed, "trial|" + dataset + "|" + model + "|seed");
    }

    /** The independent design's trial seed: {@code identity} is the whole configuration ({@link Trial#identity()}). */
    public static long independentTrialSeed(long seed, String identity, String repeatKey) {
        return mix(seed, "independent|" + identity + "|" + repeatKey);
    }

    /** The paired seed of final-phase repeat {@code repeat} of a tuned experiment; never a tuning trial's key. */
    public static long finalTrialSeed(long experimentSeed, String dataset, String model, int repeat) {
        return mix(experimentSeed, "final|" + dataset + "|" + model + "|repeat=" + repeat);
    }

    /** The independent design's final-phase seed: {@code identity} is the whole configuration. */
    public static long independentFinalTrialSeed(long experimentSeed, String identity, int repeat) {
        return independentTrialSeed(experimentSeed, identity, "final|repeat=" + repeat);
    }

    /** The seed of the random numbers (random search) or the scramble (Halton) of one optimizer's search. */
    public static long searchSeed(long experimentSeed, String method, String optimizer) {
        return mix(experimentSeed, "search|" + method + "|" + optimizer);
    }

    static long mix(long seed, String key) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return mix64(mix64(hash) ^ seed);
    }

    /** SplittableRandom's output function (Stafford's variant 13 of MurmurHash3's finalizer). */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Weight initialisation. */
    public SplittableRandom initialization() {
        return initialization;
    }

    /** The order of examples in each epoch. */
    public SplittableRandom shuffling() {
        return shuffling;
    }

    /** Dropout masks of update {@code step} (0-based): the same stream whatever happened in earlier updates. */
    public SplittableRandom dropoutAt(long step) {
        return new SplittableRandom(mix64(dropoutBase + step * GOLDEN_GAMMA));
    }

    /** Gradient noise of update {@code step} (0-based) on an analytic function. */
    public SplittableRandom noiseAt(long step) {
        return new SplittableRandom(mix64(noiseBase + step * GOLDEN_GAMMA));
    }
}
