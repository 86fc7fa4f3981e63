package dev.paperboy.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP(S) proxy on loopback that forwards nothing: it records where each request wanted to go
 * ("CONNECT host:port" or "GET http://host/...") and refuses it. Given to a tool as HTTPS_PROXY and
 * HTTP_PROXY, it shows every request the tool tries to send beyond this machine (Python's requests
 * and botocore honour both), without any of them leaving.
 */
public final class OutboundRecorder implements AutoCloseable {
    private final ServerSocket server;
    private final List<String> attempts = new CopyOnWriteArrayList<>();

    public OutboundRecorder() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "outbound-recorder");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Proxy variables for a process: everything through the recorder except this machine. */
    public Map<String, String> proxyEnvironment() {
        String url = "http://127.0.0.1:" + server.getLocalPort();
        String local = "127.0.0.1,localhost";
        return Map.of("HTTPS_PROXY", url, "HTTP_PROXY", url, "https_proxy", url, "http_proxy", url,
                "NO_PROXY", local, "no_proxy", local);
    }

    /** The request lines received, in order: each one a request that would have left this machine. */
    public List<String> attempts() {
        return List.copyOf(attempts);
    }

    private void accept() {
        while (!server.isClosed()) {
            try (Socket client = server.accept()) {
                client.setSoTimeout(2000);
                String line = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1)).readLine();
                attempts.add(line == null ? "(connection without a request)" : line);
                client.getOutputStream().write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
            } catch (IOException closedOrBroken) {
                // closed by close(), or a client that went away: nothing to record beyond what was read
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing a listening socket
        }
    }
}
