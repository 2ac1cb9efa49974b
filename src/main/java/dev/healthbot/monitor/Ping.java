package dev.healthbot.monitor;

import java.util.Optional;

/**
 * One ping of a heartbeat as its path says it: {@code <key>} success, {@code <key>/fail},
 * {@code <key>/start}, {@code <key>/<exit code>}; immutable.
 *
 * @param exitCode the exit code of an {@link Kind#EXIT} ping, otherwise null
 */
public record Ping(String key, Kind kind, Integer exitCode) {

    /** What a ping says. */
    public enum Kind {
        /** The job ran and succeeded. */
        SUCCESS,
        /** The job failed. */
        FAIL,
        /** A run began; its success is expected within the grace. */
        START,
        /** The job ended with an exit code: 0 a success, any other a failure. */
        EXIT
    }

    /** The largest exit code accepted (a shell's codes are 0 to 255; Windows' are wider). */
    public static final int MAX_EXIT = 1_000_000;

    /** True when this ping reports a success. */
    public boolean success() {
        return kind == Kind.SUCCESS || (kind == Kind.EXIT && exitCode == 0);
    }

    /** True when this ping reports a failure. */
    public boolean failure() {
        return kind == Kind.FAIL || (kind == Kind.EXIT && exitCode != 0);
    }

    /**
     * Parses what follows {@code /ping/}; empty when it is not a ping path (more segments, an unknown
     * word, a negative or too large exit code). The key is not checked here.
     */
    public static Optional<Ping> parse(String rest) {
        if (rest == null || rest.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = rest.split("/", -1);
        String key = parts[0];
        if (key.isEmpty() || parts.length > 2) {
            return Optional.empty();
        }
        if (parts.length == 1 || parts[1].isEmpty()) {
            return Optional.of(new Ping(key, Kind.SUCCESS, null));
        }
        String what = parts[1];
        if (what.equals("fail")) {
            return Optional.of(new Ping(key, Kind.FAIL, null));
        }
        if (what.equals("start")) {
            return Optional.of(new Ping(key, Kind.START, null));
        }
        if (what.length() <= 7 && what.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int code = Integer.parseInt(what);
            return code <= MAX_EXIT ? Optional.of(new Ping(key, Kind.EXIT, code)) : Optional.empty();
        }
        return Optional.empty();
    }
}
