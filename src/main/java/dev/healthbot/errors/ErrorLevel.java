package dev.healthbot.errors;

import java.util.Locale;
import java.util.Optional;

/** How bad a reported error is. */
public enum ErrorLevel {
    WARNING,
    ERROR,
    FATAL;

    /**
     * Reads a level as apps send it ({@code error}, {@code warning}/{@code warn}, {@code fatal}/{@code
     * critical}; Sentry's {@code info} and {@code debug} count as warnings); empty for anything else.
     */
    public static Optional<ErrorLevel> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "error", "err" -> Optional.of(ERROR);
            case "warning", "warn", "info", "debug", "log" -> Optional.of(WARNING);
            case "fatal", "critical", "crash" -> Optional.of(FATAL);
            default -> Optional.empty();
        };
    }
}
