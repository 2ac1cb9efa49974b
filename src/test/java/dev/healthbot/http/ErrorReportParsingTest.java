package dev.healthbot.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.healthbot.errors.ErrorLevel;
import dev.healthbot.errors.ErrorReport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorReportParsingTest {

    private static ErrorReport plain(String json) throws BadReport {
        return PlainReports.parse(ReportBodies.object(json, "the body"));
    }

    @Test
    void aPlainReportWithEveryFieldIsRead() throws Exception {
        ErrorReport r = plain(
                """
                {"message":"boom","type":"TypeError","level":"fatal","environment":"prod","release":42,
                 "service":"web","file":"src/a.js","line":7,"user_agent":"UA",
                 "stack":[{"file":"src/a.js","function":"f","line":7,"in_app":true},"at g (lib.js:1:1)"],
                 "request":{"method":"GET","url":"/x","status":502,"id":"r-1","headers":{"Accept":"*/*"}},
                 "tags":{"page":"/x","nested":{"a":1}},"extra":{"list":[1,2]},"fingerprint":["a","b"]}
                """);
        assertThat(r.message()).isEqualTo("boom");
        assertThat(r.level()).isEqualTo(ErrorLevel.FATAL);
        assertThat(r.release()).isEqualTo("42");
        assertThat(r.frames()).hasSize(2);
        assertThat(r.frames().get(0).inApp()).isTrue();
        assertThat(r.request().status()).isEqualTo(502);
        assertThat(r.request().headers()).containsEntry("Accept", "*/*");
        assertThat(r.tags()).containsEntry("nested.a", "1");
        assertThat(r.extra()).containsEntry("list", "[1,2]");
        assertThat(r.fingerprint()).containsExactly("a", "b");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{} | message is required",
                "{\"message\":\"\"} | message is required",
                "{\"message\":5} | message must be a string",
                "{\"message\":\"m\",\"level\":\"loud\"} | level must be error, warning or fatal",
                "{\"message\":\"m\",\"stack\":5} | stack must be a string or a list of frames",
                "{\"message\":\"m\",\"stack\":[5]} | stack[0] must be a string or an object",
                "{\"message\":\"m\",\"request\":\"x\"} | request must be an object",
                "{\"message\":\"m\",\"request\":{\"status\":\"bad\"}} | request.status must be a whole number",
                "{\"message\":\"m\",\"line\":1.5} | line must be a whole number",
                "{\"message\":\"m\",\"tags\":[1]} | tags must be an object",
                "[1] | the body must be a JSON object",
                "{\"message\":\"m\"} x | not valid JSON",
                "{\"message\":'m'} | not valid JSON",
            })
    void badInputIsRefusedNamingTheField(String json, String reason) {
        assertThatThrownBy(() -> plain(json)).isInstanceOf(BadReport.class).hasMessageContaining(reason);
    }

    @Test
    void deepNestingInvalidUtf8AndBombsAreRefused() throws Exception {
        assertThatThrownBy(() -> ReportBodies.json("[".repeat(1000) + "]".repeat(1000), "the body"))
                .hasMessageContaining("nested more than");
        assertThatThrownBy(() -> ReportBodies.utf8(new byte[] {'{', (byte) 0xC3, 0x28, '}'}))
                .hasMessageContaining("not valid UTF-8");
        byte[] bomb = gzip(new byte[10 * 1024 * 1024]);
        assertThat(bomb.length).isLessThan(20 * 1024);
        assertThatThrownBy(() -> ReportBodies.decode(bomb, "gzip"))
                .isInstanceOf(BadReport.class)
                .satisfies(e -> assertThat(((BadReport) e).status()).isEqualTo(413));
        byte[] ok = gzip("{\"message\":\"m\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(ReportBodies.decode(ok, "gzip"), StandardCharsets.UTF_8))
                .isEqualTo("{\"message\":\"m\"}");
        assertThatThrownBy(() -> ReportBodies.decode(java.util.Arrays.copyOf(ok, ok.length - 5), "gzip"))
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> ReportBodies.decode(ok, "br"))
                .satisfies(e -> assertThat(((BadReport) e).status()).isEqualTo(415));
    }

    @Test
    void aSentryEnvelopeYieldsItsEventWithTheThrowingFrameFirst() throws Exception {
        String event =
                """
                {"event_id":"abc","level":"warning","environment":"staging","release":"api@2","server_name":"host-1",
                 "exception":{"values":[
                   {"type":"IOException","value":"root cause"},
                   {"type":"RuntimeException","module":"java.lang","value":"wrapped",
                    "stacktrace":{"frames":[{"module":"java.lang.Thread","function":"run","in_app":false},
                                            {"module":"shop.Api","function":"handle","filename":"Api.java","lineno":9,"in_app":true}]}}]},
                 "request":{"method":"POST","url":"https://x/y","query_string":"a=1","headers":[["User-Agent","curl/8"],["Cookie","s=1"]]},
                 "tags":[["service","orders"]],"breadcrumbs":{"values":[{"category":"http","message":"GET /a"},{"message":"b"}]}}
                """;
        byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
        String env = "{\"event_id\":\"abc\",\"dsn\":\"https://0123456789abcdef0123456789abcdef@h/1\"}\n"
                + "{\"type\":\"client_report\"}\n{}\n"
                + "{\"type\":\"event\",\"length\":" + bytes.length + "}\n" + event;
        SentryReports.Envelope e = SentryReports.envelope(env.getBytes(StandardCharsets.UTF_8));
        assertThat(e.dsnKey()).hasValue("0123456789abcdef0123456789abcdef");
        ErrorReport r = SentryReports.event(e.event().orElseThrow());
        assertThat(r.type()).isEqualTo("java.lang.RuntimeException");
        assertThat(r.message()).isEqualTo("wrapped");
        assertThat(r.level()).isEqualTo(ErrorLevel.WARNING);
        assertThat(r.frames().get(0).function()).isEqualTo("handle");
        assertThat(r.frames().get(0).inApp()).isTrue();
        assertThat(r.request().url()).isEqualTo("https://x/y?a=1");
        assertThat(r.userAgent()).isEqualTo("curl/8");
        assertThat(r.request().headers()).containsEntry("Cookie", "s=1");
        assertThat(r.service()).isEqualTo("orders");
        assertThat(r.breadcrumbs()).containsExactly("http: GET /a", "b");
    }

    @Test
    void envelopesThatEndEarlyAreRefusedAndOnesWithoutEventsCarryNone() throws Exception {
        assertThatThrownBy(() -> SentryReports.envelope(
                        "{}\n{\"type\":\"event\",\"length\":50}\n{}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> SentryReports.envelope("{}\n{\"type\":\"event\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("truncated");
        assertThat(SentryReports.envelope("{}\n{\"type\":\"session\"}\n{\"sid\":1}\n".getBytes(StandardCharsets.UTF_8))
                        .event())
                .isEmpty();
    }

    @Test
    void theKeyComesFromTheAuthHeaderOrTheQuery() {
        assertThat(SentryReports.key(Optional.of("Sentry sentry_version=7, sentry_key=abc, sentry_client=x"), ""))
                .hasValue("abc");
        assertThat(SentryReports.key(Optional.empty(), "sentry_version=7&sentry_key=def"))
                .hasValue("def");
        assertThat(SentryReports.key(Optional.empty(), "")).isEmpty();
    }

    static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }
}
