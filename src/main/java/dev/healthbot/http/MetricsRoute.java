package dev.healthbot.http;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code GET /metrics}: the bot's figures ({@link BotMetrics}) and the JVM's own, in the Prometheus
 * text format written by the Prometheus client library (which escapes label values). Thread-safe.
 */
public final class MetricsRoute implements Route {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    public MetricsRoute(BotMetrics bot) {
        registry.register(bot);
        JvmMetrics.builder().register(registry);
    }

    @Override
    public Reply handle(Call call) {
        return new Reply(200, writer.getContentType(), render(), Map.of());
    }

    /** One scrape in the text format. */
    public byte[] render() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            writer.write(out, registry.scrape(), EscapingScheme.ALLOW_UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
