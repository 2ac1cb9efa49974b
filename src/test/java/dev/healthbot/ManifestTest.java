package dev.healthbot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The manifest a workspace admin pastes must validate and declare what the bot uses. */
class ManifestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode manifest() throws Exception {
        Object yaml = new Yaml().load(Files.readString(Path.of("manifest.yml")));
        return JSON.valueToTree(yaml);
    }

    private static Path schemaFile() {
        for (Path p : List.of(
                Path.of("src/test/resources/slack/manifest.schema.1.0.0.json"),
                Path.of("../shared/slack/manifest.schema.1.0.0.json"))) {
            if (Files.exists(p)) {
                return p;
            }
        }
        throw new AssertionError("manifest schema not found");
    }

    @Test
    void manifestValidatesAgainstSlacksSchema() throws Exception {
        JsonSchema schema =
                JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(Files.readString(schemaFile()));
        Set<ValidationMessage> errors = schema.validate(manifest());
        assertThat(errors).isEmpty();
    }

    @Test
    void manifestDeclaresSocketModeTheCommandTheHomeTabAndScopes() throws Exception {
        JsonNode m = manifest();
        assertThat(m.at("/settings/socket_mode_enabled").asBoolean()).isTrue();
        assertThat(m.at("/settings/interactivity/is_enabled").asBoolean()).isTrue();
        assertThat(m.at("/features/slash_commands/0/command").asText()).isEqualTo("/health");
        assertThat(m.at("/features/app_home/home_tab_enabled").asBoolean()).isTrue();
        assertThat(m.at("/settings/event_subscriptions/bot_events").toString()).contains("app_home_opened");
        assertThat(m.at("/features/bot_user/display_name").asText()).isNotBlank();
        List<String> scopes = new java.util.ArrayList<>();
        m.at("/oauth_config/scopes/bot").forEach(n -> scopes.add(n.asText()));
        assertThat(scopes).contains("commands", "chat:write", "chat:write.public");
        // Finding a post again after a crash reads the channel's history and the thread's replies.
        assertThat(scopes).contains("channels:history", "groups:history");
        assertThat(JSON.convertValue(m, Map.class)).doesNotContainKey("request_url");
    }
}
