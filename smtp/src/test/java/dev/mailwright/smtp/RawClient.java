package dev.mailwright.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** A socket that sends exact bytes and reads SMTP replies, for scripted conversations. */
final class RawClient implements AutoCloseable {

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    RawClient(InetSocketAddress address) throws IOException {
        this(new Socket(address.getAddress(), address.getPort()));
    }

    RawClient(Socket socket) throws IOException {
        use(socket);
    }

    private void use(Socket s) throws IOException {
        socket = s;
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Sends text as UTF-8 bytes, exactly. */
    RawClient send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return this;
    }

    RawClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** One line without CRLF, or null at end of stream. */
    String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    /** A whole reply, its lines joined with newlines; null at end of stream. */
    String reply() throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = line()) != null) {
            lines.add(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                break;
            }
        }
        return lines.isEmpty() ? null : String.join("\n", lines);
    }

    /** Sends a command line (CRLF added) and returns the reply. */
    String command(String line) throws IOException {
        send(line + "\r\n");
        return reply();
    }

    /** Whether the server closed the connection (end of stream, or reset). */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    /** Switches this connection to TLS after a 220 to STARTTLS. */
    void startTls(SSLContext context, String host) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, host, socket.getPort(), true);
        tls.startHandshake();
        use(tls);
    }

    Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
