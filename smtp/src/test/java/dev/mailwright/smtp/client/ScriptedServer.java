package dev.mailwright.smtp.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A fake server for one connection: it sends a greeting, then answers each line it reads
 * with what {@code script} returns for it (raw bytes, several replies or garbage at will).
 * A null answer closes the connection.
 */
final class ScriptedServer implements AutoCloseable {

    final List<String> received = new CopyOnWriteArrayList<>();
    private final ServerSocket listener;
    private final Thread thread;

    ScriptedServer(String greeting, Function<String, String> script) throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        thread = new Thread(() -> {
            try (Socket s = listener.accept()) {
                s.setSoTimeout(10_000);
                OutputStream out = s.getOutputStream();
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                out.write(greeting.getBytes(StandardCharsets.UTF_8));
                out.flush();
                String line;
                while ((line = in.readLine()) != null) {
                    received.add(line);
                    String answer = script.apply(line);
                    if (answer == null) {
                        return;
                    }
                    out.write(answer.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (IOException e) {
                // The client hung up; the test judges what was received.
            }
        }, "scripted-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    @Override
    public void close() throws Exception {
        listener.close();
        thread.join(5000);
    }
}
