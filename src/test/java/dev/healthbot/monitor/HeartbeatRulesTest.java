package dev.healthbot.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The pure deadline and status rules of a heartbeat, from tables. */
class HeartbeatRulesTest {

    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    static final MonitorSettings HOURLY = MonitorSettings.heartbeat(
            "backup",
            Environment.LIVE,
            Duration.ofHours(1),
            Duration.ofMinutes(5),
            MonitorSettings.HEARTBEAT_THRESHOLDS,
            true);
    static final PingKey KEY = new PingKey("abcdefghijklmnopqrstuvwx");

    static HeartbeatRecord record(Instant lastPing, Instant lastStart) {
        return new HeartbeatRecord(1, KEY, T, lastPing, lastStart, null, null, null, null);
    }

    static MonitorState state(Status s) {
        return new MonitorState(s, T, 0, 0, null);
    }

    static Stream<Arguments> pings() {
        return Stream.of(
                // status before, ping, status after, next deadline (minutes after now; null = none)
                Arguments.of(Status.PENDING, new Ping("k", Ping.Kind.SUCCESS, null), Status.UP, 65L),
                Arguments.of(Status.PENDING, new Ping("k", Ping.Kind.EXIT, 0), Status.UP, 65L),
                Arguments.of(Status.PENDING, new Ping("k", Ping.Kind.START, null), Status.PENDING, 5L),
                Arguments.of(Status.PENDING, new Ping("k", Ping.Kind.FAIL, null), Status.DOWN, null),
                Arguments.of(Status.UP, new Ping("k", Ping.Kind.SUCCESS, null), Status.UP, 65L),
                Arguments.of(Status.UP, new Ping("k", Ping.Kind.FAIL, null), Status.DOWN, null),
                Arguments.of(Status.UP, new Ping("k", Ping.Kind.EXIT, 2), Status.DOWN, null),
                Arguments.of(Status.UP, new Ping("k", Ping.Kind.START, null), Status.UP, 5L),
                Arguments.of(Status.DOWN, new Ping("k", Ping.Kind.SUCCESS, null), Status.UP, 65L),
                Arguments.of(Status.DOWN, new Ping("k", Ping.Kind.EXIT, 0), Status.UP, 65L),
                Arguments.of(Status.DOWN, new Ping("k", Ping.Kind.FAIL, null), Status.DOWN, null),
                Arguments.of(Status.DOWN, new Ping("k", Ping.Kind.START, null), Status.DOWN, 5L));
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}, deadline +{3}m")
    @MethodSource("pings")
    void aPingMovesTheStatusAndTheDeadline(Status before, Ping ping, Status after, Long deadlineMinutes) {
        Instant now = T.plusSeconds(3600);
        HeartbeatRules.Outcome o = HeartbeatRules.ping(1, record(T, null), state(before), HOURLY, ping, "", now);
        Status got = o.step() == null ? before : o.step().state().status();
        assertThat(got).isEqualTo(after);
        assertThat(o.record().nextDeadline())
                .isEqualTo(deadlineMinutes == null ? null : now.plus(Duration.ofMinutes(deadlineMinutes)));
        if (ping.kind() == Ping.Kind.START) {
            assertThat(o.result()).isNull();
            assertThat(o.record().lastStartAt()).isEqualTo(now);
            assertThat(o.record().lastPingAt()).isEqualTo(T);
        } else {
            assertThat(o.record().lastPingAt()).isEqualTo(now);
            assertThat(o.record().lastStartAt()).isNull();
        }
    }

    static Stream<Arguments> deadlines() {
        return Stream.of(
                // last ping (min after T), last start, status -> deadline (min after T; null = none)
                Arguments.of(null, null, Status.PENDING, null),
                Arguments.of(null, 10L, Status.PENDING, 15L),
                Arguments.of(0L, null, Status.UP, 65L),
                Arguments.of(0L, 30L, Status.UP, 35L),
                Arguments.of(0L, null, Status.DOWN, null),
                Arguments.of(0L, 30L, Status.DOWN, 35L));
    }

    @ParameterizedTest(name = "ping {0} start {1} {2} -> {3}")
    @MethodSource("deadlines")
    void theDeadlineFollowsFromTheRecordAndTheStatus(Long ping, Long start, Status s, Long expected) {
        HeartbeatRecord r = record(at(ping), at(start));
        assertThat(HeartbeatRules.deadline(r, state(s), HOURLY)).isEqualTo(at(expected));
    }

    private static Instant at(Long minutes) {
        return minutes == null ? null : T.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void aMissedDeadlineIsDownAtTheDeadlineAndThenSilenceIsNoNews() {
        Instant deadline = T.plus(Duration.ofMinutes(65));
        HeartbeatRules.Outcome o = HeartbeatRules.missed(1, record(T, null), state(Status.UP), HOURLY, deadline);
        assertThat(o.step().state().status()).isEqualTo(Status.DOWN);
        assertThat(o.step().change().to()).isEqualTo(Status.DOWN);
        assertThat(o.result().at()).isEqualTo(deadline);
        assertThat(o.result().failure()).isEqualTo(FailureKind.MISSED);
        assertThat(o.result().detail()).contains("no ping for 1h 5m");
        assertThat(o.record().nextDeadline()).isNull();
    }

    @Test
    void withTwoFailuresBeforeDownAMissCountsOnceAndTheNextDeadlineIsAPeriodLater() {
        MonitorSettings lenient = MonitorSettings.heartbeat(
                "b", Environment.DEV, Duration.ofHours(1), Duration.ofMinutes(5), new Thresholds(2, 1), true);
        Instant deadline = T.plus(Duration.ofMinutes(65));
        HeartbeatRules.Outcome o = HeartbeatRules.missed(1, record(T, null), state(Status.UP), lenient, deadline);
        assertThat(o.step().state().status()).isEqualTo(Status.UP);
        assertThat(o.record().nextDeadline()).isEqualTo(deadline.plus(Duration.ofHours(1)));
        HeartbeatRules.Outcome second = HeartbeatRules.missed(
                1, o.record(), o.step().state(), lenient, o.record().nextDeadline());
        assertThat(second.step().state().status()).isEqualTo(Status.DOWN);
    }

    @Test
    void aStartedRunNotFinishedWithinTheGraceIsNamedAsSuch() {
        Instant start = T.plus(Duration.ofMinutes(30));
        HeartbeatRules.Outcome o =
                HeartbeatRules.missed(1, record(T, start), state(Status.UP), HOURLY, start.plus(Duration.ofMinutes(5)));
        assertThat(o.result().detail()).contains("did not finish within the grace of 5m");
        assertThat(o.record().lastStartAt()).isNull();
    }

    @Test
    void aSuccessAfterAStartKnowsTheRunsDurationAndAFailureQuotesTheBodysTail() {
        Instant start = T.plus(Duration.ofMinutes(30));
        HeartbeatRules.Outcome ok = HeartbeatRules.ping(
                1,
                record(T, start),
                state(Status.UP),
                HOURLY,
                new Ping("k", Ping.Kind.SUCCESS, null),
                "",
                start.plusSeconds(125));
        assertThat(ok.record().lastDuration()).isEqualTo(Duration.ofSeconds(125));
        assertThat(ok.result().detail()).isEqualTo("run took 2m 5s");

        String log = "line\n".repeat(500) + "ERROR: disk full";
        HeartbeatRules.Outcome failed = HeartbeatRules.ping(
                1, record(T, null), state(Status.UP), HOURLY, new Ping("k", Ping.Kind.EXIT, 4), log, T.plusSeconds(60));
        assertThat(failed.result().detail())
                .startsWith("the job exited with code 4: …")
                .endsWith("ERROR: disk full");
        assertThat(failed.result().detail().length()).isLessThanOrEqualTo(ProbeResult.MAX_DETAIL);
        assertThat(failed.record().lastBody()).isEqualTo(log);
        assertThat(failed.record().lastExitCode()).isEqualTo(4);
    }

    @Test
    void aBodyAbove10KiBIsCutOnACharacterBoundary() {
        String body = "é".repeat(8000); // 16,000 bytes of UTF-8
        String kept = HeartbeatRules.cut(body);
        assertThat(kept.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(HeartbeatRecord.MAX_BODY);
        assertThat(kept).endsWith("(cut)").startsWith("éé");
        assertThat(HeartbeatRules.cut("short")).isEqualTo("short");
    }
}
