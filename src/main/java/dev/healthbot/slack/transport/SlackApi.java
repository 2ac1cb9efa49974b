package dev.healthbot.slack.transport;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.MethodsConfig;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Slack Web API client for one bot: a {@link Slack} built from its own {@link SlackConfig}
 * pointed at the configured base URL, and the bot token's methods client. Thread-safe; close once.
 */
public final class SlackApi implements AutoCloseable {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final Slack slack;
    private final String botToken;
    private final String appToken;
    private final MethodsClient methods;

    public SlackApi(String botToken, String appToken, String apiUrl) {
        this.botToken = botToken;
        this.appToken = appToken;
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(apiUrl);
        // The SDK reads HTTPS_PROXY on its own and ignores NO_PROXY; no proxy unless configured.
        config.setProxyUrl(null);
        config.setHttpClientCallTimeoutMillis(10_000);
        config.setHttpClientReadTimeoutMillis(10_000);
        config.setHttpClientWriteTimeoutMillis(10_000);
        config.setFailOnUnknownProperties(false);
        // Stats would call auth.test for every token through a JVM-wide cache and log its failures
        // with stack traces; the bot checks its tokens itself at start.
        config.setStatsEnabled(false);
        // The async client's executors are static per name: one name per bot keeps instances apart.
        MethodsConfig methodsConfig = new MethodsConfig();
        methodsConfig.setExecutorName("healthbot-" + INSTANCES.incrementAndGet());
        config.setMethodsConfig(methodsConfig);
        this.slack = Slack.getInstance(config);
        this.methods = slack.methods(botToken);
    }

    Slack slack() {
        return slack;
    }

    String botToken() {
        return botToken;
    }

    String appToken() {
        return appToken;
    }

    /** The Web API client with the bot token. */
    public MethodsClient methods() {
        return methods;
    }

    /** The Web API client with the app-level token. */
    MethodsClient appMethods() {
        return slack.methods(appToken);
    }

    @Override
    public void close() {
        try {
            slack.close();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(SlackApi.class).warn("slack client close failed error={}", e.toString());
        }
    }
}
