package dev.healthbot.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LatencyHistogramTest {

    @ParameterizedTest(name = "{0} ms falls in bucket {1}")
    @CsvSource({"-5, 0", "0, 0", "1, 1", "9, 9", "10, 10", "11, 11", "12, 12", "13, 13"})
    void smallLatenciesHaveABucketPerMillisecond(long ms, int bucket) {
        assertThat(LatencyHistogram.bucket(ms)).isEqualTo(bucket);
    }

    @Test
    void bucketsGrowByAboutTenPercentUpToTenMinutes() {
        long[] lower = LatencyHistogram.LOWER;
        for (int i = 11; i < lower.length; i++) {
            assertThat(lower[i]).isGreaterThan(lower[i - 1]);
            assertThat((double) lower[i] / lower[i - 1]).isLessThanOrEqualTo(1.2);
        }
        assertThat(lower[lower.length - 1]).isGreaterThanOrEqualTo(600_000);
        assertThat(lower.length).isLessThan(150);
    }

    /** 1..1000 ms once each: the true p50 is 500, p95 950, p99 990; a bucket's middle is within 5 %. */
    @ParameterizedTest(name = "p{0} of 1..1000 is {1} within 5 %")
    @CsvSource({"0.50, 500", "0.95, 950", "0.99, 990", "1.0, 1000"})
    void percentilesAreWithinFivePercent(double q, long truth) {
        LatencyHistogram h = new LatencyHistogram();
        LongStream.rangeClosed(1, 1000).forEach(h::record);
        assertThat((double) h.percentile(q)).isCloseTo(truth, org.assertj.core.data.Percentage.withPercentage(5));
    }

    @Test
    void anEmptyHistogramHasNoLatency() {
        assertThat(new LatencyHistogram().percentile(0.5)).isZero();
    }

    @Test
    void mergingEqualsRecordingEverythingInOne() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        LatencyHistogram all = new LatencyHistogram();
        for (long ms = 0; ms < 3000; ms += 7) {
            (ms % 2 == 0 ? a : b).record(ms);
            all.record(ms);
        }
        a.merge(b);
        assertThat(a.encode()).isEqualTo(all.encode());
        assertThat(a.count()).isEqualTo(all.count());
    }

    @Test
    void encodingRoundTripsAndIsSmall() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < 360; i++) {
            h.record(80 + (i % 40));
        }
        h.record(5_000);
        byte[] bytes = h.encode();
        assertThat(bytes.length).isLessThan(40);
        LatencyHistogram back = LatencyHistogram.decode(bytes);
        assertThat(back.count()).isEqualTo(361);
        assertThat(back.percentile(0.99)).isEqualTo(h.percentile(0.99));
        assertThat(back.percentile(1.0)).isEqualTo(h.percentile(1.0));
    }

    @Test
    void bytesItDidNotWriteAreRefused() {
        assertThatThrownBy(() -> LatencyHistogram.decode(new byte[] {(byte) 0xFF}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LatencyHistogram.decode(new byte[] {(byte) 0x7F, 1, (byte) 0x7F, 1}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
