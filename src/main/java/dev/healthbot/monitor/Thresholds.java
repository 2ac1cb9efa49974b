package dev.healthbot.monitor;

/** How many consecutive failures make a server DOWN and how many successes make it UP again. */
public record Thresholds(int failuresBeforeDown, int successesBeforeUp) {

    public static final Thresholds DEFAULT = new Thresholds(3, 2);

    public Thresholds {
        if (failuresBeforeDown < 1 || failuresBeforeDown > 10) {
            throw new IllegalArgumentException("failures before DOWN must be 1 to 10");
        }
        if (successesBeforeUp < 1 || successesBeforeUp > 10) {
            throw new IllegalArgumentException("successes before UP must be 1 to 10");
        }
    }
}
