package dev.healthbot.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactionTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Authorization: Bearer abcdefghijklmnop | Authorization: [redacted]",
                "cookie=sid=12345678; theme=dark | cookie=[redacted]; theme=dark",
                "Set-Cookie: session=abc123456789 | Set-Cookie: [redacted]",
                "X-Api-Key: k-1234567890 | X-Api-Key: [redacted]",
                "{\"password\":\"hunter2\",\"user\":\"ann\"} | {\"password\":[redacted],\"user\":\"ann\"}",
                "https://api.example.com/x?access_token=abc&page=2 | https://api.example.com/x?access_token=[redacted]&page=2",
                "https://bob:pa55word@db.example.com/x | https://[redacted]@db.example.com/x",
                "api_key=s3cr3t and client_secret: xyz | api_key=[redacted] and client_secret: [redacted]",
                "sent Bearer eyJhbGciOiJIUzI1NiJ9.payload to the API | sent Bearer [redacted] to the API",
                "order 123 failed for a@example.com | order 123 failed for a@example.com",
            })
    void secretsInTextAreReplacedAndTheRestIsKept(String input, String expected) {
        assertThat(Redaction.text(input)).isEqualTo(expected);
    }

    @Test
    void mapValuesOfSecretNamesAreReplacedWhateverTheNesting() {
        Map<String, String> in = new LinkedHashMap<>();
        in.put("config.headers.Authorization", "Bearer abc");
        in.put("config.headers.X-Api-Key", "k");
        in.put("Cookie", "a=b");
        in.put("user.password", "x");
        in.put("stripe_secret", "sk_live_1");
        in.put("csrfToken", "t");
        in.put("page", "/checkout?token=abc");
        in.put("count", "3");
        Map<String, String> out = Redaction.map(in);
        assertThat(out)
                .containsEntry("config.headers.Authorization", "[redacted]")
                .containsEntry("config.headers.X-Api-Key", "[redacted]")
                .containsEntry("Cookie", "[redacted]")
                .containsEntry("user.password", "[redacted]")
                .containsEntry("stripe_secret", "[redacted]")
                .containsEntry("csrfToken", "[redacted]")
                .containsEntry("page", "/checkout?token=[redacted]")
                .containsEntry("count", "3");
    }

    @Test
    void aSampleKeepsNoSecretFromAnyField() {
        ErrorReport r = new ErrorReport(
                "login failed for password=hunter2",
                "AuthError",
                ErrorLevel.ERROR,
                "prod",
                "1.0",
                "api",
                java.util.List.of(),
                "Error: token=abc123\n    at login (src/auth.js:3:1)",
                new ErrorReport.Request(
                        "POST",
                        "https://x.example.com/login?api_key=zzz",
                        401,
                        "r1",
                        Map.of("Authorization", "Basic dXNlcjpwYXNzd29yZA==")),
                null,
                null,
                null,
                Map.of("session_id", "s1"),
                Map.of("body", "{\"password\":\"hunter2\"}"),
                java.util.List.of(),
                java.util.List.of("fetch Authorization: Bearer qwertyuiop"));
        ErrorSample s = ErrorSample.of(r);
        String all = s.message() + s.stack() + s.details();
        assertThat(all).doesNotContain("hunter2", "abc123", "zzz", "dXNlcjpwYXNzd29yZA", "s1\n", "qwertyuiop");
        assertThat(s.details()).contains("Header Authorization: [redacted]", "→ 401");
    }
}
