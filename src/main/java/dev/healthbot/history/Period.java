package dev.healthbot.history;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** The periods {@code /health history} shows, with the rollup grain each reads and its row of day squares. */
public enum Period {
    H24("24h", Duration.ofHours(24), Grain.HOUR, 0),
    D7("7d", Duration.ofDays(7), Grain.HOUR, 0),
    D30("30d", Duration.ofDays(30), Grain.DAY, 30),
    D90("90d", Duration.ofDays(90), Grain.DAY, 90);

    private final String label;
    private final Duration length;
    private final Grain grain;
    private final int squares;

    Period(String label, Duration length, Grain grain, int squares) {
        this.label = label;
        this.length = length;
        this.grain = grain;
        this.squares = squares;
    }

    public String label() {
        return label;
    }

    public Duration length() {
        return length;
    }

    public Grain grain() {
        return grain;
    }

    /** How many day squares its answer shows (0: none). */
    public int squares() {
        return squares;
    }

    /** The period a user typed ({@code 24h}, {@code 7d}, {@code 30d}, {@code 90d}, any case). */
    public static Optional<Period> parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (Period p : values()) {
            if (p.label.equals(t)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
