package dev.healthbot.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StatusMachineTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    /**
     * Each row: the starting status, the results ('+' up, '-' down), thresholds N (failures before
     * DOWN) and M (successes before UP), the final status, and the flips recorded, as "FROM>TO".
     */
    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(Status.PENDING, "+", 3, 2, Status.UP, "PENDING>UP"),
                Arguments.of(Status.PENDING, "-", 3, 2, Status.PENDING, ""),
                Arguments.of(Status.PENDING, "--", 3, 2, Status.PENDING, ""),
                Arguments.of(Status.PENDING, "---", 3, 2, Status.DOWN, "PENDING>DOWN"),
                Arguments.of(Status.PENDING, "-", 1, 1, Status.DOWN, "PENDING>DOWN"),
                Arguments.of(Status.PENDING, "--+", 3, 2, Status.UP, "PENDING>UP"),
                Arguments.of(Status.UP, "--", 3, 2, Status.UP, ""),
                Arguments.of(Status.UP, "--+--", 3, 2, Status.UP, ""),
                Arguments.of(Status.UP, "---", 3, 2, Status.DOWN, "UP>DOWN"),
                Arguments.of(Status.UP, "------", 3, 2, Status.DOWN, "UP>DOWN"),
                Arguments.of(Status.DOWN, "+", 3, 2, Status.DOWN, ""),
                Arguments.of(Status.DOWN, "+-+", 3, 2, Status.DOWN, ""),
                Arguments.of(Status.DOWN, "++", 3, 2, Status.UP, "DOWN>UP"),
                Arguments.of(Status.DOWN, "+", 3, 1, Status.UP, "DOWN>UP"),
                Arguments.of(Status.UP, "---++---", 3, 2, Status.DOWN, "UP>DOWN,DOWN>UP,UP>DOWN"),
                Arguments.of(Status.UP, "-", 1, 1, Status.DOWN, "UP>DOWN"),
                Arguments.of(Status.UP, "++++", 10, 10, Status.UP, ""));
    }

    @ParameterizedTest(name = "{0} then {1} with N={2} M={3} ends {4}")
    @MethodSource("table")
    void statusFollowsTheThresholds(Status start, String results, int n, int m, Status end, String flips) {
        MonitorState state = new MonitorState(start, T0, 0, 0, null);
        Thresholds thresholds = new Thresholds(n, m);
        StringBuilder seen = new StringBuilder();
        Instant at = T0;
        for (char c : results.toCharArray()) {
            at = at.plusSeconds(1);
            ProbeResult r = c == '+'
                    ? ProbeResult.up(at, Duration.ofMillis(5), "HTTP 200 OK")
                    : ProbeResult.down(at, Duration.ofMillis(5), FailureKind.HTTP_STATUS, "HTTP 503");
            StatusMachine.Step step = StatusMachine.next(7, state, r, thresholds);
            if (step.flipped()) {
                seen.append(seen.isEmpty() ? "" : ",")
                        .append(step.change().from())
                        .append('>')
                        .append(step.change().to());
                assertThat(step.change().at()).isEqualTo(at);
                assertThat(step.state().since()).isEqualTo(at);
            }
            state = step.state();
        }
        assertThat(state.status()).isEqualTo(end);
        assertThat(seen.toString()).isEqualTo(flips);
    }

    @org.junit.jupiter.api.Test
    void anOutageRecordsItsCauseAndHowManyChecksFailed() {
        MonitorState state = new MonitorState(Status.UP, T0, 0, 0, null);
        StatusMachine.Step step = null;
        for (int i = 1; i <= 2; i++) {
            step = StatusMachine.next(
                    1,
                    state,
                    ProbeResult.down(T0.plusSeconds(i), Duration.ofSeconds(1), FailureKind.TIMEOUT, "read timed out"),
                    new Thresholds(2, 1));
            state = step.state();
        }
        assertThat(step.change().cause()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(step.change().detail()).isEqualTo("read timed out");
        assertThat(step.change().failedChecks()).isEqualTo(2);
        assertThat(step.change().downSince()).isNull();

        StatusMachine.Step back = StatusMachine.next(
                1, state, ProbeResult.up(T0.plusSeconds(60), Duration.ofMillis(3), "ok"), new Thresholds(2, 1));
        assertThat(back.change().isRecovery()).isTrue();
        assertThat(back.change().downSince()).isEqualTo(T0.plusSeconds(2));
    }

    @org.junit.jupiter.api.Test
    void aServerIsUnsettledWhileAVerdictForms() {
        assertThat(new MonitorState(Status.UP, T0, 1, 0, null).unsettled()).isTrue();
        assertThat(new MonitorState(Status.PENDING, T0, 1, 0, null).unsettled()).isTrue();
        assertThat(new MonitorState(Status.DOWN, T0, 0, 1, null).unsettled()).isTrue();
        assertThat(new MonitorState(Status.DOWN, T0, 5, 0, null).unsettled()).isFalse();
        assertThat(new MonitorState(Status.UP, T0, 0, 3, null).unsettled()).isFalse();
    }
}
