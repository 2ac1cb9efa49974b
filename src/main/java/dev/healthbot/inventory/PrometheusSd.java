package dev.healthbot.inventory;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import dev.healthbot.monitor.MonitorDraft;
import dev.healthbot.monitor.MonitorSettings;
import dev.healthbot.monitor.MonitorValidator;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads Prometheus' HTTP service discovery JSON ({@code [{"targets": ["host:port"], "labels": {...}}]})
 * as servers. Each target is probed at {@code <__scheme__>://<target><__metrics_path__>} ({@code http}
 * and {@code /} when absent); the labels {@code environment}, {@code interval} and {@code timeout} set
 * those settings; other labels are ignored. Naming: the {@code name} label for a group with one target;
 * {@code <name>-<host>-<port>} for each target of a group with several; {@code <host>-<port>} without a
 * {@code name} label (characters a name may not hold become {@code -}). Pure; thread-safe.
 */
public final class PrometheusSd {

    private PrometheusSd() {}

    /** True when the document looks like HTTP SD JSON (a top-level array), not a servers file. */
    public static boolean looksLike(String body) {
        return body.stripLeading().startsWith("[");
    }

    /** Parses and validates the document; throws {@link InventoryException} naming each group and target at fault. */
    public static List<MonitorSettings> parse(String body) {
        JsonElement root;
        try {
            JsonReader reader = new JsonReader(new StringReader(body));
            reader.setStrictness(Strictness.STRICT);
            root = JsonParser.parseReader(reader);
        } catch (JsonParseException | IllegalStateException e) {
            throw new InventoryException(List.of("not valid JSON (" + firstLine(e.getMessage()) + ")"));
        }
        if (!root.isJsonArray()) {
            throw new InventoryException(List.of("expected a JSON array of {\"targets\": [...], \"labels\": {...}}"));
        }
        List<String> problems = new ArrayList<>();
        List<MonitorSettings> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        JsonArray groups = root.getAsJsonArray();
        for (int g = 0; g < groups.size(); g++) {
            String where = "group " + (g + 1);
            if (!groups.get(g).isJsonObject()) {
                problems.add(where + ": expected {\"targets\": [...], \"labels\": {...}}");
                continue;
            }
            JsonObject group = groups.get(g).getAsJsonObject();
            if (!group.has("targets") || !group.get("targets").isJsonArray()) {
                problems.add(where + ": targets: a list of \"host:port\" is required");
                continue;
            }
            Map<String, String> labels = new java.util.HashMap<>();
            if (group.has("labels")) {
                if (!group.get("labels").isJsonObject()) {
                    problems.add(where + ": labels: expected an object of strings");
                    continue;
                }
                for (Map.Entry<String, JsonElement> e :
                        group.getAsJsonObject("labels").entrySet()) {
                    if (!e.getValue().isJsonPrimitive()) {
                        problems.add(where + ": labels." + e.getKey() + ": expected a string");
                        continue;
                    }
                    labels.put(e.getKey(), e.getValue().getAsString());
                }
            }
            JsonArray targets = group.getAsJsonArray("targets");
            for (int t = 0; t < targets.size(); t++) {
                String at = where + " target " + (t + 1);
                JsonElement target = targets.get(t);
                if (!target.isJsonPrimitive() || target.getAsString().isBlank()) {
                    problems.add(at + ": expected \"host:port\"");
                    continue;
                }
                String hostPort = target.getAsString().strip();
                String name = name(labels.get("name"), hostPort, targets.size());
                String scheme = labels.getOrDefault("__scheme__", "http").strip();
                String path = labels.getOrDefault("__metrics_path__", "/").strip();
                if (!path.startsWith("/")) {
                    path = "/" + path;
                }
                MonitorValidator.Result r = MonitorValidator.validate(new MonitorDraft(
                        name,
                        scheme + "://" + hostPort + path,
                        labels.get("environment"),
                        labels.get("interval"),
                        labels.get("timeout"),
                        null,
                        null,
                        null,
                        null));
                if (!r.valid()) {
                    r.errors()
                            .forEach((f, m) -> problems.add(
                                    at + " (" + hostPort + "): " + f.name().toLowerCase(Locale.ROOT) + ": " + m));
                    continue;
                }
                if (!names.add(r.settings().name().toLowerCase(Locale.ROOT))) {
                    problems.add(at + ": name " + r.settings().name() + " is listed twice");
                    continue;
                }
                out.add(r.settings());
            }
        }
        if (!problems.isEmpty()) {
            throw new InventoryException(problems);
        }
        return out;
    }

    /** The naming rule of the class comment. */
    static String name(String label, String hostPort, int targetsInGroup) {
        String fromTarget = hostPort.replaceAll("[\\[\\]]", "").replaceAll("[^A-Za-z0-9._-]", "-");
        if (label == null || label.isBlank()) {
            return fromTarget;
        }
        return targetsInGroup == 1 ? label.strip() : label.strip() + "-" + fromTarget;
    }

    private static String firstLine(String s) {
        String m = String.valueOf(s);
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
