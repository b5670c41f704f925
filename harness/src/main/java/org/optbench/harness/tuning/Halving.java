package org.optbench.harness.tuning;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Rung-synchronous successive halving of the tuning trials (docs/harness.md, "Successive halving"): every
 * configuration first trains for {@code minEpochs} epochs (rung 0); at each rung k the best ⌈n_k / η⌉ of a
 * group's n_k configurations go on to rung k + 1, trained again from the start for more epochs, the others stop.
 * Rung k lasts r_k = min(minEpochs · η^k, E) epochs, E the part's {@code epochs}; the rung of E is the top rung,
 * the only one the selection reads. A group left with one configuration goes straight to the top rung, since
 * no rung in between could stop it.
 *
 * @param minEpochs r_0, the epochs of rung 0, at least 1 and below every part's {@code epochs}
 * @param eta η, the reduction factor, at least 2
 */
public record Halving(int minEpochs, int eta) implements Serializable {

    public Halving {
        if (minEpochs < 1) {
            throw new IllegalArgumentException("min_epochs must be >= 1, got " + minEpochs);
        }
        if (eta < 2) {
            throw new IllegalArgumentException("eta must be >= 2, got " + eta);
        }
    }

    /** The epochs of each rung for a part of {@code epochs} epochs: r_0 < r_1 < ... < r_K = epochs. */
    public List<Integer> rungs(int epochs) {
        if (minEpochs >= epochs) {
            throw new IllegalArgumentException("min_epochs " + minEpochs + " must be below epochs " + epochs);
        }
        List<Integer> rungs = new ArrayList<>();
        for (long length = minEpochs; length < epochs; length *= eta) {
            rungs.add((int) length);
        }
        rungs.add(epochs);
        return rungs;
    }

    /** How many of {@code configurations} configurations go on from a rung: ⌈n / η⌉. */
    public int kept(int configurations) {
        return (configurations + eta - 1) / eta;
    }

    /**
     * The number of configurations of a group that run each rung it runs, the last entry being the top rung's:
     * n_0 = {@code configurations}, n_(k+1) = ⌈n_k / η⌉, until the top rung or until one configuration is left
     * (which then runs the top rung next).
     */
    public List<Integer> sizes(int configurations, int epochs) {
        int top = rungs(epochs).size() - 1;
        List<Integer> sizes = new ArrayList<>();
        int n = configurations;
        for (int rung = 0; rung < top && n > 1; rung++) {
            sizes.add(n);
            n = kept(n);
        }
        sizes.add(n);
        return sizes;
    }

    /** The block as recorded in the manifest. */
    public java.util.Map<String, Object> describe() {
        java.util.Map<String, Object> description = new java.util.LinkedHashMap<>();
        description.put("min_epochs", minEpochs);
        description.put("eta", eta);
        return description;
    }
}
