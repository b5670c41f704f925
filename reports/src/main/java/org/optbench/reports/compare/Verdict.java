package org.optbench.reports.compare;

/** The outcome of one comparison row. */
public enum Verdict {
    /** No change beyond noise and the minimum effect. */
    OK("ok"),
    /** Better by at least the minimum effect, and significantly so where a test applies. */
    IMPROVED("improved"),
    /** A primary metric worse by at least the minimum effect and significantly so, or more failed trials: exit 1. */
    REGRESSION("REGRESSION"),
    /** Trials or a configuration of the baseline are missing from the candidate: exit 1 unless allowed. */
    MISSING("MISSING"),
    /** Slower beyond the time ratio, significantly so: exit 4, or a warning only (see {@link TimeMode}). */
    TIME_REGRESSION("time-regression"),
    /** The data cannot decide: too few seeds for a test, or a time test that cannot reach the level. */
    INCONCLUSIVE("inconclusive"),
    /** A metric reported with its difference and interval but not tested (not the primary metric). */
    REPORTED("reported"),
    /** Not comparable (no values on one side), or a gap allowed by {@code --allow-missing}. */
    NOT_TESTED("n/a");

    private final String text;

    Verdict(String text) {
        this.text = text;
    }

    /** As printed in the table. */
    public String text() {
        return text;
    }
}
