package dev.healthbot.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bytes of a WebSocket probe's handshake that Java-WebSocket's draft does not handle itself:
 * reading the server's answer head off a blocking socket, writing the draft's buffers, and naming a
 * refused handshake for the probe's detail.
 */
final class WebSocketWire {

    /** The most a handshake answer's status line and headers may take. */
    static final int MAX_HEAD_BYTES = 16 * 1024;

    private static final Pattern BAD_STATUS =
            Pattern.compile("Invalid status code received: (\\d{3}) Status line: \\S+ \\d{3} ?(.*)");

    private WebSocketWire() {}

    /** The answer's status line and headers, or null when the stream ends first. */
    static ByteBuffer readHead(InputStream in) throws IOException {
        byte[] buf = new byte[1024];
        int n = 0;
        while (true) {
            int end = headEnd(buf, n);
            if (end >= 0) {
                return ByteBuffer.wrap(buf, 0, end);
            }
            if (n == MAX_HEAD_BYTES) {
                throw new ProtocolException("WebSocket handshake answer larger than 16 KiB");
            }
            if (n == buf.length) {
                buf = Arrays.copyOf(buf, Math.min(MAX_HEAD_BYTES, buf.length * 2));
            }
            int read = in.read(buf, n, buf.length - n);
            if (read < 0) {
                return null;
            }
            n += read;
        }
    }

    /** The index just past the blank line that ends the head, or -1. */
    private static int headEnd(byte[] buf, int n) {
        for (int i = 3; i < n; i++) {
            if (buf[i] == '\n' && buf[i - 1] == '\r' && buf[i - 2] == '\n' && buf[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    /** Writes a buffer of the draft's without moving its position. */
    static void write(OutputStream out, ByteBuffer b) throws IOException {
        byte[] bytes = new byte[b.remaining()];
        b.duplicate().get(bytes);
        out.write(bytes);
    }

    /**
     * The probe's detail for a handshake the draft refused: "HTTP 404 Not Found instead of 101" when
     * the server answered with another status, else the draft's reason, cleaned.
     */
    static String closeDetail(String reason) {
        String text = reason == null ? "" : reason;
        Matcher bad = BAD_STATUS.matcher(text);
        if (bad.find()) {
            return "WebSocket handshake failed: " + HttpStatusText.of(Integer.parseInt(bad.group(1)), bad.group(2))
                    + " instead of 101";
        }
        String cleaned = ProbeSupport.clean(text);
        return "WebSocket handshake failed" + (cleaned.isEmpty() ? "" : ": " + cleaned);
    }
}
