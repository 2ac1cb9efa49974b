package dev.healthbot.http;

import java.util.stream.Collectors;

/** {@code GET /healthz}: 200 with a short JSON body when the bot is alive, 503 with the reasons otherwise. */
public final class HealthRoute implements Route {

    private final Liveness liveness;

    public HealthRoute(Liveness liveness) {
        this.liveness = liveness;
    }

    @Override
    public Reply handle(Call call) {
        Liveness.Report r = liveness.check();
        StringBuilder json = new StringBuilder(160);
        json.append("{\"status\":\"").append(r.alive() ? "ok" : "unavailable").append('"');
        json.append(",\"slack\":\"")
                .append(r.slack() ? "connected" : "disconnected")
                .append('"');
        json.append(",\"scheduler\":\"")
                .append(r.scheduler() ? "running" : "stopped")
                .append('"');
        json.append(",\"database\":\"")
                .append(r.databaseWrite().isPresent() ? "ok" : "failing")
                .append('"');
        r.databaseWrite().ifPresent(d -> json.append(",\"databaseWriteMs\":").append(d.toNanos() / 1e6));
        if (!r.alive()) {
            json.append(",\"reasons\":[")
                    .append(r.problems().stream().map(HealthRoute::quoted).collect(Collectors.joining(",")))
                    .append(']');
        }
        json.append('}');
        return Reply.json(r.alive() ? 200 : 503, json.toString());
    }

    /** Our reasons are fixed phrases and class names; escaping keeps the body JSON whatever they hold. */
    private static String quoted(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
