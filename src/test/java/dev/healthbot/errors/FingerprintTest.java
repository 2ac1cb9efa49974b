package dev.healthbot.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FingerprintTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "order 123 failed | order <n> failed",
                "user 3f2a9c1e-0b4d-4e5f-8a6b-7c8d9e0f1a2b not found | user <id> not found",
                "bad pointer 0x7ffe12ab | bad pointer <hex>",
                "commit deadbeef42 missing | commit <hex> missing",
                "timeout after 30s | timeout after <n>s",
                "plain words stay | plain words stay",
            })
    void numbersIdsAndHexAreStripped(String message, String normalised) {
        assertThat(Fingerprint.normalise(message)).isEqualTo(normalised);
    }

    private static ErrorReport report(String type, String message, List<ErrorReport.Frame> frames, List<String> fp) {
        return new ErrorReport(
                message,
                type,
                ErrorLevel.ERROR,
                null,
                null,
                null,
                frames,
                null,
                null,
                null,
                null,
                null,
                Map.of(),
                Map.of(),
                fp,
                List.of());
    }

    static final ErrorReport.Frame LIB =
            new ErrorReport.Frame("invoke", "java.lang.reflect.Method", "Method.java", 5, false);
    static final ErrorReport.Frame APP = new ErrorReport.Frame("pay", "shop.Checkout", "Checkout.java", 42, true);
    static final ErrorReport.Frame APP_MOVED = new ErrorReport.Frame("pay", "shop.Checkout", "Checkout.java", 57, true);
    static final ErrorReport.Frame OTHER = new ErrorReport.Frame("refund", "shop.Refunds", "Refunds.java", 9, true);

    @Test
    void sameTypeSameMessageShapeSameInAppFrameGroupTogetherEvenWhenLinesMove() {
        String a = Fingerprint.of(report("IllegalStateException", "order 1 failed", List.of(LIB, APP), List.of()));
        String b =
                Fingerprint.of(report("IllegalStateException", "order 99 failed", List.of(LIB, APP_MOVED), List.of()));
        assertThat(a).isEqualTo(b).hasSize(32);
    }

    @Test
    void aDifferentTypeMessageOrTopInAppFrameIsAnotherGroup() {
        String base = Fingerprint.of(report("IllegalStateException", "order 1 failed", List.of(APP), List.of()));
        assertThat(Fingerprint.of(report("IllegalArgumentException", "order 1 failed", List.of(APP), List.of())))
                .isNotEqualTo(base);
        assertThat(Fingerprint.of(report("IllegalStateException", "order 1 refused", List.of(APP), List.of())))
                .isNotEqualTo(base);
        assertThat(Fingerprint.of(report("IllegalStateException", "order 1 failed", List.of(OTHER), List.of())))
                .isNotEqualTo(base);
    }

    @Test
    void theClientsFingerprintWinsAndDefaultStandsForOurs() {
        String a = Fingerprint.of(report("A", "x 1", List.of(APP), List.of("checkout-timeout")));
        String b = Fingerprint.of(report("B", "y 2", List.of(OTHER), List.of("checkout-timeout")));
        assertThat(a).isEqualTo(b);
        String d1 = Fingerprint.of(report("A", "x 1", List.of(APP), List.of("{{ default }}", "eu")));
        String d2 = Fingerprint.of(report("A", "x 1", List.of(APP), List.of("{{ default }}", "us")));
        assertThat(d1).isNotEqualTo(d2);
    }

    @Test
    void aTextStackGroupsByItsFirstFrameOutsideLibraries() {
        ErrorReport one = new ErrorReport(
                "boom 1",
                "TypeError",
                ErrorLevel.ERROR,
                null,
                null,
                null,
                List.of(),
                "TypeError: boom\n    at f (node_modules/lib/x.js:1:2)\n    at onClick (src/app.js:10:5)",
                null,
                null,
                null,
                null,
                Map.of(),
                Map.of(),
                List.of(),
                List.of());
        ErrorReport two = new ErrorReport(
                "boom 2",
                "TypeError",
                ErrorLevel.ERROR,
                null,
                null,
                null,
                List.of(),
                "TypeError: boom\n    at g (node_modules/lib/y.js:3:4)\n    at onClick (src/app.js:12:9)",
                null,
                null,
                null,
                null,
                Map.of(),
                Map.of(),
                List.of(),
                List.of());
        assertThat(Fingerprint.topFrame(one)).isEqualTo("onClick (src/app.js)");
        assertThat(Fingerprint.of(one)).isEqualTo(Fingerprint.of(two));
    }

    @Test
    void milestonesArePowersOfTenFromTen() {
        assertThat(ErrorGroup.milestoneOf(9)).isZero();
        assertThat(ErrorGroup.milestoneOf(10)).isEqualTo(10);
        assertThat(ErrorGroup.milestoneOf(99)).isEqualTo(10);
        assertThat(ErrorGroup.milestoneOf(1000)).isEqualTo(1000);
    }
}
