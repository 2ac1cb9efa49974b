package dev.healthbot.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Validation of the request settings; a reason never quotes a header's value. */
class RequestSettingsTest {

    private static final String URL = "https://127.0.0.1:8443/health";
    private static final String SECRET = "Bearer s3cr3t-t0ken";

    private static MonitorValidator.Result validate(String url, Map<Field, String> more) {
        return MonitorValidator.validate(new MonitorDraft("api", url, null, null, null, null, null, null, null, more));
    }

    @Test
    void aRequestIsReadAndItsHeadersAreMaskedWhenShown() {
        var r = validate(
                URL,
                Map.of(
                        Field.METHOD, "post",
                        Field.BODY, "{\"probe\":true}",
                        Field.CONTENT_TYPE, "application/json; charset=utf-8",
                        Field.HEADERS, "Authorization: " + SECRET + "\nX-Team:payments",
                        Field.TLS_VERIFY, "false"));
        assertThat(r.errors()).isEmpty();
        RequestOptions req = r.settings().options().request();
        assertThat(req.method()).isEqualTo("POST");
        assertThat(req.headers())
                .containsExactly(
                        new RequestOptions.Header("Authorization", SECRET),
                        new RequestOptions.Header("X-Team", "payments"));
        assertThat(req.tlsVerify()).isFalse();
        assertThat(r.settings().toString()).doesNotContain("s3cr3t");
        assertThat(MonitorDraft.shown(r.settings().options()).get(Field.HEADERS))
                .isEqualTo("Authorization: ***\nX-Team: ***");
        // an edit form's draft keeps the secret so that saving it unchanged keeps the header
        assertThat(MonitorValidator.validate(MonitorDraft.from(r.settings())).settings())
                .isEqualTo(r.settings());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            METHOD       | DELETE                         | method must be GET, HEAD, POST or PUT
            BODY         | {"a":1}                        | a request body needs method=POST or PUT
            CONTENT_TYPE | json                           | a content type looks like application/json
            HEADERS      | no colon here                  | header 1 must look like Name: value
            HEADERS      | Bad Name: x                    | header 1 must look like Name: value
            HEADERS      | Host: example.com              | header Host is set by the probe itself
            HEADERS      | Content-Type: text/plain       | use content_type
            TLS_VERIFY   | maybe                          | TLS verification must be on or off
            """)
    void aBadRequestSettingIsRefusedOnItsField(Field field, String value, String reason) {
        var r = validate(URL, Map.of(field, value));
        assertThat(r.valid()).isFalse();
        assertThat(r.errors()).containsKey(field);
        assertThat(r.errors().get(field)).contains(reason);
    }

    @Test
    void aHeaderValueThatIsRefusedIsNotQuoted() {
        var r = validate(URL, Map.of(Field.HEADERS, "Authorization: " + SECRET + "\u0007"));
        assertThat(r.errors().get(Field.HEADERS))
                .contains("the value of header Authorization must be one line")
                .doesNotContain("s3cr3t");
    }

    @Test
    void requestSettingsNeedAnHttpUrlAndHeadHasNoBodyToCheck() {
        assertThat(validate("tcp://127.0.0.1:5432", Map.of(Field.METHOD, "POST"))
                        .errors())
                .containsEntry(
                        Field.METHOD,
                        "method, body, headers, tls_verify and follow_redirects need an http:// or https:// URL");
        assertThat(validate(URL, Map.of(Field.METHOD, "HEAD", Field.EXPECT_JSON, "$.a == 1"))
                        .errors())
                .containsEntry(Field.METHOD, "HEAD answers have no body for body or JSON assertions");
        assertThat(validate(URL, Map.of(Field.CONTENT_TYPE, "text/plain")).errors())
                .containsEntry(Field.CONTENT_TYPE, "a content type goes with a request body");
        String many = String.join("\n", java.util.Collections.nCopies(21, "X-A: 1"));
        assertThat(validate(URL, Map.of(Field.HEADERS, many)).errors().get(Field.HEADERS))
                .contains("at most 20 headers");
        assertThat(validate(URL, Map.of(Field.METHOD, "GET")).settings().options())
                .isEqualTo(ProbeOptions.DEFAULT);
        assertThat(List.of("GET", "HEAD", "POST", "PUT")).isEqualTo(RequestOptions.METHODS);
    }
}
