package dev.healthbot.slack.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import dev.healthbot.monitor.MonitorDraft;
import dev.healthbot.monitor.MonitorSettings;
import dev.healthbot.monitor.MonitorValidator;
import org.junit.jupiter.api.Test;

class ServerModalTest {

    static final String SECRET = "http://bob:pa55word@127.0.0.1:8080/health?token=abc123&x=1";

    private static MonitorSettings settings(String url) {
        return MonitorValidator.validate(MonitorDraft.of("api", url)).settings();
    }

    @Test
    void theEditFormShowsTheUrlMaskedAndAnUnchangedUrlKeepsItsCredentials() {
        MonitorSettings current = settings(SECRET);
        String view = new Gson().toJson(ServerModal.edit(current));
        assertThat(view).doesNotContain("pa55word").doesNotContain("abc123").contains("***");

        MonitorDraft unchanged = MonitorDraft.of("api-2", current.target().masked());
        assertThat(ServerModal.unmask(unchanged, current).url()).isEqualTo(SECRET);
        assertThat(ServerModal.unmask(unchanged, current).name()).isEqualTo("api-2");

        MonitorDraft changed = MonitorDraft.of("api", "http://127.0.0.1:9090/");
        assertThat(ServerModal.unmask(changed, current).url()).isEqualTo("http://127.0.0.1:9090/");
    }

    @Test
    void aUrlWithoutCredentialsIsShownAndKeptAsItIs() {
        MonitorSettings plain = settings("http://127.0.0.1:8080/health");
        assertThat(new Gson().toJson(ServerModal.edit(plain))).contains("http://127.0.0.1:8080/health");
        MonitorDraft d = MonitorDraft.of("api", "http://127.0.0.1:8080/health");
        assertThat(ServerModal.unmask(d, plain)).isSameAs(d);
    }
}
