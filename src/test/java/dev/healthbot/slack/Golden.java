package dev.healthbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.slack.api.util.json.GsonFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Pins Block Kit output to JSON files under src/test/resources/golden; {@code -Dgolden.update=true} rewrites them. */
final class Golden {

    private static final Gson SLACK = GsonFactory.createSnakeCase();
    private static final Gson PRETTY =
            new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    private static final Path DIR = Path.of("src/test/resources/golden");

    private Golden() {}

    static void assertMatches(String name, Object value) {
        JsonElement actual = SLACK.toJsonTree(value);
        Path file = DIR.resolve(name + ".json");
        try {
            if (Boolean.getBoolean("golden.update") || !Files.exists(file)) {
                Files.createDirectories(DIR);
                Files.writeString(file, PRETTY.toJson(actual) + "\n", StandardCharsets.UTF_8);
                assertThat(Boolean.getBoolean("golden.update") || System.getenv("CI") == null)
                        .as("golden file " + file + " is missing; run the test locally to create it")
                        .isTrue();
            }
            JsonElement expected = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            assertThat(PRETTY.toJson(actual)).as("golden " + file).isEqualTo(PRETTY.toJson(expected));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
