package dev.healthbot.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.monitor.CheckRunner;
import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorDraft;
import dev.healthbot.monitor.MonitorScheduler;
import dev.healthbot.monitor.MonitorService;
import dev.healthbot.monitor.MonitorSettings;
import dev.healthbot.monitor.MonitorValidator;
import dev.healthbot.monitor.Origin;
import dev.healthbot.monitor.RemovalLimit;
import dev.healthbot.monitor.SourceReader;
import dev.healthbot.monitor.TargetPolicy;
import dev.healthbot.store.Database;
import dev.healthbot.store.JdbiMonitorRepository;
import dev.healthbot.store.JdbiSourceRepository;
import dev.healthbot.store.JdbiStatusRepository;
import dev.healthbot.store.JdbiSubscriptionRepository;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notices about a source, through a real SQLite file and its outbox: a failure is posted once and its
 * return once, a summary reaches only the channels that hear the servers, a post is paced one per
 * channel per tick, retried when Slack fails for a while and given up when it fails for good.
 */
class SourceRefreshTest {

    @TempDir
    Path dir;

    Database db;
    JdbiStatusRepository status;
    MonitorService monitors;
    JdbiSubscriptionRepository subscriptions;
    JdbiSourceRepository sources;
    final ScriptedReader reader = new ScriptedReader();
    final RecordingNotifier slack = new RecordingNotifier();
    Instant now = Instant.parse("2026-12-02T10:42:00Z");
    SourceRefresh refresh;

    /** A source that answers what the test queued. */
    static final class ScriptedReader implements SourceReader {
        final Deque<Read> answers = new ArrayDeque<>();

        @Override
        public Origin origin() {
            return Origin.INVENTORY;
        }

        @Override
        public Read read() {
            return answers.isEmpty() ? new Read.Unchanged() : answers.poll();
        }

        @Override
        public void retryNext() {}
    }

    /** Records each post; fails with the queued exceptions first. */
    static final class RecordingNotifier implements TextNotifier {
        final List<String> posts = new ArrayList<>();
        final Deque<DeliveryException> failures = new ArrayDeque<>();

        @Override
        public PostRef postText(String channel, String text) throws DeliveryException {
            if (!failures.isEmpty()) {
                throw failures.poll();
            }
            posts.add(channel + " " + text);
            return new PostRef(channel, "1." + posts.size());
        }
    }

    static final class NoScheduler implements MonitorScheduler {
        @Override
        public void start(LongConsumer runCheck) {}

        @Override
        public void schedule(Monitor monitor, Duration firstDelay) {}

        @Override
        public void checkAgainIn(long monitorId, Duration delay) {}

        @Override
        public void unschedule(long monitorId) {}
    }

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("t.db"));
        status = new JdbiStatusRepository(db);
        JdbiMonitorRepository repo = new JdbiMonitorRepository(db, status::forget);
        NoScheduler scheduler = new NoScheduler();
        CheckRunner runner = new CheckRunner(repo, status, spec -> null, scheduler, c -> {}, () -> now);
        monitors = new MonitorService(repo, status, scheduler, runner, () -> now, TargetPolicy.allowAll());
        subscriptions = new JdbiSubscriptionRepository(db);
        sources = new JdbiSourceRepository(db);
        subscriptions.subscribe("CLIVE", Set.of(Selector.env(Environment.LIVE)), "U1", now);
        subscriptions.subscribe("CDEV", Set.of(Selector.env(Environment.DEV)), "U1", now);
        refresh = new SourceRefresh(
                List.of(new SourceRefresh.Feed(reader, Duration.ofMinutes(1))),
                monitors,
                RemovalLimit.HALF,
                sources,
                sources,
                subscriptions,
                slack,
                DispatchPolicy.DEFAULT,
                () -> now,
                Duration.ofSeconds(1));
    }

    @AfterEach
    void close() {
        refresh.close();
        status.close();
        db.close();
    }

    static MonitorSettings live(String name) {
        return MonitorValidator.validate(new MonitorDraft(
                        name, "http://127.0.0.1:9/" + name, "LIVE", "1m", "1s", null, null, null, null))
                .settings();
    }

    private void read(SourceReader.Read answer) {
        reader.answers.add(answer);
        refresh.refresh(reader);
        refresh.dispatch();
        now = now.plusSeconds(1); // past the pacing gap of one post a second per channel
    }

    @Test
    void aSummaryGoesToTheChannelsThatHearTheServersAndAFailureIsPostedOnceAndItsReturnOnce() {
        read(new SourceReader.Read.Listed(List.of(live("a"), live("b"))));
        assertThat(slack.posts).containsExactly("CLIVE :card_index: inventory: 2 added (a, b)");

        read(new SourceReader.Read.Failed("HTTP 500"));
        now = now.plusSeconds(60);
        read(new SourceReader.Read.Failed("timeout"));
        assertThat(refresh.about()).containsExactly("inventory unreachable since 10:42 UTC (timeout); read every 1m");
        now = now.plusSeconds(60);
        read(new SourceReader.Read.Unchanged());
        assertThat(slack.posts.subList(1, slack.posts.size()))
                .containsExactly(
                        "CLIVE :warning: inventory unreachable since 10:42 UTC: HTTP 500. Nothing changed: healthbot"
                                + " keeps watching the servers it has.",
                        "CLIVE :white_check_mark: inventory is back (failing from 10:42 to 10:44 UTC).");
        assertThat(monitors.all()).hasSize(2);
    }

    @Test
    void aHeldBackListIsReportedOnceAndChangesNothing() {
        read(new SourceReader.Read.Listed(List.of(live("a"), live("b"), live("c"))));
        read(new SourceReader.Read.Listed(List.of(live("a"))));
        read(new SourceReader.Read.Listed(List.of(live("a"))));
        assertThat(slack.posts).hasSize(2);
        assertThat(slack.posts.get(1))
                .startsWith("CLIVE :warning: inventory: held back a list that would remove 2 of its 3");
        assertThat(monitors.all()).hasSize(3);
        assertThat(refresh.about()).anySatisfy(l -> assertThat(l).contains("held back"));
    }

    @Test
    void aChannelGetsAtMostOneNoticeASecond() {
        refresh.refresh(reader);
        reader.answers.add(new SourceReader.Read.Listed(List.of(live("a"))));
        refresh.refresh(reader);
        reader.answers.add(new SourceReader.Read.Listed(List.of(live("a"), live("b"))));
        refresh.refresh(reader);
        refresh.dispatch();
        refresh.dispatch();
        assertThat(slack.posts).hasSize(1);
        now = now.plusSeconds(1);
        refresh.dispatch();
        assertThat(slack.posts).hasSize(2);
    }

    @Test
    void aPostIsRetriedAfterATransientFailureAndGivenUpAfterAPermanentOne() {
        slack.failures.add(
                DeliveryException.transientFailure("rate limited by Slack (HTTP 429)", Duration.ofSeconds(5)));
        read(new SourceReader.Read.Listed(List.of(live("a"))));
        assertThat(slack.posts).isEmpty();
        refresh.dispatch();
        assertThat(slack.posts).isEmpty(); // not due before Retry-After
        now = now.plusSeconds(5);
        refresh.dispatch();
        assertThat(slack.posts).containsExactly("CLIVE :card_index: inventory: 1 added (a)");

        slack.failures.add(DeliveryException.permanent("channel_not_found"));
        read(new SourceReader.Read.Listed(List.of(live("a"), live("b"))));
        now = now.plusSeconds(3600);
        refresh.dispatch();
        assertThat(slack.posts).hasSize(1);
        int given = db.jdbi()
                .withHandle(h -> h.createQuery("SELECT count(*) FROM source_posts WHERE state = 'GIVEN_UP'")
                        .mapTo(Integer.class)
                        .one());
        assertThat(given).isEqualTo(1);
    }
}
