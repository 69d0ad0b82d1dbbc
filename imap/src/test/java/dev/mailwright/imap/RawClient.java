package dev.mailwright.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A scripted IMAP client over a raw socket: sends bytes, reads exact lines. */
final class RawClient implements AutoCloseable {

    final Socket socket;
    InputStream in;
    OutputStream out;

    RawClient(InetSocketAddress address) throws IOException {
        this(new Socket(address.getAddress(), address.getPort()));
    }

    RawClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(5000);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** One line without CRLF, or null at end of stream. */
    String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] bytes = b.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.UTF_8);
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.UTF_8);
    }

    byte[] bytes(int n) throws IOException {
        return in.readNBytes(n);
    }

    /** Sends a command and returns every line up to and including the tagged one. */
    List<String> command(String tag, String command) throws IOException {
        send(tag + " " + command + "\r\n");
        return until(tag);
    }

    /** Lines up to and including the one tagged {@code tag}. */
    List<String> until(String tag) throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = line()) != null) {
            lines.add(line);
            if (line.startsWith(tag + " ")) {
                return lines;
            }
        }
        throw new IOException("connection closed before " + tag + "; got " + lines);
    }

    /** Reads the greeting and logs in as {@code user}. */
    RawClient login(String user) throws IOException {
        assertThat(line()).startsWith("* OK [CAPABILITY ");
        List<String> reply = command("L", "LOGIN " + user + " " + TestServer.PASSWORDS.get(user));
        assertThat(reply.get(reply.size() - 1)).startsWith("L OK ");
        return this;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
