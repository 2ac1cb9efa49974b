package dev.healthbot.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The inventory's variables: defaults, checks, and a header that is never echoed. */
class SourceSettingsTest {

    @Test
    void unsetMeansNoInventoryAndARefreshOfOneMinute() {
        List<String> problems = new ArrayList<>();
        SourceSettings s = SourceSettings.fromEnvironment(Map.of(), problems);
        assertThat(problems).isEmpty();
        assertThat(s.url()).isEmpty();
        assertThat(s.refresh()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void goodValuesAreReadAndTheShownUrlDropsCredentialsAndQuery() {
        List<String> problems = new ArrayList<>();
        SourceSettings s = SourceSettings.fromEnvironment(
                Map.of(
                        SourceSettings.URL, "https://bot:pw@inventory.example.com:8443/sd?token=abc",
                        SourceSettings.REFRESH, "30s",
                        SourceSettings.HEADER, "Authorization: Bearer sekret-value-1234",
                        SourceSettings.MAX_REMOVE, "80%"),
                problems);
        assertThat(problems).isEmpty();
        assertThat(s.refresh()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.maxRemove()).isEqualTo("80%");
        assertThat(s.shownUrl()).contains("https://inventory.example.com:8443/sd");
        assertThat(s.toString()).doesNotContain("sekret-value-1234");
    }

    @Test
    void badValuesAreNamedWithoutEchoingTheHeader() {
        List<String> problems = new ArrayList<>();
        SourceSettings.fromEnvironment(
                Map.of(
                        SourceSettings.URL, "ftp://inventory",
                        SourceSettings.REFRESH, "100ms",
                        SourceSettings.HEADER, "Bearer sekret-value-1234",
                        SourceSettings.MAX_REMOVE, "lots"),
                problems);
        assertThat(problems)
                .hasSize(4)
                .allSatisfy(p -> assertThat(p).doesNotContain("sekret"))
                .anySatisfy(p -> assertThat(p).startsWith(SourceSettings.URL + " must be"))
                .anySatisfy(p -> assertThat(p).isEqualTo(SourceSettings.REFRESH + " must be at least 200ms"))
                .anySatisfy(p -> assertThat(p).startsWith(SourceSettings.HEADER + " must be one header"))
                .anySatisfy(p -> assertThat(p).startsWith(SourceSettings.MAX_REMOVE + " must be"));
    }
}
