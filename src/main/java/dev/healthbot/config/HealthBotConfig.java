package dev.healthbot.config;

import dev.healthbot.monitor.Durations;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bot's configuration, read once from the environment; immutable. Its {@code toString} never
 * shows a token.
 *
 * @param apiUrl the Slack Web API base URL, always ending in {@code /}
 * @param serversFile the YAML servers file, when {@code HEALTHBOT_SERVERS_FILE} is set
 * @param alertMaxAge how long a failing alert delivery is retried before it is given up
 * @param targets where probes may go ({@code HEALTHBOT_DENY_TARGETS}, {@code HEALTHBOT_ALLOW_TARGETS})
 * @param admins the Slack user ids ({@code U...}, {@code W...}) and user group ids ({@code S...}) that
 *     may change servers and subscriptions; empty means the workspace's admins and owners, or every member
 * @param everyMember {@code HEALTHBOT_ADMINS=members}: every full member may change servers and subscriptions
 * @param allowSharedChannels {@code HEALTHBOT_ALLOW_SHARED_CHANNELS=true}: alerts may go into channels shared with
 *     another organisation
 * @param http healthbot's own HTTP endpoint ({@code HEALTHBOT_HTTP_ADDR}, {@code HEALTHBOT_ADMIN_ADDR},
 *     {@code HEALTHBOT_PUBLIC_URL})
 * @param errors error reports ({@code HEALTHBOT_CORS_ORIGINS}, {@code HEALTHBOT_ERRORS_QUIET})
 * @param sources the inventory ({@code HEALTHBOT_SERVERS_URL} and the variables that go with it)
 */
public record HealthBotConfig(
        Secret botToken,
        Secret appToken,
        String apiUrl,
        Path database,
        Optional<Path> serversFile,
        Duration alertMaxAge,
        TargetRanges targets,
        List<String> admins,
        boolean everyMember,
        boolean allowSharedChannels,
        HttpSettings http,
        ErrorSettings errors,
        SourceSettings sources) {

    public HealthBotConfig {
        admins = admins == null ? List.of() : List.copyOf(admins);
        http = http == null ? HttpSettings.OFF : http;
        errors = errors == null ? ErrorSettings.DEFAULT : errors;
        sources = sources == null ? SourceSettings.NONE : sources;
    }

    public static final String BOT_TOKEN = "SLACK_BOT_TOKEN";
    public static final String APP_TOKEN = "SLACK_APP_TOKEN";
    public static final String API_URL = "SLACK_API_URL";
    public static final String DB = "HEALTHBOT_DB";
    public static final String SERVERS_FILE = "HEALTHBOT_SERVERS_FILE";
    public static final String ALERT_MAX_AGE = "HEALTHBOT_ALERT_MAX_AGE";
    public static final String ADMINS = "HEALTHBOT_ADMINS";
    public static final String MEMBERS = "members";
    public static final String ALLOW_SHARED_CHANNELS = "HEALTHBOT_ALLOW_SHARED_CHANNELS";
    public static final String LOG_FORMAT = "HEALTHBOT_LOG_FORMAT";
    public static final String DEFAULT_API_URL = "https://slack.com/api/";
    public static final String DEFAULT_DB = "db/healthbot.db";

    /** Reads the configuration; throws {@link ConfigException} naming every missing or malformed variable. */
    public static HealthBotConfig fromEnvironment(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Secret bot = token(env, BOT_TOKEN, "xoxb-", problems);
        Secret app = token(env, APP_TOKEN, "xapp-", problems);
        String apiUrl = apiUrl(env.getOrDefault(API_URL, ""), problems);
        Path db = storage(env);
        Optional<Path> servers = Optional.ofNullable(env.get(SERVERS_FILE))
                .filter(s -> !s.isBlank())
                .map(Path::of);
        Duration maxAge = Duration.ofHours(24);
        String maxAgeText = env.get(ALERT_MAX_AGE);
        if (maxAgeText != null && !maxAgeText.isBlank()) {
            try {
                maxAge = Durations.parse(maxAgeText);
            } catch (IllegalArgumentException e) {
                problems.add(ALERT_MAX_AGE + " must be a duration like 30m, 24h or 2d");
            }
        }
        TargetRanges targets = TargetRanges.fromEnvironment(env, problems);
        String adminsText = env.getOrDefault(ADMINS, "");
        boolean everyMember = adminsText.strip().equalsIgnoreCase(MEMBERS);
        List<String> admins = everyMember ? List.of() : admins(adminsText, problems);
        boolean allowShared = flag(env, ALLOW_SHARED_CHANNELS, problems);
        HttpSettings http = HttpSettings.fromEnvironment(env, problems);
        ErrorSettings errors = ErrorSettings.fromEnvironment(env, problems);
        SourceSettings sources = SourceSettings.fromEnvironment(env, problems);
        logFormat(env, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new HealthBotConfig(
                bot,
                app,
                apiUrl,
                db,
                servers,
                maxAge,
                targets,
                admins,
                everyMember,
                allowShared,
                http,
                errors,
                sources);
    }

    /** Where probes may go alone, for commands that need no Slack (check); throws {@link ConfigException}. */
    public static TargetRanges targets(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        TargetRanges targets = TargetRanges.fromEnvironment(env, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return targets;
    }

    /** The database path alone, for commands that need no Slack (export). */
    public static Path storage(Map<String, String> env) {
        String db = env.get(DB);
        return Path.of(db == null || db.isBlank() ? DEFAULT_DB : db);
    }

    /**
     * The log format, {@code text} (the default) or {@code json}, ignoring case; another value adds a
     * problem and gives {@code text}. The logging setup reads the same variable through this method.
     */
    public static String logFormat(Map<String, String> env, List<String> problems) {
        String value = env.getOrDefault(LOG_FORMAT, "").strip().toLowerCase(java.util.Locale.ROOT);
        if (value.isEmpty() || value.equals("text") || value.equals("json")) {
            return value.isEmpty() ? "text" : value;
        }
        problems.add(LOG_FORMAT + " must be text or json");
        return "text";
    }

    /** Comma-separated ids; each must look like a user ({@code U}/{@code W}) or user group ({@code S}) id. */
    static List<String> admins(String text, List<String> problems) {
        List<String> ids = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return ids;
        }
        String[] entries = text.split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            String id = entries[i].strip();
            if (ADMIN_ID.matcher(id).matches()) {
                if (!ids.contains(id)) {
                    ids.add(id);
                }
            } else {
                // Name a bad entry by its value only when it is short and plain, so a pasted token is never echoed.
                String shown = id.isEmpty()
                        ? "an empty entry"
                        : id.length() <= 24 && id.matches("[A-Za-z0-9_-]+") ? "'" + id + "'" : "entry " + (i + 1);
                problems.add(ADMINS + " has " + shown
                        + ", which is not a Slack user id (U..., W...) or user group id (S...); separate ids with commas,"
                        + " or set " + ADMINS + "=" + MEMBERS + " alone to let every member change");
            }
        }
        return ids;
    }

    /** {@code true} or {@code false} (any case); unset means false. */
    static boolean flag(Map<String, String> env, String name, List<String> problems) {
        String text = env.getOrDefault(name, "").strip();
        if (text.isEmpty() || text.equalsIgnoreCase("false")) {
            return false;
        }
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        problems.add(name + " must be true or false");
        return false;
    }

    private static final java.util.regex.Pattern ADMIN_ID = java.util.regex.Pattern.compile("[UWS][A-Z0-9]{2,20}");

    private static Secret token(Map<String, String> env, String name, String prefix, List<String> problems) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            problems.add(name + " is not set");
            return null;
        }
        value = value.strip();
        if (!value.startsWith(prefix)
                || value.length() < prefix.length() + 8
                || value.chars().anyMatch(Character::isWhitespace)) {
            problems.add(name + " is malformed: it must be a token starting with " + prefix);
            return null;
        }
        return new Secret(value);
    }

    private static String apiUrl(String text, List<String> problems) {
        if (text.isBlank()) {
            return DEFAULT_API_URL;
        }
        String url = text.strip();
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                problems.add(API_URL + " must be an http(s) URL like " + DEFAULT_API_URL);
                return null;
            }
        } catch (URISyntaxException e) {
            problems.add(API_URL + " must be an http(s) URL like " + DEFAULT_API_URL);
            return null;
        }
        return url.endsWith("/") ? url : url + "/";
    }
}
