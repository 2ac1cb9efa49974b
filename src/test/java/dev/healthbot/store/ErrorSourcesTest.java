package dev.healthbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.alert.Selector;
import dev.healthbot.alert.SubscriptionService;
import dev.healthbot.errors.ErrorSource;
import dev.healthbot.errors.ErrorSources;
import dev.healthbot.monitor.Environment;
import dev.healthbot.slack.command.ErrorsCommand;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Error sources on a real SQLite file: add, rotate, remove, the DSN, and subscriptions naming a source. */
class ErrorSourcesTest {

    @RegisterExtension
    final SqliteStore store = new SqliteStore();

    @Test
    void addRotateRemoveAndTheDsnCarriesTheKeyAndTheSourceId() {
        JdbiErrorRepository repo = new JdbiErrorRepository(store.db());
        ErrorSources sources = new ErrorSources(repo, InstantSource.system());
        ErrorSource added = ((ErrorSources.Result.Saved) sources.add("Checkout", "stage", "U1")).source();
        assertThat(added.environment()).isEqualTo(Environment.STAGE);
        assertThat(added.key()).matches("[0-9a-f]{32}");
        assertThat(added.maskedKey()).startsWith(added.key().substring(0, 4)).endsWith("****");
        assertThat(ErrorsCommand.dsn("https://health.example.com", added))
                .isEqualTo("https://" + added.key() + "@health.example.com/" + added.id());
        assertThat(ErrorsCommand.dsn("http://127.0.0.1:8080/hb", added))
                .isEqualTo("http://" + added.key() + "@127.0.0.1:8080/hb/" + added.id());

        assertThat(sources.add("checkout", null, "U1")).isInstanceOf(ErrorSources.Result.Refused.class);
        assertThat(sources.add("bad name!", null, "U1")).isInstanceOf(ErrorSources.Result.Refused.class);
        assertThat(sources.add("other", "PROD", "U1")).isInstanceOf(ErrorSources.Result.Refused.class);

        ErrorSource rotated = ((ErrorSources.Result.Saved) sources.rotate("checkout", "U1")).source();
        assertThat(rotated.key()).isNotEqualTo(added.key());
        assertThat(repo.findByKey(added.key())).isEmpty();
        assertThat(repo.findByKey(rotated.key())).hasValue(rotated);

        assertThat(sources.remove("CHECKOUT", "U1")).isInstanceOf(ErrorSources.Result.Saved.class);
        assertThat(repo.findByKey(rotated.key())).isEmpty();
        assertThat(sources.remove("checkout", "U1")).isInstanceOf(ErrorSources.Result.Refused.class);
    }

    @Test
    void aChannelSubscribesToASourceByNameAndHearsOnlyIt() {
        JdbiErrorRepository repo = new JdbiErrorRepository(store.db());
        ErrorSources sources = new ErrorSources(repo, InstantSource.system());
        ErrorSource web = ((ErrorSources.Result.Saved) sources.add("web", "DEV", "U1")).source();
        ErrorSource api = ((ErrorSources.Result.Saved) sources.add("api", "LIVE", "U1")).source();
        SubscriptionService subs =
                new SubscriptionService(store.subscriptions, store.monitors(), InstantSource.system(), sources);

        var change = subs.subscribe("C1", List.of("errors:web"), "U1");
        assertThat(change).isInstanceOf(SubscriptionService.Change.Subscribed.class);
        assertThat(((SubscriptionService.Change.Subscribed) change).added()).containsExactly("errors:web");
        subs.subscribe("C2", List.of("api"), "U1");
        assertThat(subs.subscribe("C3", List.of("errors:nope"), "U1"))
                .isInstanceOf(SubscriptionService.Change.UnknownServers.class);

        var c1 = store.subscriptions.find("C1").orElseThrow();
        assertThat(c1.selectors()).containsExactly(Selector.errorSource(web.id()));
        assertThat(c1.hearsErrors(web.id(), Environment.DEV)).isTrue();
        assertThat(c1.hearsErrors(api.id(), Environment.DEV)).isFalse();
        assertThat(store.subscriptions.find("C2").orElseThrow().hearsErrors(api.id(), Environment.LIVE))
                .isTrue();
        assertThat(subs.channel("C1").orElseThrow().selectors()).containsExactly("errors:web");

        subs.unsubscribe("C1", List.of("errors:web"), "U1");
        assertThat(store.subscriptions.find("C1")).isEmpty();
        assertThat(Set.of(Selector.everything()).iterator().next().hearsErrors(web.id(), Environment.DEV))
                .isTrue();
    }
}
