package dev.healthbot.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link MonitorRepository}, run against every implementation (the in-memory double
 * and SQLite) by a subclass that provides a fresh, empty repository per test.
 */
public abstract class MonitorRepositoryContract {

    protected static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    /** A fresh, empty repository; the same instance within one test. */
    protected abstract MonitorRepository monitors();

    /** Settings with credentials in the URL, as a user may type them. */
    public static MonitorSettings settings(String name) {
        return new MonitorSettings(
                name,
                Target.parse("https://bot:s3cret@127.0.0.1:8443/health?token=abc"),
                Environment.LIVE,
                Duration.ofSeconds(30),
                Duration.ofSeconds(5),
                StatusCodes.parse("200-299,301"),
                new Thresholds(3, 2),
                true);
    }

    @Test
    void anAddedServerIsFoundByIdAndByNameIgnoringCase() {
        Monitor added = monitors().add(settings("Api-Live"), Origin.SLACK, "U123", T0);

        assertThat(added.id()).isPositive();
        assertThat(added.settings()).isEqualTo(settings("Api-Live"));
        assertThat(added.origin()).isEqualTo(Origin.SLACK);
        assertThat(added.createdAt()).isEqualTo(T0);
        assertThat(monitors().findById(added.id())).contains(added);
        assertThat(monitors().findByName("api-live")).contains(added);
        assertThat(monitors().findByName("API-LIVE")).contains(added);
        assertThat(monitors().findByName("api")).isEmpty();
    }

    @Test
    void theUrlIsKeptWithItsCredentialsForProbing() {
        Monitor added = monitors().add(settings("api"), Origin.SLACK, "U1", T0);

        assertThat(monitors()
                        .findById(added.id())
                        .orElseThrow()
                        .settings()
                        .target()
                        .secretUrl())
                .isEqualTo("https://bot:s3cret@127.0.0.1:8443/health?token=abc");
    }

    @Test
    void aNameClashIgnoringCaseIsRefusedAndNothingIsSaved() {
        monitors().add(settings("api"), Origin.SLACK, "U1", T0);

        assertThatThrownBy(() -> monitors().add(settings("API"), Origin.FILE, "U2", T0))
                .isInstanceOf(NameTakenException.class)
                .hasMessageContaining("API");
        assertThat(monitors().all()).hasSize(1);
    }

    @Test
    void anUpdateKeepsTheIdAndCreationTimeAndARenameChangesTheNameKey() {
        Monitor added = monitors().add(settings("api"), Origin.SLACK, "U1", T0);
        MonitorSettings renamed = new MonitorSettings(
                "web",
                Target.parse("http://127.0.0.1:1/"),
                Environment.STAGE,
                Duration.ofMinutes(5),
                Duration.ofMillis(1500),
                StatusCodes.parse("204"),
                new Thresholds(1, 1),
                false);

        Monitor updated = monitors().update(added.id(), renamed, Origin.FILE, "U2", T0.plusSeconds(60));

        assertThat(updated).isEqualTo(new Monitor(added.id(), renamed, Origin.FILE, T0));
        assertThat(monitors().findById(added.id())).contains(updated);
        assertThat(monitors().findByName("WEB")).contains(updated);
        assertThat(monitors().findByName("api")).isEmpty();
    }

    @Test
    void aRenameOntoAnotherServersNameIgnoringCaseIsRefused() {
        monitors().add(settings("api"), Origin.SLACK, "U1", T0);
        Monitor web = monitors().add(settings("web"), Origin.SLACK, "U1", T0);

        assertThatThrownBy(() -> monitors().update(web.id(), settings("Api"), Origin.SLACK, "U1", T0))
                .isInstanceOf(NameTakenException.class);
        assertThat(monitors().findById(web.id())).contains(web);
        assertThat(monitors().findByName("web")).contains(web);
    }

    @Test
    void aRenameThatOnlyChangesCaseIsAllowed() {
        Monitor api = monitors().add(settings("api"), Origin.SLACK, "U1", T0);

        assertThat(monitors()
                        .update(api.id(), settings("API"), Origin.SLACK, "U1", T0)
                        .name())
                .isEqualTo("API");
    }

    @Test
    void updatingAnUnknownServerThrows() {
        assertThatThrownBy(() -> monitors().update(999, settings("api"), Origin.SLACK, "U1", T0))
                .isInstanceOf(NoSuchElementException.class);
        assertThat(monitors().all()).isEmpty();
    }

    @Test
    void aRemovedServerIsGoneAndRemovingItAgainSaysSo() {
        Monitor api = monitors().add(settings("api"), Origin.SLACK, "U1", T0);

        assertThat(monitors().remove(api.id(), "U9", T0.plusSeconds(2))).isTrue();

        assertThat(monitors().findById(api.id())).isEmpty();
        assertThat(monitors().findByName("api")).isEmpty();
        assertThat(monitors().all()).isEmpty();
        assertThat(monitors().remove(api.id(), "U9", T0)).isFalse();
    }

    @Test
    void aRemovedServersIdIsNeverReused() {
        Monitor first = monitors().add(settings("api"), Origin.SLACK, "U1", T0);
        monitors().remove(first.id(), "U1", T0);

        Monitor second = monitors().add(settings("api"), Origin.SLACK, "U1", T0);

        assertThat(second.id()).isGreaterThan(first.id());
    }

    @Test
    void allListsEveryServerByNameIgnoringCase() {
        monitors().add(settings("zeta"), Origin.SLACK, "U1", T0);
        monitors().add(settings("Alpha"), Origin.FILE, "U1", T0);
        monitors().add(settings("beta"), Origin.SLACK, "U1", T0);

        assertThat(monitors().all()).extracting(Monitor::name).containsExactly("Alpha", "beta", "zeta");
    }
}
