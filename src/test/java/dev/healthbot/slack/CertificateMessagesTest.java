package dev.healthbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.util.json.GsonFactory;
import dev.healthbot.alert.CertificateAlert;
import dev.healthbot.monitor.CheckResult;
import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.Field;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorDraft;
import dev.healthbot.monitor.MonitorService;
import dev.healthbot.monitor.MonitorSettings;
import dev.healthbot.monitor.MonitorState;
import dev.healthbot.monitor.MonitorValidator;
import dev.healthbot.monitor.Origin;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.Status;
import dev.healthbot.slack.command.CheckCommand;
import dev.healthbot.slack.command.ListCommand;
import dev.healthbot.slack.view.AlertMessages;
import dev.healthbot.slack.view.BlockKit;
import dev.healthbot.slack.view.CertificateMessages;
import dev.healthbot.slack.view.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Certificate posts pinned to golden JSON, inside Slack's limits; days left in list and check. */
class CertificateMessagesTest {

    static final Instant T = Instant.parse("2026-11-22T10:41:54Z");

    static CertificateAlert warning(String name) {
        return new CertificateAlert(
                name,
                Environment.LIVE,
                "https://***@api.example.com/health",
                T.plus(Duration.ofDays(5)),
                Duration.ofDays(5).plusHours(3),
                Duration.ofDays(7),
                null);
    }

    @Test
    void theWarningIsPinned() {
        AlertMessages.Message m = CertificateMessages.warning(warning("api-live"));
        assertThat(m.text()).isEqualTo(":warning: api-live: certificate expires in 5 days (LIVE)");
        Golden.assertMatches("certificate-warning", m);
    }

    @Test
    void theRenewalNoteIsPinned() {
        CertificateAlert renewed = new CertificateAlert(
                "api-live",
                Environment.LIVE,
                "https://***@api.example.com/health",
                T.plus(Duration.ofDays(5)),
                Duration.ofDays(89).plusHours(20),
                null,
                T.plus(Duration.ofDays(90)));
        AlertMessages.Message m = CertificateMessages.renewed(renewed);
        assertThat(m.text()).contains("api-live has a renewed certificate").contains("90 days left");
        Golden.assertMatches("certificate-renewed", m);
    }

    @Test
    void theLastDayAndAnExpiredCertificateReadRight() {
        CertificateAlert lastDay = new CertificateAlert(
                "a", Environment.DEV, "https://a/", T, Duration.ofHours(20), Duration.ofDays(1), null);
        assertThat(CertificateMessages.warning(lastDay).text()).contains("expires in less than a day");
        CertificateAlert expired = new CertificateAlert(
                "a", Environment.DEV, "https://a/", T, Duration.ofHours(-2), Duration.ofDays(1), null);
        assertThat(CertificateMessages.warning(expired).text()).contains("certificate has expired");
        assertThat(CertificateMessages.shortLeft(Duration.ofDays(5).plusHours(3)))
                .isEqualTo("cert 5 d");
        assertThat(CertificateMessages.shortLeft(Duration.ofDays(5).minusMinutes(1)))
                .isEqualTo("cert 5 d");
        assertThat(CertificateMessages.shortLeft(Duration.ofDays(1).plusHours(13)))
                .isEqualTo("cert 2 d");
        assertThat(CertificateMessages.shortLeft(Duration.ofHours(20))).isEqualTo("cert < 1 d");
        assertThat(CertificateMessages.shortLeft(Duration.ofHours(-1))).isEqualTo("cert expired");
    }

    @Test
    void aHostileLongNameIsEscapedAndCut() {
        String hostile = "<!channel>" + "x".repeat(300);
        AlertMessages.Message m = CertificateMessages.warning(warning(hostile));
        String json = GsonFactory.createSnakeCase().toJson(m.blocks());
        // the header is plain text (no mention there); mrkdwn blocks are escaped
        assertThat(json).doesNotContain("*<!channel>");
        for (var b : m.blocks()) {
            if (b instanceof com.slack.api.model.block.HeaderBlock h) {
                assertThat(h.getText().getText().length()).isLessThanOrEqualTo(150);
            }
        }
        assertThat(m.text().length()).isLessThanOrEqualTo(3000);
    }

    private static MonitorSettings https(String name, String tlsExpiry) {
        return MonitorValidator.validate(new MonitorDraft(
                        name,
                        "https://user:pw@" + name + ".example.com/health?token=abc",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        tlsExpiry == null ? Map.of() : Map.of(Field.TLS_EXPIRY, tlsExpiry)))
                .settings();
    }

    private static MonitorState checked(Instant notAfter) {
        ProbeResult r = ProbeResult.up(T, Duration.ofMillis(12), "HTTP 200 OK").withCertificate(notAfter);
        return new MonitorState(Status.UP, T, 0, 1, r, notAfter);
    }

    /** The list line of one server, as {@code /health list} shows it. */
    private static String line(MonitorService.Entry e) {
        StringBuilder out = new StringBuilder();
        for (var b : ListCommand.page(List.of(e), 1).blocks()) {
            if (b instanceof com.slack.api.model.block.SectionBlock s) {
                out.append(s.getText().getText());
            }
        }
        return out.toString();
    }

    @Test
    void listAndCheckShowDaysLeftForHttpsServers() {
        Monitor api = new Monitor(1, https("api", null), Origin.SLACK, T);
        String line = line(
                new MonitorService.Entry(api, checked(T.plus(Duration.ofDays(5).plusHours(2)))));
        assertThat(line).endsWith(" · :warning: cert 5 d");
        String far = line(new MonitorService.Entry(api, checked(T.plus(Duration.ofDays(60)))));
        assertThat(far).endsWith(" · cert 60 d");
        Monitor plain = new Monitor(
                2,
                MonitorValidator.validate(MonitorDraft.of("plain", "http://plain.example.com/"))
                        .settings(),
                Origin.SLACK,
                T);
        assertThat(line(new MonitorService.Entry(plain, checked(T.plus(Duration.ofDays(5))))))
                .doesNotContain("cert");
        assertThat(line(new MonitorService.Entry(api, MonitorState.pending(T)))).doesNotContain("cert");

        MonitorState state = checked(T.plus(Duration.ofDays(5).plusHours(2)));
        Reply check = CheckCommand.reply(new CheckResult.Checked(api, state.last(), state, null));
        String json = GsonFactory.createSnakeCase().toJson(check.blocks());
        assertThat(json).contains("Certificate: valid until").contains("cert 5 d");
    }

    @Test
    void aListOfAThousandHttpsServersWithCertificatesStaysInsideSlacksLimits() {
        List<MonitorService.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            MonitorSettings s = https("server-with-a-rather-long-name-" + i, i % 2 == 0 ? "30d" : null);
            entries.add(new MonitorService.Entry(
                    new Monitor(i, s, Origin.SLACK, T), checked(T.plus(Duration.ofDays(3 + i % 40)))));
        }
        Reply first = ListCommand.page(entries, 1);
        assertThat(first.blocks().size()).isLessThanOrEqualTo(BlockKit.MAX_MESSAGE_BLOCKS);
        String json = GsonFactory.createSnakeCase().toJson(first.blocks());
        assertThat(json).contains("cert 3 d").doesNotContain(BlockKit.CUT).doesNotContain("pw@");
        for (var b : first.blocks()) {
            if (b instanceof com.slack.api.model.block.SectionBlock s) {
                assertThat(s.getText().getText().length()).isLessThanOrEqualTo(BlockKit.SECTION_MAX);
            }
        }
    }
}
