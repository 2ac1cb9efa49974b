package dev.healthbot.alert;

import dev.healthbot.monitor.Durations;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Reads when a maintenance window ends, as users type it: a duration ({@code 2h}, {@code 90m}), {@code until
 * 18:00} (the next such time in the user's zone), or an ISO date-time ({@code 2026-12-24T08:00}, in the user's
 * zone unless it carries an offset). Pure.
 */
public final class WindowEnd {

    private WindowEnd() {}

    /**
     * The end, after {@code now}; throws {@link IllegalArgumentException} with a message for the user.
     *
     * @param words the time words: {@code 2h}, or {@code until 18:00}, or one ISO date-time
     */
    public static Instant parse(String words, Instant now, ZoneId zone) {
        String t = words == null ? "" : words.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("until ")) {
            String time = t.substring(6).strip();
            try {
                LocalTime at = LocalTime.parse(time.length() == 4 ? "0" + time : time);
                ZonedDateTime local = now.atZone(zone);
                ZonedDateTime end = local.with(at);
                if (!end.toInstant().isAfter(now)) {
                    end = end.plusDays(1);
                }
                return end.toInstant();
            } catch (DateTimeParseException e) {
                // an ISO date-time after "until" is read below
                return iso(time, now, zone);
            }
        }
        if (t.matches("\\d{1,9}\\s*(ms|s|m|h|d)?")) {
            Duration d = Durations.parse(t);
            if (d.compareTo(Duration.ofMinutes(1)) < 0) {
                throw new IllegalArgumentException("a window lasts at least 1m");
            }
            return now.plus(d);
        }
        return iso(t, now, zone);
    }

    private static Instant iso(String t, Instant now, ZoneId zone) {
        Instant end;
        try {
            end = OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeException e) {
            try {
                end = LocalDateTime.parse(t).atZone(zone).toInstant();
            } catch (DateTimeException e2) {
                throw new IllegalArgumentException("the end looks like 2h, until 18:00 or 2026-12-24T08:00, not " + t);
            }
        }
        if (!end.isAfter(now)) {
            throw new IllegalArgumentException("the window must end in the future");
        }
        return end;
    }
}
