package dev.healthbot.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.alert.SubscriptionService.Change;
import dev.healthbot.alert.SubscriptionService.ChannelView;
import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.Monitor;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubscriptionServiceTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
    final FakeMonitorRepository monitors = new FakeMonitorRepository();
    final FakeSubscriptionRepository subscriptions = new FakeSubscriptionRepository();
    final SubscriptionService service = new SubscriptionService(subscriptions, monitors, clock);

    @Test
    void subscribingWithoutArgumentsMeansEverything() {
        Change o = service.subscribe("C1", List.of(), "U1");

        assertThat(o).isInstanceOf(Change.Subscribed.class);
        assertThat(((Change.Subscribed) o).added()).containsExactly("everything");
        assertThat(subscriptions.find("C1").orElseThrow().selectors()).containsExactly(Selector.everything());
    }

    @Test
    void environmentsAndServersAreAddedToWhatTheChannelHas() {
        Monitor api = monitors.add("api-live", Environment.LIVE);
        service.subscribe("C1", List.of("live"), "U1");

        Change o = service.subscribe("C1", List.of("API-LIVE,", "dev"), "U1");

        assertThat(subscriptions.find("C1").orElseThrow().selectors())
                .containsExactlyInAnyOrder(
                        Selector.env(Environment.LIVE), Selector.env(Environment.DEV), Selector.server(api.id()));
        assertThat(((Change.Subscribed) o).added()).containsExactly("DEV", "api-live");
        assertThat(((Change.Subscribed) o).channel().selectors()).containsExactly("DEV", "LIVE", "api-live");
    }

    @Test
    void anUnknownServerIsNamedAndNothingChanges() {
        Change o = service.subscribe("C1", List.of("LIVE", "nope", "ghost"), "U1");

        assertThat(o).isEqualTo(new Change.UnknownServers(List.of("nope", "ghost")));
        assertThat(subscriptions.find("C1")).isEmpty();
    }

    @Test
    void unsubscribingSomeKeepsTheRestAndWithoutArgumentsRemovesAll() {
        service.subscribe("C1", List.of("LIVE", "STAGE"), "U1");

        Change some = service.unsubscribe("C1", List.of("stage", "dev"), "U1");
        assertThat(((Change.Unsubscribed) some).channel().selectors()).containsExactly("LIVE");
        assertThat(((Change.Unsubscribed) some).notSubscribed()).containsExactly("DEV");

        Change all = service.unsubscribe("C1", List.of(), "U1");
        assertThat(all).isEqualTo(new Change.Unsubscribed(null, List.of()));
        assertThat(subscriptions.find("C1")).isEmpty();
        assertThat(service.unsubscribe("C1", List.of(), "U1")).isInstanceOf(Change.NotSubscribed.class);
    }

    @Test
    void channelsShowServerNamesPausedAndFailing() {
        Monitor api = monitors.add("api", Environment.LIVE);
        Monitor old = monitors.add("old", Environment.DEV);
        service.subscribe("C1", List.of("api", "old"), "U1");
        service.subscribe("C2", List.of(), "U1");
        monitors.remove(old.id(), "U1", clock.instant());
        service.pause("C2", true, "U1");
        subscriptions.markFailing("C1", "not_in_channel", clock.instant());

        List<ChannelView> views = service.channels();

        assertThat(views).extracting(ChannelView::channel).containsExactly("C1", "C2");
        ChannelView c1 = views.get(0);
        assertThat(c1.selectors()).containsExactly("api", "server #" + old.id() + " (removed)");
        assertThat(c1.failingReason()).isEqualTo("not_in_channel");
        assertThat(c1.failingSince()).isEqualTo(clock.instant());
        assertThat(views.get(1).paused()).isTrue();
        assertThat(views.get(1).selectors()).containsExactly("everything");
        assertThat(api.id()).isPositive();
    }

    @Test
    void resubscribingClearsFailing() {
        service.subscribe("C1", List.of(), "U1");
        subscriptions.markFailing("C1", "not_in_channel", clock.instant());

        service.subscribe("C1", List.of(), "U1");

        assertThat(service.channel("C1").orElseThrow().failingReason()).isNull();
    }

    @Test
    void pausingAnUnknownChannelSaysItIsNotSubscribed() {
        assertThat(service.pause("C9", true, "U1")).isInstanceOf(Change.NotSubscribed.class);
        service.subscribe("C9", List.of(), "U1");
        assertThat(service.pause("C9", true, "U1"))
                .isInstanceOfSatisfying(
                        Change.Paused.class, p -> assertThat(p.paused()).isTrue());
        assertThat(ChannelSubscription.hearing(subscriptions.all(), monitors.add("x", Environment.DEV)))
                .isEmpty();
        assertThat(service.pause("C9", false, "U1"))
                .isInstanceOfSatisfying(
                        Change.Paused.class, p -> assertThat(p.paused()).isFalse());
        assertThat(subscriptions.find("C9").orElseThrow().selectors()).isEqualTo(Set.of(Selector.everything()));
    }
}
