package dev.healthbot.monitor;

import static dev.healthbot.monitor.MonitorRepositoryContract.T0;
import static dev.healthbot.monitor.MonitorRepositoryContract.settings;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link StatusRepository}, run against every implementation (the in-memory double
 * and SQLite) by a subclass that provides a fresh, empty pair of repositories per test.
 */
public abstract class StatusRepositoryContract {

    /** A fresh, empty monitor repository; the same instance within one test. */
    protected abstract MonitorRepository monitors();

    /** The status repository over {@link #monitors()}; the same instance within one test. */
    protected abstract StatusRepository status();

    /** Results at millisecond precision (what a store keeps). */
    public static ProbeResult up(Instant at) {
        return ProbeResult.up(at, Duration.ofMillis(42), "HTTP 200 OK");
    }

    public static ProbeResult down(Instant at) {
        return ProbeResult.down(at, Duration.ofMillis(3001), FailureKind.TIMEOUT, "read timed out after 3 s");
    }

    private Monitor add(String name, Instant at) {
        return monitors().add(settings(name), Origin.SLACK, "U1", at);
    }

    @Test
    void aNewServerIsPendingSinceItWasAdded() {
        Monitor api = add("api", T0);

        assertThat(status().state(api.id())).contains(MonitorState.pending(T0));
        assertThat(status().recentResults(api.id(), 10)).isEmpty();
        assertThat(status().state(api.id() + 1000)).isEmpty();
    }

    @Test
    void aResultWithoutAFlipSavesTheResultAndStateAndNoChange() {
        Monitor api = add("api", T0);
        ProbeResult down = down(T0.plusSeconds(1));
        StatusMachine.Step step = StatusMachine.next(api.id(), MonitorState.pending(T0), down, Thresholds.DEFAULT);
        assertThat(step.flipped()).isFalse();

        StatusChange saved = status().record(api.id(), down, step.state(), step.change());

        assertThat(saved).isNull();
        assertThat(status().state(api.id())).contains(new MonitorState(Status.PENDING, T0, 1, 0, down));
        assertThat(status().recentResults(api.id(), 10)).containsExactly(down);
    }

    @Test
    void recordAsyncMakesTheStateCurrentAtOnceAndCompletesWithTheSavedChange() throws Exception {
        Monitor api = add("api", T0);
        ProbeResult down = down(T0.plusSeconds(1));
        StatusMachine.Step step = StatusMachine.next(api.id(), MonitorState.pending(T0), down, new Thresholds(1, 1));
        assertThat(step.flipped()).isTrue();

        var future = status().recordAsync(api.id(), down, step.state(), step.change());

        assertThat(status().state(api.id())).contains(step.state());
        StatusChange saved = future.get(10, TimeUnit.SECONDS);
        assertThat(saved).isEqualTo(step.change().withId(saved.id()));
        assertThat(saved.id()).isPositive();
        assertThat(status().recentResults(api.id(), 10)).containsExactly(down);
        // An ordinary result completes at once, with no change.
        ProbeResult again = down(T0.plusSeconds(2));
        StatusMachine.Step next = StatusMachine.next(api.id(), step.state(), again, new Thresholds(1, 1));
        assertThat(status().recordAsync(api.id(), again, next.state(), next.change()))
                .isCompletedWithValue(null);
        assertThat(status().recentResults(api.id(), 10)).containsExactly(again, down);
    }

    @Test
    void flipsAreRecordedWithRisingIdsAndResultsReadNewestFirst() {
        Monitor api = add("api", T0);
        MonitorState state = MonitorState.pending(T0);
        List<StatusChange> saved = new ArrayList<>();
        // PENDING -> DOWN after three failures, then DOWN -> UP after two successes.
        for (int i = 1; i <= 5; i++) {
            ProbeResult r = i <= 3 ? down(T0.plusSeconds(i)) : up(T0.plusSeconds(i));
            StatusMachine.Step step = StatusMachine.next(api.id(), state, r, Thresholds.DEFAULT);
            StatusChange change = status().record(api.id(), r, step.state(), step.change());
            if (change != null) {
                saved.add(change);
            }
            state = step.state();
        }

        assertThat(saved).hasSize(2);
        assertThat(saved.get(0).id()).isPositive();
        assertThat(saved.get(0).isOutage()).isTrue();
        assertThat(saved.get(0).failedChecks()).isEqualTo(3);
        assertThat(saved.get(1).id()).isGreaterThan(saved.get(0).id());
        assertThat(saved.get(1).isRecovery()).isTrue();
        assertThat(saved.get(1).downSince()).isEqualTo(T0.plusSeconds(3));
        assertThat(status().state(api.id())).contains(state);
        assertThat(status().recentResults(api.id(), 2)).containsExactly(up(T0.plusSeconds(5)), up(T0.plusSeconds(4)));
    }

    @Test
    void resultsArePrunedToTheNewestKept() {
        Monitor api = add("api", T0);
        Monitor web = add("web", T0);
        int n = StatusRepository.KEPT_RESULTS + 50;
        for (int i = 0; i < n; i++) {
            ProbeResult r = up(T0.plusMillis(i));
            status().record(api.id(), r, new MonitorState(Status.UP, T0, 0, i + 1, r), null);
        }
        ProbeResult other = up(T0);
        status().record(web.id(), other, new MonitorState(Status.UP, T0, 0, 1, other), null);

        List<ProbeResult> kept = status().recentResults(api.id(), 1000);

        assertThat(kept).hasSize(StatusRepository.KEPT_RESULTS);
        assertThat(kept.get(0).at()).isEqualTo(T0.plusMillis(n - 1));
        assertThat(kept.get(kept.size() - 1).at()).isEqualTo(T0.plusMillis(n - StatusRepository.KEPT_RESULTS));
        assertThat(status().recentResults(web.id(), 1000)).containsExactly(other);
    }

    @Test
    void recordingForARemovedServerDoesNothingAndReturnsNull() {
        Monitor api = add("api", T0);
        monitors().remove(api.id(), "U1", T0);
        ProbeResult down = down(T0.plusSeconds(1));
        StatusChange change =
                new StatusChange(0, api.id(), Status.PENDING, Status.DOWN, down.at(), down.failure(), "x", 3, null);

        StatusChange saved =
                status().record(api.id(), down, new MonitorState(Status.DOWN, down.at(), 3, 0, down), change);

        assertThat(saved).isNull();
        assertThat(status().state(api.id())).isEmpty();
        assertThat(status().recentResults(api.id(), 10)).isEmpty();
        assertThat(status().allStates()).isEmpty();
    }

    @Test
    void allStatesReadsEveryServersState() {
        Monitor api = add("api", T0);
        Monitor web = add("web", T0.plusSeconds(1));
        ProbeResult up = up(T0.plusSeconds(2));
        MonitorState apiState = new MonitorState(Status.UP, up.at(), 0, 1, up);
        status().record(api.id(), up, apiState, null);

        Map<Long, MonitorState> all = status().allStates();

        assertThat(all)
                .containsOnly(
                        Map.entry(api.id(), apiState), Map.entry(web.id(), MonitorState.pending(T0.plusSeconds(1))));
    }
}
