package dev.healthbot.store;

import static dev.healthbot.store.Servers.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.alert.CertificateAlert;
import dev.healthbot.alert.CertificateDispatcher;
import dev.healthbot.alert.CertificateNotifier;
import dev.healthbot.alert.CertificatePost;
import dev.healthbot.alert.Delivery;
import dev.healthbot.alert.DeliveryException;
import dev.healthbot.alert.DispatchPolicy;
import dev.healthbot.alert.MutableClock;
import dev.healthbot.alert.PostRef;
import dev.healthbot.alert.Selector;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorSettings;
import dev.healthbot.monitor.MonitorState;
import dev.healthbot.monitor.Origin;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.Status;
import dev.healthbot.monitor.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Certificate warnings over a real SQLite file through the real migrations: which posts are claimed as
 * time passes, each exactly once (a second dispatcher on the same file, as after a restart, claims
 * nothing again), and the renewal note in the warning's thread.
 */
class CertificateDispatcherTest {

    static final String OPS = "C0OPS";
    static final String DEV = "C0DEV";

    @RegisterExtension
    final SqliteStore store = new SqliteStore();

    final MutableClock clock = new MutableClock(T0);
    final Recording slack = new Recording();
    JdbiCertificateRepository certificates;

    /** A certificate notifier that records each post and answers like Slack, or fails when told to. */
    static final class Recording implements CertificateNotifier {
        record Post(String channel, String threadTs, CertificateAlert alert, String ts) {}

        final List<Post> posts = new ArrayList<>();
        final Queue<DeliveryException> failures = new ArrayDeque<>();

        @Override
        public PostRef postCertificateWarning(String channel, CertificateAlert alert) throws DeliveryException {
            return post(channel, null, alert);
        }

        @Override
        public PostRef postCertificateRenewed(String channel, String threadTs, CertificateAlert alert)
                throws DeliveryException {
            return post(channel, threadTs, alert);
        }

        private PostRef post(String channel, String threadTs, CertificateAlert alert) throws DeliveryException {
            DeliveryException fail = failures.poll();
            if (fail != null) {
                throw fail;
            }
            String ts = "1700000000." + (100 + posts.size());
            posts.add(new Post(channel, threadTs, alert, ts));
            return new PostRef(channel, ts);
        }
    }

    @BeforeEach
    void open() {
        certificates = new JdbiCertificateRepository(store.db());
        store.subscriptions.subscribe(OPS, Set.of(new Selector.Everything()), "U1", T0);
    }

    /** A dispatcher on the store, as the bot makes one at start; pacing off so a test sends at once. */
    private CertificateDispatcher dispatcher() {
        DispatchPolicy policy = new DispatchPolicy(
                Duration.ofHours(24), Duration.ofSeconds(1), Duration.ofMinutes(5), 0, Duration.ZERO, 100);
        return new CertificateDispatcher(
                certificates,
                store.subscriptions,
                store.monitors,
                store.status,
                slack,
                clock,
                policy,
                Duration.ofMinutes(1));
    }

    private Monitor server(String name, String url, String tlsExpiry) {
        MonitorSettings base = Servers.settings(name);
        MonitorSettings s = new MonitorSettings(
                name,
                Target.parse(url),
                base.environment(),
                base.interval(),
                base.timeout(),
                base.expectedStatus(),
                base.thresholds(),
                true,
                base.options()
                        .withTlsExpiry(
                                tlsExpiry == null
                                        ? dev.healthbot.monitor.ProbeOptions.DEFAULT_TLS_EXPIRY
                                        : dev.healthbot.monitor.ProbeOptions.parseTlsExpiry(tlsExpiry)));
        return store.monitors.add(s, Origin.SLACK, "U1", T0);
    }

    /** A check at the clock's time that saw {@code notAfter}, saved as the probe path saves it. */
    private void checked(Monitor m, Instant notAfter) {
        ProbeResult r = ProbeResult.up(clock.instant(), Duration.ofMillis(12), "HTTP 200 OK")
                .withCertificate(notAfter);
        store.status.record(m.id(), r, new MonitorState(Status.UP, T0, 0, 1, r, notAfter), null);
    }

    private int scanAndDeliver(CertificateDispatcher d) {
        int claimed = d.scan();
        d.deliverDue();
        return claimed;
    }

    @Test
    void aCertificateFiveDaysFromExpiryIsWarnedOnceEvenAfterARestart() {
        Monitor api = server("api", "https://api.example.com/health", null);
        Instant notAfter = T0.plus(Duration.ofDays(5));
        checked(api, notAfter);

        CertificateDispatcher first = dispatcher();
        assertThat(scanAndDeliver(first)).isEqualTo(1);
        assertThat(slack.posts).hasSize(1);
        Recording.Post warning = slack.posts.get(0);
        assertThat(warning.channel()).isEqualTo(OPS);
        assertThat(warning.threadTs()).isNull();
        assertThat(warning.alert().step()).isEqualTo(Duration.ofDays(7));
        assertThat(warning.alert().notAfter()).isEqualTo(notAfter);
        assertThat(warning.alert().left()).isEqualTo(Duration.ofDays(5));
        assertThat(warning.alert().target()).doesNotContain("s3cret");

        // More checks of the same certificate, more scans: nothing new.
        clock.advance(Duration.ofHours(1));
        checked(api, notAfter);
        assertThat(scanAndDeliver(first)).isZero();
        // A restart: a new dispatcher over the same file claims nothing again.
        assertThat(scanAndDeliver(dispatcher())).isZero();
        assertThat(slack.posts).hasSize(1);
        assertThat(certificates.posts(api.id())).singleElement().satisfies(p -> {
            assertThat(p.state()).isEqualTo(Delivery.State.SENT);
            assertThat(p.post().ts()).isEqualTo(warning.ts());
        });
    }

    @Test
    void theThresholdThenSevenDaysThenOneDayEachPostOnce() {
        Monitor api = server("api", "https://api.example.com/health", null);
        Instant notAfter = T0.plus(Duration.ofDays(20));
        checked(api, notAfter);
        CertificateDispatcher d = dispatcher();
        List<Duration> steps = new ArrayList<>();
        // A day at a time until a day after it expired; each step posts once, on the day it is reached.
        for (int day = 0; day <= 21; day++) {
            clock.set(T0.plus(Duration.ofDays(day)).plus(Duration.ofHours(1)));
            scanAndDeliver(d);
            scanAndDeliver(d);
        }
        slack.posts.forEach(p -> steps.add(p.alert().step()));
        assertThat(steps).containsExactly(Duration.ofDays(14), Duration.ofDays(7), Duration.ofDays(1));
        assertThat(slack.posts.get(0).alert().left())
                .isEqualTo(Duration.ofDays(14).minusHours(1));
    }

    @Test
    void aRenewedCertificateIsNotedInTheThreadOfTheWarningAndWarningsStartAgain() {
        Monitor api = server("api", "https://api.example.com/health", null);
        store.subscriptions.subscribe(DEV, Set.of(new Selector.Server(api.id())), "U1", T0);
        Instant old = T0.plus(Duration.ofDays(5));
        checked(api, old);
        CertificateDispatcher d = dispatcher();
        scanAndDeliver(d);
        assertThat(slack.posts).extracting(Recording.Post::channel).containsExactlyInAnyOrder(OPS, DEV);

        clock.advance(Duration.ofDays(1));
        Instant renewed = clock.instant().plus(Duration.ofDays(90));
        checked(api, renewed);
        d.certificateSeen();
        assertThat(d.scanIfDue()).isEqualTo(1);
        d.deliverDue();
        assertThat(slack.posts).hasSize(4);
        for (String channel : List.of(OPS, DEV)) {
            Recording.Post warning = slack.posts.stream()
                    .filter(p -> p.channel().equals(channel) && p.threadTs() == null)
                    .findFirst()
                    .orElseThrow();
            Recording.Post note = slack.posts.stream()
                    .filter(p -> p.channel().equals(channel) && p.threadTs() != null)
                    .findFirst()
                    .orElseThrow();
            assertThat(note.threadTs()).isEqualTo(warning.ts());
            assertThat(note.alert().isRenewal()).isTrue();
            assertThat(note.alert().renewedNotAfter()).isEqualTo(renewed);
            assertThat(note.alert().notAfter()).isEqualTo(old);
            assertThat(note.alert().left()).isEqualTo(Duration.ofDays(90));
        }
        // Once only, and the new certificate's warnings start from scratch when it nears its end.
        assertThat(scanAndDeliver(dispatcher())).isZero();
        clock.set(renewed.minus(Duration.ofDays(3)));
        assertThat(scanAndDeliver(d)).isEqualTo(1);
        assertThat(slack.posts.get(slack.posts.size() - 1).alert().notAfter()).isEqualTo(renewed);
        assertThat(slack.posts.get(slack.posts.size() - 1).alert().step()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void offPlainHttpAndAlertsOffPostNothing() {
        Monitor off = server("off", "https://off.example.com/", "off");
        Monitor plain = server("plain", "http://plain.example.com/", null);
        Monitor quiet = server("quiet", "https://quiet.example.com/", null);
        store.monitors.update(quiet.id(), quiet.settings().withAlerts(false), Origin.SLACK, "U1", T0);
        for (Monitor m : List.of(off, plain, quiet)) {
            checked(m, T0.plus(Duration.ofDays(2)));
        }
        CertificateDispatcher d = dispatcher();
        // alerts off: the step is claimed (it is not news later) but no channel hears it
        assertThat(scanAndDeliver(d)).isEqualTo(1);
        assertThat(slack.posts).isEmpty();
        assertThat(certificates.watches()).containsOnlyKeys(quiet.id());
    }

    @Test
    void aFailedPostIsRetriedAndAChannelThatIsGoneIsGivenUp() {
        store.subscriptions.subscribe(DEV, Set.of(new Selector.Everything()), "U1", T0);
        Monitor api = server("api", "https://api.example.com/health", null);
        checked(api, T0.plus(Duration.ofDays(5)));
        CertificateDispatcher d = dispatcher();
        // Channels are served in id order (DEV's post first): DEV is gone for good, OPS is rate limited once.
        slack.failures.add(DeliveryException.permanent("channel_not_found"));
        slack.failures.add(
                DeliveryException.transientFailure("rate limited by Slack (HTTP 429)", Duration.ofSeconds(30)));
        d.scan();
        Duration next = d.deliverDue();
        assertThat(slack.posts).isEmpty();
        assertThat(next).isLessThanOrEqualTo(Duration.ofSeconds(30)).isPositive();
        clock.advance(Duration.ofSeconds(31));
        d.deliverDue();
        assertThat(slack.posts)
                .singleElement()
                .extracting(Recording.Post::channel)
                .isEqualTo(OPS);
        List<CertificatePost> rows = certificates.posts(api.id());
        assertThat(rows)
                .extracting(CertificatePost::channel, CertificatePost::state)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(DEV, Delivery.State.GIVEN_UP),
                        org.assertj.core.groups.Tuple.tuple(OPS, Delivery.State.SENT));
        assertThat(store.subscriptions.find(DEV).orElseThrow().failingReason()).isEqualTo("channel_not_found");
    }
}
