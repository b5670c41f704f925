package org.optbench.datasets;

/** What happens to the last, short batch of an epoch when the batch size does not divide the example count. */
public enum LastBatchPolicy {
    /** Keep it: every example is used once per epoch, the last batch has {@code examples mod batchSize} examples. */
    KEEP,
    /** Drop it: every batch has exactly {@code batchSize} examples; the dropped ones differ from epoch to epoch. */
    DROP
}
