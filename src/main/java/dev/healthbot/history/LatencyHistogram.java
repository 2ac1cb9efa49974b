package dev.healthbot.history;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Latencies counted in fixed buckets (one per millisecond below 10 ms, then each about 10 % wider
 * than the one before, up to 10 minutes), so that percentiles cost a fixed amount of memory and two
 * histograms merge exactly. A percentile is the middle of its bucket, so it is within about 5 % of
 * the true value. Mutable and not thread-safe: one owner at a time.
 */
public final class LatencyHistogram {

    /** The lower bound of each bucket in milliseconds; the last bucket is open above. */
    static final long[] LOWER = lowerBounds();

    private final int[] counts = new int[LOWER.length];
    private long total;

    private static long[] lowerBounds() {
        long[] out = new long[200];
        int n = 0;
        for (long ms = 0; ms <= 10; ms++) {
            out[n++] = ms;
        }
        double x = 10;
        while (out[n - 1] < 600_000) {
            x *= 1.1;
            out[n] = Math.max(out[n - 1] + 1, Math.round(x));
            n++;
        }
        return Arrays.copyOf(out, n);
    }

    /** The bucket a latency falls in. */
    static int bucket(long ms) {
        if (ms <= 0) {
            return 0;
        }
        int i = Arrays.binarySearch(LOWER, ms);
        return i >= 0 ? i : -i - 2;
    }

    /** Counts one latency (negative counts as zero). */
    public void record(long ms) {
        counts[bucket(ms)]++;
        total++;
    }

    /** Adds every count of {@code other} to this one. */
    public void merge(LatencyHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
    }

    public long count() {
        return total;
    }

    /**
     * The latency at quantile {@code q} (0 < q <= 1) by nearest rank, as the middle of its bucket;
     * 0 when empty.
     */
    public long percentile(double q) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return middle(i);
            }
        }
        return middle(counts.length - 1);
    }

    private static long middle(int i) {
        if (i + 1 >= LOWER.length) {
            return LOWER[i];
        }
        return LOWER[i] + (LOWER[i + 1] - LOWER[i] - 1) / 2;
    }

    /** The counts as bytes: pairs of (bucket gap, count) as unsigned varints, only non-empty buckets. */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        int last = -1;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                varint(out, i - last);
                varint(out, counts[i]);
                last = i;
            }
        }
        return out.toByteArray();
    }

    /** The histogram {@link #encode()} wrote; throws {@link IllegalArgumentException} on bytes it did not write. */
    public static LatencyHistogram decode(byte[] bytes) {
        LatencyHistogram h = new LatencyHistogram();
        int[] at = {0};
        int bucket = -1;
        while (at[0] < bytes.length) {
            bucket += (int) readVarint(bytes, at);
            long count = readVarint(bytes, at);
            if (bucket < 0 || bucket >= h.counts.length || count > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("not a latency histogram");
            }
            h.counts[bucket] += (int) count;
            h.total += count;
        }
        return h;
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static long readVarint(byte[] b, int[] at) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at[0] >= b.length) {
                throw new IllegalArgumentException("not a latency histogram");
            }
            byte x = b[at[0]++];
            v |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                return v;
            }
        }
        throw new IllegalArgumentException("not a latency histogram");
    }
}
