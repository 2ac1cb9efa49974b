package dev.healthbot.slack.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.monitor.Field;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgsTest {

    @Test
    void aTextOptionRunsOnToTheNextKnownOption() {
        Args a = Args.parse(
                "api http://x/health expect_json=$.status == \"a=b\" and $.v &lt; 0.9 every=30s expect_body=\"all good\"",
                AddCommand.OPTIONS,
                AddCommand.TEXT);
        assertThat(a.words()).containsExactly("api", "http://x/health");
        assertThat(a.options())
                .containsEntry("expect_json", "$.status == \"a=b\" and $.v < 0.9")
                .containsEntry("every", "30s")
                .containsEntry("expect_body", "\"all good\"");
        Map<Field, String> more = AddCommand.more(a.options());
        assertThat(more).containsEntry(Field.EXPECT_BODY, "all good");
        assertThat(more).containsEntry(Field.EXPECT_JSON, "$.status == \"a=b\" and $.v < 0.9");
    }

    @Test
    void plainParsingIsUnchanged() {
        Args a = Args.parse("add api http://x/ every=30s == \"UP\"");
        assertThat(a.words()).isEqualTo(List.of("add", "api", "http://x/", "==", "\"UP\""));
        assertThat(a.options()).isEqualTo(Map.of("every", "30s"));
    }
}
