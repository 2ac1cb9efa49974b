package dev.healthbot;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Generated malformed error reports (wrong types, deep nesting, huge strings, invalid UTF-8, broken envelopes, gzip
 * bombs) sent one at a time to a running bot's endpoint, each answer checked (400, 413 or 415 with a reason) and its
 * time from send to answer recorded. {@link ErrorBadInputIT} asserts the answers; {@code bench.BadBodiesBench}
 * reports the times. Bounded: a fixed count, each request with a 10 s timeout, all on 127.0.0.1.
 */
public final class BadBodies {

    /** One malformed request: where it goes, its body and its Content-Encoding (null for none). */
    record Bad(String kind, String path, byte[] body, String encoding) {}

    /**
     * What {@link #fire} saw.
     *
     * @param byKind the nanoseconds from send to answer of each body, by kind of body
     * @param wrong each answer that was not a 4xx with a reason, described
     */
    public record Fired(int count, Map<String, List<Long>> byKind, List<String> wrong) {

        public List<Long> all() {
            List<Long> out = new ArrayList<>();
            byKind.values().forEach(out::addAll);
            return out;
        }

        /** The {@code p}th percentile (nearest rank) in milliseconds; 0 for none. */
        public static double percentile(List<Long> nanos, int p) {
            if (nanos.isEmpty()) {
                return 0;
            }
            List<Long> sorted = new ArrayList<>(nanos);
            sorted.sort(null);
            int rank = (int) Math.ceil(p / 100.0 * sorted.size());
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1))) / 1e6;
        }
    }

    private BadBodies() {}

    /** Sends {@code count} generated bad bodies (the same ones for the same {@code seed}) to the bot on {@code port}. */
    public static Fired fire(int port, String sourceId, int count, long seed) throws Exception {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Random random = new Random(seed);
        byte[] bomb = gzip(new byte[10 * 1024 * 1024]);
        Map<String, List<Long>> byKind = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Bad bad = generate(i, random, sourceId, bomb);
            // A fresh made-up key per request: the rate limiter never answers first, the parser does.
            String key = HexFormat.of().formatHex(longBytes(random.nextLong(), random.nextLong()));
            // Likewise a made-up project id on Sentry's paths (the limiter keys them by id).
            String path = bad.path()
                    .replace("{key}", key)
                    .replace("{id}", Long.toString(1_000_000 + (random.nextLong() & 0xffffffffL)));
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10))
                    .header("X-Sentry-Auth", "Sentry sentry_key=" + key)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bad.body()));
            if (bad.encoding() != null) {
                b.header("Content-Encoding", bad.encoding());
            }
            long start = System.nanoTime();
            if (bad.body().length > 64 * 1024) {
                // The endpoint answers 413 from the length and closes: read that answer over a plain socket.
                String status = raw(port, path, bad.body());
                byKind.computeIfAbsent(bad.kind(), k -> new ArrayList<>()).add(System.nanoTime() - start);
                if (!status.startsWith("HTTP/1.1 413 ")) {
                    wrong.add(bad.kind() + " -> " + status);
                }
                continue;
            }
            HttpResponse<String> r;
            try {
                r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                wrong.add(bad.kind() + " -> " + e);
                continue;
            }
            byKind.computeIfAbsent(bad.kind(), k -> new ArrayList<>()).add(System.nanoTime() - start);
            if (!(r.statusCode() == 400 || r.statusCode() == 413 || r.statusCode() == 415)
                    || r.body().isBlank()) {
                wrong.add(bad.kind() + " -> " + r.statusCode() + " " + r.body());
            }
        }
        return new Fired(count, byKind, wrong);
    }

    /** The status of {@code GET /healthz}. */
    public static int healthz(int port) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    static Bad generate(int i, Random random, String id, byte[] bomb) throws Exception {
        String plain = "/errors/{key}";
        String envelope = "/api/{id}/envelope/";
        String store = "/api/{id}/store/";
        return switch (i % 16) {
            case 0 -> json("message not a string", plain, "{\"message\":" + random.nextInt() + "}");
            case 1 -> json("no message", plain, "{\"type\":\"Error\",\"stack\":\"at x\"}");
            case 2 -> json("bad level", plain, "{\"message\":\"m\",\"level\":\"loud" + random.nextInt(100) + "\"}");
            case 3 -> json("stack of numbers", plain, "{\"message\":\"m\",\"stack\":" + random.nextInt() + "}");
            case 4 -> json("request a string", plain, "{\"message\":\"m\",\"request\":\"GET /\"}");
            case 5 -> json("line not a number", plain, "{\"message\":\"m\",\"line\":\"twelve\"}");
            case 6 ->
                json(
                        "deep nesting",
                        plain,
                        "{\"message\":\"m\",\"extra\":" + "[".repeat(40 + random.nextInt(4000)) + "]".repeat(10));
            case 7 ->
                new Bad(
                        "huge string",
                        plain,
                        ("{\"message\":\"" + "x".repeat(70_000 + random.nextInt(10_000)) + "\"}")
                                .getBytes(StandardCharsets.UTF_8),
                        null);
            case 8 -> {
                byte[] b = "{\"message\":\"caf\u00e9 ??\"}".getBytes(StandardCharsets.UTF_8);
                b[b.length - 4] = (byte) 0xC3;
                b[b.length - 3] = (byte) (0x28 + random.nextInt(8));
                yield new Bad("invalid UTF-8", plain, b, null);
            }
            case 9 -> {
                byte[] b = new byte[1 + random.nextInt(2000)];
                random.nextBytes(b);
                b[0] = '{';
                yield new Bad("random bytes", plain, b, null);
            }
            case 10 ->
                json(
                        "truncated JSON",
                        plain,
                        "{\"message\":\"m\",\"tags\":{\"a\":\"b\"".substring(0, 5 + random.nextInt(20)));
            case 11 -> new Bad("gzip bomb", i % 32 == 11 ? plain : envelope, bomb, "gzip");
            case 12 -> json("envelope without header", envelope, "\n{\"type\":\"event\"}\n{}");
            case 13 ->
                json(
                        "envelope item past the end",
                        envelope,
                        "{}\n{\"type\":\"event\",\"length\":" + (100 + random.nextInt(1000))
                                + "}\n{\"message\":\"m\"}");
            case 14 -> json("event not an object", store, "[" + random.nextInt() + "]");
            default ->
                json("exception values wrong", store, "{\"exception\":{\"values\":\"" + random.nextInt() + "\"}}");
        };
    }

    /** POSTs over a socket and returns the status line; the server may close before the body is all sent. */
    private static String raw(int port, String path, byte[] body) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + body.length
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            try {
                out.write(body);
                out.flush();
            } catch (java.io.IOException e) {
                // closed after the answer: read it
            }
            var in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String line = in.readLine();
            return line == null ? "no answer" : line;
        }
    }

    private static Bad json(String kind, String path, String body) {
        return new Bad(kind, path, body.getBytes(StandardCharsets.UTF_8), null);
    }

    private static byte[] longBytes(long a, long b) {
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (a >>> (8 * i));
            out[8 + i] = (byte) (b >>> (8 * i));
        }
        return out;
    }

    static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }
}
