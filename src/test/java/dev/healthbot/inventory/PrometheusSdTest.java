package dev.healthbot.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.MonitorSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Prometheus HTTP SD JSON as servers: labels to settings, the naming rule, and errors that name their place. */
class PrometheusSdTest {

    @Test
    void labelsBecomeSettingsAndTargetsWithoutANameAreNamedAfterHostAndPort() {
        List<MonitorSettings> servers = PrometheusSd.parse(
                """
                [
                  {"targets": ["10.0.0.5:8443"],
                   "labels": {"name": "billing", "__scheme__": "https", "__metrics_path__": "/healthz",
                              "environment": "LIVE", "interval": "30s", "timeout": "3s", "team": "ignored"}},
                  {"targets": ["web-1:80", "web-2:80"], "labels": {"name": "web"}},
                  {"targets": ["[::1]:9090"]}
                ]
                """);
        assertThat(servers)
                .extracting(MonitorSettings::name)
                .containsExactly("billing", "web-web-1-80", "web-web-2-80", "--1-9090");
        MonitorSettings billing = servers.get(0);
        assertThat(billing.target().masked()).isEqualTo("https://10.0.0.5:8443/healthz");
        assertThat(billing.environment()).isEqualTo(Environment.LIVE);
        assertThat(billing.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(billing.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(servers.get(1).target().masked()).isEqualTo("http://web-1:80/");
    }

    @Test
    void anInvalidDocumentNamesEveryGroupAndTargetAtFault() {
        assertThatThrownBy(
                        () -> PrometheusSd.parse(
                                """
                        [{"targets": ["a:1"], "labels": {"interval": "soon"}},
                         {"labels": {}},
                         {"targets": ["b:1", "b:1"]}]
                        """))
                .isInstanceOfSatisfying(InventoryException.class, e -> assertThat(e.problems())
                        .hasSize(3)
                        .anySatisfy(p -> assertThat(p).startsWith("group 1 target 1 (a:1): interval:"))
                        .anySatisfy(p -> assertThat(p).startsWith("group 2: targets:"))
                        .anySatisfy(p -> assertThat(p).isEqualTo("group 3 target 2: name b-1 is listed twice")));
        assertThatThrownBy(() -> PrometheusSd.parse("[{\"targets\": [\"a:1\"],]"))
                .isInstanceOf(InventoryException.class)
                .hasMessageStartingWith("not valid JSON");
        assertThat(PrometheusSd.looksLike("  [ ]")).isTrue();
        assertThat(PrometheusSd.looksLike("servers: []")).isFalse();
    }

    @Test
    void theServersFileFormatIsReadAsJsonToo() {
        List<MonitorSettings> servers = HttpInventory.parse(
                "{\"servers\": [{\"name\": \"api\", \"url\": \"http://127.0.0.1:9/\", \"environment\": \"STAGE\"}]}");
        assertThat(servers).extracting(MonitorSettings::name).containsExactly("api");
        assertThat(servers.get(0).environment()).isEqualTo(Environment.STAGE);
    }
}
