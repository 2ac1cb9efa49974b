package dev.healthbot.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.Origin;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link SubscriptionRepository}, run against every implementation (the in-memory
 * double and SQLite) by a subclass that provides a fresh, empty repository per test.
 */
public abstract class SubscriptionRepositoryContract {

    protected static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    /** A fresh, empty repository; the same instance within one test. */
    protected abstract SubscriptionRepository subscriptions();

    private static Monitor server(long id, String name, Environment env) {
        return new Monitor(id, FakeMonitorRepository.settings(name, env), Origin.SLACK, T0);
    }

    @Test
    void subscriptionsAddUpAndAreListedByChannel() {
        subscriptions().subscribe("CWEB", Set.of(Selector.server(2)), "U1", T0);
        ChannelSubscription cweb = subscriptions().subscribe("CWEB", Set.of(Selector.env(Environment.STAGE)), "U1", T0);
        subscriptions().subscribe("CALL", Set.of(Selector.everything()), "U1", T0);

        assertThat(cweb.selectors()).containsExactlyInAnyOrder(Selector.server(2), Selector.env(Environment.STAGE));
        assertThat(cweb.paused()).isFalse();
        assertThat(cweb.failing()).isFalse();
        assertThat(subscriptions().find("CWEB")).contains(cweb);
        assertThat(subscriptions().find("CNONE")).isEmpty();
        assertThat(subscriptions().all())
                .extracting(ChannelSubscription::channel)
                .containsExactly("CALL", "CWEB");
    }

    @Test
    void pausingIsKeptByAFurtherSubscribeAndUnknownChannelsCannotBePaused() {
        subscriptions().subscribe("C1", Set.of(Selector.everything()), "U1", T0);

        assertThat(subscriptions().setPaused("C1", true, "U1", T0)).isTrue();
        assertThat(subscriptions().setPaused("CNONE", true, "U1", T0)).isFalse();
        assertThat(subscriptions()
                        .subscribe("C1", Set.of(Selector.env(Environment.DEV)), "U1", T0)
                        .paused())
                .isTrue();
        assertThat(subscriptions().setPaused("C1", false, "U1", T0)).isTrue();
        assertThat(subscriptions().find("C1").orElseThrow().paused()).isFalse();
        assertThat(subscriptions().find("CNONE")).isEmpty();
    }

    @Test
    void whoHearsAServerIsDecidedFromEverySubscription() {
        Monitor api = server(1, "api", Environment.LIVE);
        Monitor web = server(2, "web", Environment.DEV);
        subscriptions().subscribe("CALL", Set.of(Selector.everything()), "U1", T0);
        subscriptions().subscribe("CLIVE", Set.of(Selector.env(Environment.LIVE)), "U1", T0);
        subscriptions().subscribe("CWEB", Set.of(Selector.server(web.id()), Selector.env(Environment.STAGE)), "U1", T0);
        subscriptions().subscribe("CPAUSED", Set.of(Selector.everything()), "U1", T0);
        subscriptions().setPaused("CPAUSED", true, "U1", T0);

        assertThat(ChannelSubscription.hearing(subscriptions().all(), api)).containsExactlyInAnyOrder("CALL", "CLIVE");
        assertThat(ChannelSubscription.hearing(subscriptions().all(), web)).containsExactlyInAnyOrder("CALL", "CWEB");
    }

    @Test
    void failingIsSetAndClearedBySuccessOrResubscribing() {
        subscriptions().subscribe("C1", Set.of(Selector.everything()), "U1", T0);
        subscriptions().markFailing("C1", "channel_not_found", T0);
        assertThat(subscriptions().find("C1").orElseThrow().failingReason()).isEqualTo("channel_not_found");
        assertThat(subscriptions().find("C1").orElseThrow().failingSince()).isEqualTo(T0);
        subscriptions().clearFailing("C1");
        assertThat(subscriptions().find("C1").orElseThrow().failing()).isFalse();
        subscriptions().markFailing("C1", "is_archived", T0);
        subscriptions().subscribe("C1", Set.of(), "U1", T0);
        assertThat(subscriptions().find("C1").orElseThrow().failing()).isFalse();
        subscriptions().markFailing("CNONE", "is_archived", T0);
        subscriptions().clearFailing("CNONE");
        assertThat(subscriptions().find("CNONE")).isEmpty();
    }

    @Test
    void unsubscribingTheLastSelectorForgetsTheChannel() {
        subscriptions()
                .subscribe("C1", Set.of(Selector.env(Environment.DEV), Selector.env(Environment.LIVE)), "U1", T0);

        assertThat(subscriptions().unsubscribe("C1", Set.of(Selector.env(Environment.DEV)), "U1", T0))
                .hasValueSatisfying(s -> assertThat(s.selectors()).containsExactly(Selector.env(Environment.LIVE)));
        assertThat(subscriptions().unsubscribe("C1", Set.of(Selector.env(Environment.LIVE)), "U1", T0))
                .isEmpty();
        assertThat(subscriptions().find("C1")).isEmpty();

        subscriptions().subscribe("C2", Set.of(Selector.everything()), "U1", T0);
        assertThat(subscriptions().unsubscribe("C2", Set.of(), "U1", T0)).isEmpty();
        assertThat(subscriptions().all()).isEmpty();
        assertThat(subscriptions().unsubscribe("C3", Set.of(), "U1", T0)).isEmpty();
    }

    @Test
    void unsubscribingKeepsTheFlags() {
        subscriptions()
                .subscribe("C1", Set.of(Selector.env(Environment.DEV), Selector.env(Environment.LIVE)), "U1", T0);
        subscriptions().setPaused("C1", true, "U1", T0);
        subscriptions().markFailing("C1", "not_in_channel", T0);

        ChannelSubscription left = subscriptions()
                .unsubscribe("C1", Set.of(Selector.env(Environment.DEV)), "U1", T0)
                .orElseThrow();

        assertThat(left.paused()).isTrue();
        assertThat(left.failingReason()).isEqualTo("not_in_channel");
    }
}
