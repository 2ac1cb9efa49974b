package dev.healthbot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The README's Scopes table says why each bot scope of the manifest is there, and names no other. */
class ScopesReadmeTest {

    @Test
    void everyBotScopeOfTheManifestHasItsRowInTheReadmeAndNoRowIsLeftOver() throws Exception {
        Map<String, Object> manifest = new Yaml().load(Files.readString(Path.of("manifest.yml")));
        @SuppressWarnings("unchecked")
        List<String> scopes = (List<String>) ((Map<String, Map<String, Object>>) manifest.get("oauth_config"))
                .get("scopes")
                .get("bot");
        String readme = Files.readString(Path.of("README.md"));
        String table = readme.substring(readme.indexOf("### Scopes"), readme.indexOf("connections:write` only"));
        List<String> rows = table.lines()
                .filter(l -> l.startsWith("| `"))
                .map(l -> l.substring(3, l.indexOf('`', 3)))
                .toList();
        assertThat(rows).containsExactlyInAnyOrderElementsOf(scopes);
    }
}
