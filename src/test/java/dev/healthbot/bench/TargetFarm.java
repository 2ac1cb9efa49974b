package dev.healthbot.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's targets, run as their own JVM: one selector thread serving HTTP and WebSocket
 * "servers" on 127.0.0.2..127.0.0.9. A server is a path ({@code /s/<id>} for HTTP, {@code /w/<id>} for
 * WebSocket); every answer closes its connection. At {@code failAt} the chosen failing servers start
 * to answer 500, hang, close without answering, or refuse (their listener is closed), a quarter
 * each. Every request is counted in memory (server id, epoch ms) and dumped to a CSV at the end.
 * Stops by itself at {@code stopAt}. Loopback only.
 *
 * <p>Usage: {@code TargetFarm <dir> <servers> <failEvery> <stopAtEpochMs> [allFail500] [json]}; with
 * {@code json} an HTTP server's 200 answer is {@code {"status":"UP"}} as {@code application/json}
 * (for checks with a JSON assertion), else {@code ok}.
 * Writes {@code dir/ports} (address, normal port, refuse port per line) once listening, {@code
 * dir/probes.csv} and {@code dir/farm.done} at the end. The runner writes {@code dir/failat} (epoch
 * ms) to start the failures and {@code dir/stop} to stop early. Server {@code id} fails when {@code id %
 * failEvery == 0}; its mode is {@code (id / failEvery) % 4} (0 = HTTP 500, 1 = hang, 2 = close, 3 =
 * refuse), unless {@code allFail500} is given. A rehearsal, {@code dir/rehearse} ("fromMs toMs"), makes
 * another 1 % ({@link #rehearses}) answer 500, hang or close between those instants only.
 */
public final class TargetFarm {

    static final int ADDRESSES = 8;
    static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    static final int MODE_500 = 0, MODE_HANG = 1, MODE_CLOSE = 2, MODE_REFUSE = 3;

    private final int failEvery;
    private long failAt = Long.MAX_VALUE;
    private long rehearseFrom = Long.MAX_VALUE;
    private long rehearseTo = Long.MAX_VALUE;
    private final boolean allFail500;
    private final byte[] ok;
    private long[] log = new long[1 << 20];
    private int logged;

    private TargetFarm(int failEvery, boolean allFail500, boolean json) {
        this.failEvery = failEvery;
        this.allFail500 = allFail500;
        this.ok = json ? response("200 OK", "{\"status\":\"UP\"}", "application/json") : response("200 OK", "ok");
    }

    /** The address of server {@code id}: spread over the eight loopback addresses. */
    static String address(int id) {
        return "127.0.0." + (2 + id % ADDRESSES);
    }

    static boolean failing(int id, int failEvery) {
        return failEvery > 0 && id % failEvery == 0;
    }

    static int mode(int id, int failEvery) {
        return (id / failEvery) % 4;
    }

    /** The servers of the rehearsal: 1 %, none of them among the failing ones. */
    static boolean rehearses(int id, int failEvery) {
        return failEvery > 0 && id % (failEvery * 5) == failEvery / 2;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int failEvery = Integer.parseInt(args[2]);
        long stopAt = Long.parseLong(args[3]);
        List<String> flags = Arrays.asList(args).subList(Math.min(4, args.length), args.length);
        new TargetFarm(failEvery, flags.contains("allFail500"), flags.contains("json")).run(dir, stopAt);
    }

    private void run(Path dir, long stopAt) throws Exception {
        Selector selector = Selector.open();
        List<ServerSocketChannel> refusing = new ArrayList<>();
        StringBuilder ports = new StringBuilder();
        for (int a = 0; a < ADDRESSES; a++) {
            String host = "127.0.0." + (2 + a);
            ServerSocketChannel normal = listen(selector, host);
            ServerSocketChannel refuse = listen(selector, host);
            refusing.add(refuse);
            ports.append(host)
                    .append(' ')
                    .append(normal.socket().getLocalPort())
                    .append(' ')
                    .append(refuse.socket().getLocalPort())
                    .append('\n');
        }
        Path tmp = dir.resolve("ports.tmp");
        Files.writeString(tmp, ports);
        Files.move(tmp, dir.resolve("ports"));
        boolean flipped = false;
        long nextPoll = 0;
        while (System.currentTimeMillis() < stopAt) {
            long now = System.currentTimeMillis();
            if (now >= nextPoll) {
                // The runner's switches: files, polled five times a second.
                nextPoll = now + 200;
                if (Files.exists(dir.resolve("stop"))) {
                    break;
                }
                if (rehearseFrom == Long.MAX_VALUE && Files.exists(dir.resolve("rehearse"))) {
                    String[] span =
                            Files.readString(dir.resolve("rehearse")).strip().split(" ");
                    if (span.length == 2) {
                        rehearseFrom = Long.parseLong(span[0]);
                        rehearseTo = Long.parseLong(span[1]);
                    }
                }
                if (failAt == Long.MAX_VALUE && Files.exists(dir.resolve("failat"))) {
                    String at = Files.readString(dir.resolve("failat")).strip();
                    if (!at.isEmpty()) {
                        failAt = Long.parseLong(at);
                    }
                }
            }
            if (!flipped && now >= failAt) {
                flipped = true;
                if (!allFail500) {
                    for (ServerSocketChannel s : refusing) {
                        s.keyFor(selector).cancel();
                        s.close();
                    }
                }
            }
            long wait = Math.max(1, Math.min(stopAt - now, Math.min(nextPoll - now, failAt - now)));
            selector.select(wait);
            var it = selector.selectedKeys().iterator();
            while (it.hasNext()) {
                SelectionKey k = it.next();
                it.remove();
                try {
                    handle(selector, k, now >= failAt, now >= rehearseFrom && now < rehearseTo);
                } catch (IOException | RuntimeException e) {
                    close(k);
                }
            }
            // Hanging connections are left to the client: it closes at its timeout, we see EOF.
        }
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(dir.resolve("probes.csv")))) {
            for (int i = 0; i < logged; i += 2) {
                out.print(log[i]);
                out.print(',');
                out.println(log[i + 1]);
            }
        }
        long cpuNanos = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        Files.writeString(dir.resolve("farm.done"), "probes=" + logged / 2 + " cpuMs=" + cpuNanos / 1_000_000 + "\n");
    }

    private static ServerSocketChannel listen(Selector selector, String host) throws IOException {
        ServerSocketChannel s = ServerSocketChannel.open();
        s.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        s.bind(new InetSocketAddress(InetAddress.getByName(host), 0), 4096);
        s.configureBlocking(false);
        s.register(selector, SelectionKey.OP_ACCEPT);
        return s;
    }

    /** Per connection: the bytes read so far, and whether it is an open WebSocket. */
    private static final class Conn {
        final ByteBuffer in = ByteBuffer.allocate(4096);
        ByteBuffer out;
        boolean websocket;
        boolean closeAfterWrite = true;
    }

    private void handle(Selector selector, SelectionKey k, boolean failing, boolean rehearsing) throws IOException {
        if (k.isAcceptable()) {
            SocketChannel c;
            while ((c = ((ServerSocketChannel) k.channel()).accept()) != null) {
                c.configureBlocking(false);
                c.setOption(StandardSocketOptions.TCP_NODELAY, true);
                c.register(selector, SelectionKey.OP_READ, new Conn());
            }
            return;
        }
        SocketChannel c = (SocketChannel) k.channel();
        if (k.attachment() instanceof Hang) {
            if (c.read(SCRATCH.clear()) < 0) {
                close(k);
            }
            return;
        }
        Conn conn = (Conn) k.attachment();
        if (k.isWritable()) {
            flush(k, c, conn);
            return;
        }
        if (!k.isReadable()) {
            return;
        }
        int n = c.read(conn.in);
        if (n < 0) {
            close(k);
            return;
        }
        if (conn.websocket) {
            // Whatever the client sends now (its close frame) is answered with our close frame.
            conn.in.clear();
            send(k, c, conn, new byte[] {(byte) 0x88, 0x02, 0x03, (byte) 0xE8}, true);
            return;
        }
        String head = new String(conn.in.array(), 0, conn.in.position(), StandardCharsets.ISO_8859_1);
        int end = head.indexOf("\r\n\r\n");
        if (end < 0) {
            if (!conn.in.hasRemaining()) {
                close(k);
            }
            return;
        }
        int sp1 = head.indexOf(' ');
        int sp2 = head.indexOf(' ', sp1 + 1);
        String path = head.substring(sp1 + 1, sp2);
        boolean ws = path.startsWith("/w/");
        int id = Integer.parseInt(path.substring(3));
        record(id);
        int mode = !failing(id, failEvery) || !failing ? -1 : allFail500 ? MODE_500 : mode(id, failEvery);
        if (mode < 0 && rehearsing && rehearses(id, failEvery)) {
            mode = (id / failEvery) % 3; // 500, hang or close: refusing would take the whole address down
        }
        if (mode == MODE_HANG) {
            k.attach(new Hang());
            return;
        }
        if (mode == MODE_CLOSE) {
            close(k);
            return;
        }
        if (mode == MODE_500) {
            send(k, c, conn, response("500 Internal Server Error", ""), true);
            return;
        }
        if (ws) {
            String key = header(head, "sec-websocket-key");
            String accept = accept(key);
            conn.websocket = true;
            conn.in.clear();
            send(
                    k,
                    c,
                    conn,
                    ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1),
                    false);
            return;
        }
        send(k, c, conn, ok, true);
    }

    /** A hanging connection: reads and ignores until the client gives up. */
    private static final class Hang {}

    private static final ByteBuffer SCRATCH = ByteBuffer.allocate(4096);

    private void record(int id) {
        if (logged + 2 > log.length) {
            log = Arrays.copyOf(log, log.length * 2);
        }
        log[logged++] = id;
        log[logged++] = System.currentTimeMillis();
    }

    private static byte[] response(String status, String body) {
        return response(status, body, "text/plain");
    }

    private static byte[] response(String status, String body, String type) {
        return ("HTTP/1.1 " + status + "\r\nContent-Length: " + body.length()
                        + "\r\nConnection: close\r\nContent-Type: " + type + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void send(SelectionKey k, SocketChannel c, Conn conn, byte[] bytes, boolean closeAfter)
            throws IOException {
        conn.out = ByteBuffer.wrap(bytes);
        conn.closeAfterWrite = closeAfter;
        flush(k, c, conn);
    }

    private static void flush(SelectionKey k, SocketChannel c, Conn conn) throws IOException {
        c.write(conn.out);
        if (conn.out.hasRemaining()) {
            k.interestOps(SelectionKey.OP_WRITE);
            return;
        }
        if (conn.closeAfterWrite) {
            close(k);
        } else {
            k.interestOps(SelectionKey.OP_READ);
        }
    }

    private static void close(SelectionKey k) {
        k.cancel();
        try {
            k.channel().close();
        } catch (IOException e) {
            // gone already
        }
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return "";
    }

    private static String accept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return Base64.getEncoder().encodeToString(sha1.digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads {@code dir/ports}: address to (normal port, refuse port). */
    static Map<String, int[]> readPorts(Path dir) throws IOException {
        Map<String, int[]> out = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("ports"))) {
            String[] p = line.split(" ");
            out.put(p[0], new int[] {Integer.parseInt(p[1]), Integer.parseInt(p[2])});
        }
        return out;
    }
}
