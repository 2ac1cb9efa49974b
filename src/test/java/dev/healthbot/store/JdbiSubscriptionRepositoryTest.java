package dev.healthbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.alert.ChannelSubscription;
import dev.healthbot.alert.FakeMonitorRepository;
import dev.healthbot.alert.Selector;
import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.Origin;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbiSubscriptionRepositoryTest {

    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir
    Path dir;

    Database open() {
        return Database.open(dir.resolve("healthbot.db"));
    }

    @Test
    void subscriptionsSurviveAReopenWithAnAuditRowEach() {
        Monitor api;
        Monitor web;
        try (Database db = open()) {
            JdbiMonitorRepository monitors = new JdbiMonitorRepository(db, removed -> {});
            api = monitors.add(FakeMonitorRepository.settings("api", Environment.LIVE), Origin.SLACK, "U1", T0);
            web = monitors.add(FakeMonitorRepository.settings("web", Environment.DEV), Origin.SLACK, "U1", T0);
            JdbiSubscriptionRepository subs = new JdbiSubscriptionRepository(db);
            subs.subscribe("CALL", Set.of(Selector.everything()), "U1", T0);
            subs.subscribe("CLIVE", Set.of(Selector.env(Environment.LIVE)), "U1", T0);
            ChannelSubscription cweb = subs.subscribe("CWEB", Set.of(Selector.server(web.id())), "U1", T0);
            assertThat(cweb.selectors()).containsExactly(Selector.server(web.id()));
            subs.subscribe("CWEB", Set.of(Selector.env(Environment.STAGE)), "U1", T0);
            subs.subscribe("CPAUSED", Set.of(Selector.everything()), "U1", T0);
            assertThat(subs.setPaused("CPAUSED", true, "U1", T0)).isTrue();
            assertThat(subs.setPaused("CNONE", true, "U1", T0)).isFalse();
        }
        try (Database db = open()) {
            JdbiSubscriptionRepository subs = new JdbiSubscriptionRepository(db);
            assertThat(ChannelSubscription.hearing(subs.all(), api)).containsExactlyInAnyOrder("CALL", "CLIVE");
            assertThat(ChannelSubscription.hearing(subs.all(), web)).containsExactlyInAnyOrder("CALL", "CWEB");
            assertThat(subs.find("CWEB").orElseThrow().selectors())
                    .containsExactlyInAnyOrder(Selector.server(web.id()), Selector.env(Environment.STAGE));
            assertThat(subs.all())
                    .extracting(ChannelSubscription::channel)
                    .containsExactly("CALL", "CLIVE", "CPAUSED", "CWEB");
            assertThat(subs.find("CPAUSED").orElseThrow().paused()).isTrue();
            int audits = db.jdbi()
                    .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'channel.%'")
                            .mapTo(Integer.class)
                            .one());
            assertThat(audits).isEqualTo(6);
        }
    }
}
