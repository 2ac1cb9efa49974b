package dev.healthbot.inventory;

import dev.healthbot.monitor.MonitorSettings;
import dev.healthbot.monitor.Origin;
import dev.healthbot.monitor.SourceReader;
import dev.healthbot.serversfile.ServersFile;
import dev.healthbot.serversfile.ServersFileException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The inventory at {@code HEALTHBOT_SERVERS_URL} as a source: each {@link #read} is one GET with {@code
 * If-None-Match} (a 304 costs nothing), answering the servers-file format (YAML or JSON) or Prometheus
 * HTTP SD JSON ({@link PrometheusSd}). The optional header (auth) is sent and never logged or shown;
 * neither is the URL's user info or query. Called from one thread (the source poller).
 */
public final class HttpInventory implements SourceReader {

    /** The most an answer may hold, like the servers file. */
    static final int MAX_BYTES = ServersFile.MAX_CHARACTERS;

    private final OkHttpClient client;
    private final String url;
    private final Optional<String> headerName;
    private final Optional<String> headerValue;
    private String etag;

    /**
     * @param client the HTTP client (its timeouts bound each read)
     * @param header one {@code Name: value} header, a secret, or empty
     */
    public HttpInventory(OkHttpClient client, String url, Optional<String> header) {
        this.client = client;
        this.url = url;
        this.headerName = header.map(h -> h.substring(0, h.indexOf(':')).strip());
        this.headerValue = header.map(h -> h.substring(h.indexOf(':') + 1).strip());
    }

    /**
     * A client for reading inventories: whole call bounded by {@code timeout}; no redirects, so the
     * secret header never follows one to another host (a 3xx is a failure naming its status).
     */
    public static OkHttpClient client(Duration timeout) {
        return new OkHttpClient.Builder()
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .callTimeout(timeout)
                .followRedirects(false)
                .followSslRedirects(false)
                .build();
    }

    @Override
    public Origin origin() {
        return Origin.INVENTORY;
    }

    @Override
    public Read read() {
        Request.Builder request = new Request.Builder().url(url).header("Accept", "application/json, application/yaml");
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        if (headerName.isPresent()) {
            request.header(headerName.get(), headerValue.get());
        }
        try (Response response = client.newCall(request.build()).execute()) {
            if (response.code() == 304 && etag != null) {
                return new Read.Unchanged();
            }
            if (!response.isSuccessful()) {
                return new Read.Failed("HTTP " + response.code());
            }
            String body = body(response.body());
            if (body == null) {
                return new Read.Failed("the answer is larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
            }
            List<MonitorSettings> servers = parse(body);
            etag = response.header("ETag");
            return new Read.Listed(servers);
        } catch (InventoryException e) {
            return new Read.Failed("invalid document: " + String.join("; ", e.problems()));
        } catch (ServersFileException e) {
            return new Read.Failed("invalid document: " + String.join("; ", e.problems()));
        } catch (InterruptedIOException e) {
            return new Read.Failed("timeout");
        } catch (ConnectException e) {
            return new Read.Failed("connection refused");
        } catch (UnknownHostException e) {
            return new Read.Failed("unknown host");
        } catch (IOException | IllegalArgumentException e) {
            return new Read.Failed("cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The document in either format: HTTP SD JSON when it is a top-level array, else the servers file. */
    static List<MonitorSettings> parse(String body) {
        if (PrometheusSd.looksLike(body)) {
            return PrometheusSd.parse(body);
        }
        return ServersFile.parse("inventory", new StringReader(body));
    }

    @Override
    public void retryNext() {
        etag = null;
    }

    private static String body(ResponseBody body) throws IOException {
        if (body == null) {
            return "";
        }
        try (InputStream in = body.byteStream()) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            return bytes.length > MAX_BYTES ? null : new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
