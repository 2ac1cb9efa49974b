package dev.healthbot.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A half-open interval of time {@code [from, to)}; immutable. Static helpers work on lists of them. */
public record Span(Instant from, Instant to) {

    public Span {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("a span ends after it starts");
        }
    }

    public Duration length() {
        return Duration.between(from, to);
    }

    /** This span cut to {@code within}; null when they do not overlap. */
    public Span clip(Span within) {
        Instant f = from.isAfter(within.from) ? from : within.from;
        Instant t = to.isBefore(within.to) ? to : within.to;
        return t.isAfter(f) ? new Span(f, t) : null;
    }

    /** The spans sorted and merged where they overlap or touch. */
    public static List<Span> union(List<Span> spans) {
        List<Span> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparing(Span::from));
        List<Span> out = new ArrayList<>();
        for (Span s : sorted) {
            if (!out.isEmpty() && !s.from.isAfter(out.get(out.size() - 1).to)) {
                Span last = out.remove(out.size() - 1);
                out.add(new Span(last.from, s.to.isAfter(last.to) ? s.to : last.to));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    /** What of {@code spans} lies outside {@code holes}; both lists merged first. */
    public static List<Span> minus(List<Span> spans, List<Span> holes) {
        List<Span> out = new ArrayList<>();
        List<Span> h = union(holes);
        for (Span s : union(spans)) {
            Instant cursor = s.from;
            for (Span hole : h) {
                if (!hole.to.isAfter(cursor) || !hole.from.isBefore(s.to)) {
                    continue;
                }
                if (hole.from.isAfter(cursor)) {
                    out.add(new Span(cursor, hole.from));
                }
                cursor = hole.to.isAfter(cursor) ? hole.to : cursor;
            }
            if (s.to.isAfter(cursor)) {
                out.add(new Span(cursor, s.to));
            }
        }
        return out;
    }

    /** The total length of the spans once merged. */
    public static Duration total(List<Span> spans) {
        Duration d = Duration.ZERO;
        for (Span s : union(spans)) {
            d = d.plus(s.length());
        }
        return d;
    }
}
