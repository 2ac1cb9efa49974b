package dev.healthbot.history;

/** One day of a server as a status page colours it. */
public enum DaySquare {
    /** Not watched that day (not yet added, or all maintenance). */
    NONE,
    /** No downtime. */
    GREEN,
    /** Some downtime, uptime at least {@link #YELLOW_FROM} percent. */
    YELLOW,
    /** Uptime below {@link #YELLOW_FROM} percent. */
    RED;

    /** The uptime from which a day with downtime is yellow rather than red. */
    public static final double YELLOW_FROM = 99.0;

    /** The colour of a day with this uptime. */
    public static DaySquare of(Uptime day) {
        if (day.noData()) {
            return NONE;
        }
        if (day.down().isZero()) {
            return GREEN;
        }
        return day.percent() >= YELLOW_FROM ? YELLOW : RED;
    }
}
