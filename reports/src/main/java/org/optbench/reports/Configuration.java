package org.optbench.reports;

import java.io.Serializable;

/**
 * What a trial compares: its components, each written in the component syntax with every parameter resolved
 * (e.g. {@code adam(lr=0.001, beta1=0.9, beta2=0.999, eps=1e-08, eps_inside=false)}). Trials that differ only
 * in seed and repeat share a configuration; statistics are taken over them.
 *
 * @param regularizers the regularizer set, e.g. {@code [l2(lambda=0.0001), dropout(p=0.5)]}, or {@code []}
 */
public record Configuration(String optimizer, String schedule, String regularizers, String dataset, String model) implements Serializable {
}
