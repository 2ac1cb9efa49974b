package dev.healthbot.alert;

import dev.healthbot.monitor.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * When a channel is reminded of an outage nobody acknowledged: after each step (counted from when the server went
 * down), then once a day after the last step, at most {@link #MAX} reminders. Pure and immutable.
 *
 * @param steps empty when reminders are off
 * @param broadcast reminders of LIVE servers are also shown in the channel ({@code reply_broadcast})
 */
public record ReminderSchedule(List<Duration> steps, boolean broadcast) {

    public static final int MAX = 10;
    public static final ReminderSchedule DEFAULT =
            new ReminderSchedule(List.of(Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(8)), false);
    public static final ReminderSchedule OFF = new ReminderSchedule(List.of(), false);
    /** Mentions come back in reminders only once the outage is this old and still unacknowledged. */
    public static final Duration MENTION_AFTER = Duration.ofMinutes(30);

    public ReminderSchedule {
        steps = List.copyOf(steps);
    }

    public boolean off() {
        return steps.isEmpty();
    }

    /** When the {@code n}-th reminder (1-based) is due, counted from the start of the outage; empty past the cap. */
    public Optional<Duration> at(int n) {
        if (off() || n < 1 || n > MAX) {
            return Optional.empty();
        }
        if (n <= steps.size()) {
            return Optional.of(steps.get(n - 1));
        }
        Duration last = steps.get(steps.size() - 1);
        Duration firstDaily = last.compareTo(Duration.ofDays(1)) < 0 ? Duration.ofDays(1) : last.plusDays(1);
        return Optional.of(firstDaily.plusDays(n - steps.size() - 1));
    }

    /** How many reminders are due after being down for {@code downFor}: the number of the latest one due, or 0. */
    public int dueCount(Duration downFor) {
        int n = 0;
        for (int i = 1; i <= MAX; i++) {
            Optional<Duration> at = at(i);
            if (at.isEmpty() || at.get().compareTo(downFor) > 0) {
                break;
            }
            n = i;
        }
        return n;
    }

    /**
     * Reads {@code off} or steps such as {@code 30m,2h,8h}, optionally followed by {@code broadcast}. Throws
     * {@link IllegalArgumentException} with a message for the user.
     */
    public static ReminderSchedule parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("off")) {
            return OFF;
        }
        boolean broadcast = false;
        if (t.endsWith("broadcast")) {
            broadcast = true;
            t = t.substring(0, t.length() - "broadcast".length()).strip();
            if (t.endsWith(";")) {
                t = t.substring(0, t.length() - 1).strip();
            }
        }
        if (t.isEmpty() || t.equals("default")) {
            return new ReminderSchedule(DEFAULT.steps(), broadcast);
        }
        List<Duration> steps = new ArrayList<>();
        for (String part : t.split("[,\\s]+")) {
            Duration d;
            try {
                d = Durations.parse(part);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "reminder steps look like 30m,2h,8h; " + part + " is not a duration");
            }
            if (d.compareTo(Duration.ofMinutes(5)) < 0 || d.compareTo(Duration.ofDays(7)) > 0) {
                throw new IllegalArgumentException("each reminder step must be between 5m and 7d");
            }
            if (!steps.isEmpty() && d.compareTo(steps.get(steps.size() - 1)) <= 0) {
                throw new IllegalArgumentException("reminder steps must grow, like 30m,2h,8h");
            }
            steps.add(d);
        }
        if (steps.size() > MAX) {
            throw new IllegalArgumentException("at most " + MAX + " reminder steps");
        }
        return new ReminderSchedule(steps, broadcast);
    }

    /** The stored and shown form, which {@link #parse} reads back. */
    public String format() {
        if (off()) {
            return "off";
        }
        return String.join(",", steps.stream().map(Durations::format).toList()) + (broadcast ? ";broadcast" : "");
    }
}
