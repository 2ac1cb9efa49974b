package dev.healthbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.alert.DeliveryException;
import dev.healthbot.alert.DispatchPolicy;
import dev.healthbot.alert.MutableClock;
import dev.healthbot.alert.PostRef;
import dev.healthbot.alert.Selector;
import dev.healthbot.errors.ErrorActions;
import dev.healthbot.errors.ErrorDispatcher;
import dev.healthbot.errors.ErrorGroup;
import dev.healthbot.errors.ErrorIntake;
import dev.healthbot.errors.ErrorNotifier;
import dev.healthbot.errors.ErrorReport;
import dev.healthbot.errors.ErrorSource;
import dev.healthbot.errors.ErrorSources;
import dev.healthbot.errors.ErrorView;
import dev.healthbot.monitor.Environment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Error groups and their outbox on a real SQLite file: counting, episodes, posts, edits, milestones, failures. */
class ErrorOutboxTest {

    @RegisterExtension
    final SqliteStore store = new SqliteStore();

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    final MutableClock clock = new MutableClock(T0);
    final RecordingErrorNotifier slack = new RecordingErrorNotifier();
    JdbiErrorRepository repo;
    ErrorIntake intake;
    ErrorDispatcher dispatcher;
    ErrorActions actions;
    ErrorSource checkout;

    /** Records every call; each call may be made to fail by queueing a failure first. */
    static final class RecordingErrorNotifier implements ErrorNotifier {
        record Call(String op, String channel, String threadTs, ErrorView view, long milestone) {}

        final List<Call> calls = new ArrayList<>();
        final Deque<DeliveryException> failures = new ArrayDeque<>();
        int ts = 1000;

        private void maybeFail() throws DeliveryException {
            if (!failures.isEmpty()) {
                throw failures.poll();
            }
        }

        @Override
        public PostRef post(String channel, ErrorView view) throws DeliveryException {
            maybeFail();
            String t = (ts++) + ".000100";
            calls.add(new Call("post", channel, t, view, 0));
            return new PostRef(channel, t);
        }

        @Override
        public void details(PostRef post, ErrorView view) throws DeliveryException {
            maybeFail();
            calls.add(new Call("details", post.channel(), post.ts(), view, 0));
        }

        @Override
        public void milestone(PostRef post, ErrorView view, long milestone) throws DeliveryException {
            maybeFail();
            calls.add(new Call("milestone", post.channel(), post.ts(), view, milestone));
        }

        @Override
        public void update(PostRef post, ErrorView view) throws DeliveryException {
            maybeFail();
            calls.add(new Call("update", post.channel(), post.ts(), view, 0));
        }

        List<Call> of(String op) {
            return calls.stream().filter(c -> c.op().equals(op)).toList();
        }
    }

    @BeforeEach
    void wire() {
        repo = new JdbiErrorRepository(store.db());
        ErrorSources sources = new ErrorSources(repo, clock);
        checkout = ((ErrorSources.Result.Saved) sources.add("checkout", "LIVE", "U1")).source();
        sources.add("batch", "DEV", "U1");
        store.subscriptions.subscribe("CALL", Set.of(Selector.everything()), "U1", T0);
        store.subscriptions.subscribe("CDEV", Set.of(Selector.env(Environment.DEV)), "U1", T0);
        store.subscriptions.subscribe("CSRC", Set.of(Selector.errorSource(checkout.id())), "U1", T0);
        intake = new ErrorIntake(repo, repo, store.subscriptions, clock, Duration.ofHours(24), () -> {});
        DispatchPolicy policy = new DispatchPolicy(
                Duration.ofHours(24), Duration.ofSeconds(1), Duration.ofMinutes(5), 0, Duration.ofSeconds(1), 100);
        dispatcher = new ErrorDispatcher(repo, repo, slack, clock, policy);
        actions = new ErrorActions(repo, repo, clock, () -> {});
    }

    private long report(String message) {
        return ((ErrorIntake.Outcome.Accepted)
                        intake.accept(checkout.key(), Optional.empty(), ErrorReport.of("PaymentError", message)))
                .groupId();
    }

    /** Runs the dispatcher, stepping the clock past each channel's pacing, until nothing is owed now. */
    private void drain() {
        for (int i = 0; i < 50; i++) {
            Duration next = dispatcher.deliverDue();
            if (next.compareTo(Duration.ofSeconds(1)) > 0) {
                return;
            }
            clock.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void aNewGroupPostsOnceInEachHearingChannelThenItsDetailsInTheThread() {
        report("order 1 failed");
        assertThat(intake.accept("0".repeat(32), Optional.empty(), ErrorReport.of("X", "y")))
                .isInstanceOf(ErrorIntake.Outcome.UnknownKey.class);
        assertThat(intake.accept(checkout.key(), Optional.of(checkout.id() + 1), ErrorReport.of("X", "y")))
                .isInstanceOf(ErrorIntake.Outcome.UnknownKey.class);
        drain();
        assertThat(slack.of("post"))
                .extracting(RecordingErrorNotifier.Call::channel)
                .containsExactlyInAnyOrder("CALL", "CSRC");
        assertThat(slack.of("details")).hasSize(2);
        assertThat(slack.of("update")).isEmpty();
    }

    @Test
    void moreOfTheSameCountsEditsAtMostEveryTenSecondsAndMarksTheTenthInTheThread() {
        long group = report("order 1 failed");
        drain();
        for (int i = 2; i <= 12; i++) {
            assertThat(report("order " + i + " failed")).isEqualTo(group);
        }
        drain();
        assertThat(slack.of("post")).hasSize(2);
        assertThat(slack.of("milestone"))
                .extracting(RecordingErrorNotifier.Call::milestone)
                .containsOnly(10L);
        assertThat(slack.of("milestone")).hasSize(2);
        // The counter waits for the edit gap after the post.
        assertThat(slack.of("update")).isEmpty();
        clock.advance(ErrorDispatcher.EDIT_GAP);
        drain();
        List<RecordingErrorNotifier.Call> updates = slack.of("update");
        assertThat(updates).hasSize(2);
        assertThat(updates.get(0).view().group().episodeCount()).isEqualTo(12);
        // Another report within 10 s of the edit waits for the gap.
        report("order 13 failed");
        dispatcher.deliverDue();
        assertThat(slack.of("update")).hasSize(2);
        clock.advance(ErrorDispatcher.EDIT_GAP);
        drain();
        assertThat(slack.of("update")).hasSize(4);
        assertThat(repo.group(group).orElseThrow().count()).isEqualTo(13);
    }

    @Test
    void aReportAfterResolveIsARegressionPostLinkingTheOldOne() {
        long group = report("order 1 failed");
        drain();
        actions.resolve(group, "U2");
        drain();
        assertThat(slack.of("update"))
                .allSatisfy(u -> assertThat(u.view().group().resolvedBy()).isEqualTo("U2"));
        assertThat(slack.of("update")).hasSize(2);
        report("order 2 failed");
        drain();
        List<RecordingErrorNotifier.Call> posts = slack.of("post");
        assertThat(posts).hasSize(4);
        ErrorView regression = posts.get(3).view();
        assertThat(regression.group().reason()).isEqualTo(ErrorGroup.Reason.REGRESSION);
        assertThat(regression.group().episodeCount()).isEqualTo(1);
        assertThat(regression.group().count()).isEqualTo(2);
        assertThat(regression.previous()).isNotNull();
        assertThat(regression.previous().channel()).isEqualTo(posts.get(3).channel());
    }

    @Test
    void aGroupQuietForTheQuietTimeComesBackWithANewPostAndAMutedOneStaysQuiet() {
        long group = report("order 1 failed");
        drain();
        clock.advance(Duration.ofHours(25));
        report("order 2 failed");
        drain();
        assertThat(slack.of("post")).hasSize(4);
        assertThat(slack.of("post").get(3).view().group().reason()).isEqualTo(ErrorGroup.Reason.RETURN);

        actions.mute(group, null, "U3");
        drain();
        clock.advance(Duration.ofHours(25));
        report("order 3 failed");
        drain();
        assertThat(slack.of("post")).hasSize(4);
        assertThat(repo.group(group).orElseThrow().episode()).isEqualTo(3);
    }

    @Test
    void aTransientFailureIsRetriedAndAPermanentOneGivesThatChannelUp() {
        slack.failures.add(DeliveryException.transientFailure("Slack answered HTTP 503", null));
        slack.failures.add(DeliveryException.permanent("channel_not_found"));
        report("order 1 failed");
        drain();
        clock.advance(Duration.ofSeconds(5));
        drain();
        assertThat(slack.of("post")).hasSize(1);
        assertThat(slack.of("details")).hasSize(1);
    }
}
