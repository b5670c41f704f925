package org.optbench.harness.models;

/**
 * A model's mean loss and accuracy on a data split.
 *
 * @param loss mean loss per example (without penalties)
 * @param accuracy fraction of correctly classified examples, NaN for regression
 */
public record Evaluation(double loss, double accuracy) {
}
