package dev.healthbot.monitor;

import java.util.ArrayList;
import java.util.List;

/** A set of expected HTTP status codes written like {@code 200-299,301}; immutable. */
public record StatusCodes(List<Range> ranges) {

    /** Success only: redirects are followed to their end (until 2026 the default was 200-399). */
    public static final StatusCodes DEFAULT = new StatusCodes(List.of(new Range(200, 299)));

    /** An inclusive range of status codes. */
    public record Range(int from, int to) {
        public Range {
            if (from < 100 || to > 599 || from > to) {
                throw new IllegalArgumentException("status codes must be 100 to 599, low-high");
            }
        }

        @Override
        public String toString() {
            return from == to ? Integer.toString(from) : from + "-" + to;
        }
    }

    public StatusCodes {
        ranges = List.copyOf(ranges);
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("at least one status code is needed");
        }
    }

    /** Parses {@code 200-299,301}; throws {@link IllegalArgumentException} with a readable reason. */
    public static StatusCodes parse(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        if (text.length() > 200) {
            throw new IllegalArgumentException("expected status codes: too long");
        }
        List<Range> ranges = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            try {
                int dash = p.indexOf('-');
                if (dash < 0) {
                    int code = Integer.parseInt(p);
                    ranges.add(new Range(code, code));
                } else {
                    ranges.add(new Range(
                            Integer.parseInt(p.substring(0, dash).strip()),
                            Integer.parseInt(p.substring(dash + 1).strip())));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected status codes look like 200-299,301");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("expected status codes: " + e.getMessage());
            }
        }
        return new StatusCodes(ranges);
    }

    public boolean matches(int code) {
        for (Range r : ranges) {
            if (code >= r.from() && code <= r.to()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return String.join(",", ranges.stream().map(Range::toString).toList());
    }
}
