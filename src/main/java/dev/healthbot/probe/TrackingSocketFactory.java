package dev.healthbot.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/** Creates the client's socket and remembers it, so that a deadline can close it. */
final class TrackingSocketFactory extends SocketFactory {
    private final SocketFactory delegate;
    private volatile Socket socket;
    private volatile boolean closed;

    TrackingSocketFactory(SocketFactory delegate) {
        this.delegate = delegate;
    }

    @Override
    public Socket createSocket() throws IOException {
        Socket s = delegate.createSocket();
        socket = s;
        if (closed) {
            s.close();
        }
        return s;
    }

    void closeAll() {
        closed = true;
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }

    @Override
    public Socket createSocket(String host, int port) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
        throw new UnsupportedOperationException();
    }
}
