package dev.healthbot.http;

import dev.healthbot.monitor.HeartbeatService;
import dev.healthbot.monitor.Ping;
import dev.healthbot.monitor.PingKey;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET|POST /ping/<key>[/fail|/start|/<exit code>]}: hands the ping to {@link HeartbeatService}
 * and answers 200, or 404 for a key no heartbeat has. A key never reaches a log line whole (its first
 * four characters at most). Thread-safe; runs on the endpoint's pool.
 */
public final class PingRoute implements Route {

    public static final String PREFIX = "/ping/";

    private static final Logger LOG = LoggerFactory.getLogger(PingRoute.class);

    private final HeartbeatService heartbeats;

    public PingRoute(HeartbeatService heartbeats) {
        this.heartbeats = heartbeats;
    }

    @Override
    public Reply handle(Call call) {
        Optional<Ping> ping = Ping.parse(call.rest());
        if (ping.isEmpty()) {
            LOG.info("ping refused key={} reason=path", PingKey.hint(call.key()));
            return Reply.text(
                    404,
                    "not a ping path: use /ping/<key>, /ping/<key>/start, /ping/<key>/fail or /ping/<key>/<exit code>");
        }
        HeartbeatService.PingAnswer answer = heartbeats.ping(ping.get(), call.body());
        if (answer instanceof HeartbeatService.PingAnswer.Accepted) {
            return Reply.text(200, "OK");
        }
        LOG.info("ping unknown key={}", PingKey.hint(call.key()));
        return Reply.text(404, "no heartbeat has this key");
    }
}
