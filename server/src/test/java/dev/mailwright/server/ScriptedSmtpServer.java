package dev.mailwright.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A receiving MTA for outbound tests: it accepts every transaction, except that on the first
 * connection it stops answering at DATA, as a server that hangs, until {@link #dropStalled()}.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final CountDownLatch stalled = new CountDownLatch(1);
    private final CountDownLatch delivered = new CountDownLatch(1);
    private volatile Socket stalledSocket;

    ScriptedSmtpServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "scripted-smtp");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Messages accepted with 250 after their data. */
    List<String> accepted() {
        return accepted;
    }

    int connections() {
        return connections.get();
    }

    /** Waits until the first client has sent DATA and is waiting for an answer. */
    boolean awaitStalled(long millis) throws InterruptedException {
        return stalled.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    boolean awaitDelivered(long millis) throws InterruptedException {
        return delivered.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Closes the stalled connection without an answer: the transaction never completed. */
    void dropStalled() throws IOException {
        stalledSocket.close();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                int number = connections.incrementAndGet();
                Thread t = new Thread(() -> serve(socket, number == 1), "scripted-smtp-" + number);
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket, boolean stall) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            send(out, "220 remote.example ESMTP scripted");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
                switch (command) {
                    case "EHLO", "HELO" -> send(out, "250 remote.example");
                    case "MAIL", "RCPT", "RSET", "NOOP" -> send(out, "250 2.0.0 OK");
                    case "DATA" -> {
                        if (stall) {
                            stalledSocket = socket;
                            stalled.countDown();
                            // No answer: the client waits until the connection is dropped.
                            while (in.readLine() != null) {
                                // Discard anything the client sends meanwhile.
                            }
                            return;
                        }
                        send(out, "354 go ahead");
                        StringBuilder message = new StringBuilder();
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            message.append(line).append("\r\n");
                        }
                        accepted.add(message.toString());
                        send(out, "250 2.0.0 accepted");
                        delivered.countDown();
                    }
                    case "QUIT" -> {
                        send(out, "221 2.0.0 bye");
                        return;
                    }
                    default -> send(out, "502 5.5.1 not here");
                }
            }
        } catch (IOException e) {
            // The client went away.
        }
    }

    private static void send(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        Socket s = stalledSocket;
        if (s != null) {
            s.close();
        }
    }
}
