package org.optbench.reports.compare;

/** The outcome of one comparison row. */
public enum Verdict {
    /** No change beyond noise and the minimum effect. */
    OK("ok"),
    /** Better by at least the minimum effect, and significantly so where a test applies. */
    IMPROVED("improved"),
    /** Worse by at least the minimum effect, and significantly so where a test applies: fails the build. */
    REGRESSION("REGRESSION"),
    /** Not comparable (no values on one side). */
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
