package dev.healthbot.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebSocketWireTest {

    private static final String HEAD = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n";

    private static String text(ByteBuffer b) {
        return StandardCharsets.US_ASCII.decode(b.duplicate()).toString();
    }

    /** A stream that hands out one byte per read, as a slow server's packets would. */
    private static InputStream trickle(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }

    @Test
    void theHeadEndsAtTheBlankLineAndLeavesTheFramesAfterIt() throws Exception {
        InputStream in = new ByteArrayInputStream((HEAD + "\u0088\u0000").getBytes(StandardCharsets.ISO_8859_1));
        assertThat(text(WebSocketWire.readHead(in))).isEqualTo(HEAD);
    }

    @Test
    void aHeadArrivingAByteAtATimeIsWhole() throws Exception {
        String big = "HTTP/1.1 101 Switching Protocols\r\nX-Pad: " + "p".repeat(3000) + "\r\n\r\n";
        assertThat(text(WebSocketWire.readHead(trickle(big)))).isEqualTo(big);
    }

    @Test
    void aStreamEndingBeforeTheBlankLineHasNoHead() throws Exception {
        assertThat(WebSocketWire.readHead(trickle("HTTP/1.1 101 Switching Protocols\r\n")))
                .isNull();
    }

    @Test
    void aHeadLargerThan16KiBIsRefused() {
        String endless = "HTTP/1.1 101 Switching Protocols\r\nX-Pad: " + "p".repeat(WebSocketWire.MAX_HEAD_BYTES);
        assertThatThrownBy(() -> WebSocketWire.readHead(new ByteArrayInputStream(endless.getBytes())))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("WebSocket handshake answer larger than 16 KiB");
    }

    @Test
    void writeLeavesTheBuffersPositionAlone() throws Exception {
        ByteBuffer b = ByteBuffer.wrap("frame".getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WebSocketWire.write(out, b);
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("frame");
        assertThat(b.remaining()).isEqualTo(5);
    }

    @Test
    void aRefusedHandshakeIsNamedByTheServersStatus() {
        assertThat(WebSocketWire.closeDetail("Invalid status code received: 404 Status line: HTTP/1.1 404 Not Found"))
                .isEqualTo("WebSocket handshake failed: HTTP 404 Not Found instead of 101");
        assertThat(WebSocketWire.closeDetail("Invalid status code received: 200 Status line: HTTP/1.1 200"))
                .isEqualTo("WebSocket handshake failed: HTTP 200 OK instead of 101");
        assertThat(WebSocketWire.closeDetail("missing Sec-WebSocket-Accept"))
                .isEqualTo("WebSocket handshake failed: missing Sec-WebSocket-Accept");
        assertThat(WebSocketWire.closeDetail(null)).isEqualTo("WebSocket handshake failed");
    }
}
