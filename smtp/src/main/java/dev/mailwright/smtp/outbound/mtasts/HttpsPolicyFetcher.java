package dev.mailwright.smtp.outbound.mtasts;

import dev.mailwright.core.dns.DnsResolver;
import dev.mailwright.core.dns.DnsResult;
import dev.mailwright.smtp.outbound.tls.PkixHostTrustManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Fetches MTA-STS policies over HTTPS (RFC 8461 §3.3): a GET of
 * {@code /.well-known/mta-sts.txt} at {@code mta-sts.<domain>}, with the certificate PKIX-validated
 * for that name, no redirects followed, only {@code 200} with {@code text/plain} accepted, the
 * body limited to 64 KiB and every step under a timeout.
 *
 * <p>It speaks the few lines of HTTP/1.1 this needs itself rather than use
 * {@code java.net.http.HttpClient}, so that the policy host's address comes from the same
 * {@link DnsResolver} as every other outbound lookup: a test's zone file, or the resolver a host
 * configured, never the JVM's own name service.
 */
public final class HttpsPolicyFetcher implements PolicyFetcher {

    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private final DnsResolver dns;
    private final X509TrustManager pkix;
    private final int port;
    private final Duration timeout;

    /**
     * @param dns resolves {@code mta-sts.<domain>}
     * @param pkix the trust anchors for the policy host's certificate
     * @param port 443, or another port as a testing knob
     * @param timeout for connecting and for each read
     */
    public HttpsPolicyFetcher(DnsResolver dns, X509TrustManager pkix, int port, Duration timeout) {
        this.dns = Objects.requireNonNull(dns, "dns");
        this.pkix = Objects.requireNonNull(pkix, "pkix");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.port = port;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public String fetch(String domain) throws IOException {
        String host = "mta-sts." + domain.toLowerCase(Locale.ROOT);
        DnsResult<InetAddress> addresses = dns.addresses(host);
        if (!addresses.isSuccess()) {
            throw new IOException("no address for " + host + " (" + addresses.status() + ")");
        }
        IOException last = null;
        for (InetAddress address : addresses.records().subList(0, Math.min(4, addresses.records().size()))) {
            try {
                return fetchFrom(host, address);
            } catch (PolicyHttpException e) {
                throw e;
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    private String fetchFrom(String host, InetAddress address) throws IOException {
        SSLContext context;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new PkixHostTrustManager(pkix, List.of(host))}, null);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(address, port), millis);
            plain.setSoTimeout(millis);
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, false)) {
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setServerNames(List.of(new SNIHostName(host)));
                parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                tls.setSSLParameters(parameters);
                tls.startHandshake();
                OutputStream out = tls.getOutputStream();
                out.write(("GET /.well-known/mta-sts.txt HTTP/1.1\r\nHost: " + host
                        + "\r\nAccept: text/plain\r\nUser-Agent: Mailwright\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return readResponse(tls.getInputStream());
            }
        }
    }

    private static String readResponse(InputStream in) throws IOException {
        String head = readHead(in);
        String[] lines = head.split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
            throw new PolicyHttpException("not an HTTP response");
        }
        if (!status[1].equals("200")) {
            // Redirects are not followed (RFC 8461 §3.3).
            throw new PolicyHttpException("HTTP status " + status[1]);
        }
        long length = -1;
        boolean chunked = false;
        String type = null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).strip();
            switch (name) {
                case "content-length" -> length = parseLength(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "content-type" -> type = value.toLowerCase(Locale.ROOT);
                default -> { }
            }
        }
        if (type == null || !(type.equals("text/plain") || type.startsWith("text/plain;"))) {
            throw new PolicyHttpException("policy served as " + (type == null ? "no content type" : type)
                    + ", not text/plain");
        }
        if (length > MtaStsPolicy.MAX_POLICY_BYTES) {
            throw new PolicyHttpException("policy larger than " + MtaStsPolicy.MAX_POLICY_BYTES + " bytes");
        }
        byte[] body = chunked ? readChunked(in) : readBody(in, length);
        return new String(body, StandardCharsets.UTF_8);
    }

    private static long parseLength(String value) throws PolicyHttpException {
        if (!value.matches("\\d{1,12}")) {
            throw new PolicyHttpException("bad Content-Length");
        }
        return Long.parseLong(value);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in the response header");
            }
            head.write(b);
            if (head.size() > MAX_HEADER_BYTES) {
                throw new PolicyHttpException("response header too large");
            }
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] readBody(InputStream in, long length) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long remaining = length < 0 ? MtaStsPolicy.MAX_POLICY_BYTES + 1L : length;
        while (remaining > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (n < 0) {
                if (length >= 0) {
                    throw new IOException("connection closed in the policy body");
                }
                break;
            }
            body.write(buffer, 0, n);
            remaining -= n;
        }
        if (body.size() > MtaStsPolicy.MAX_POLICY_BYTES) {
            throw new PolicyHttpException("policy larger than " + MtaStsPolicy.MAX_POLICY_BYTES + " bytes");
        }
        return body.toByteArray();
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip();
            if (!hex.matches("[0-9A-Fa-f]{1,7}")) {
                throw new PolicyHttpException("bad chunk size");
            }
            int size = Integer.parseInt(hex, 16);
            if (size == 0) {
                return body.toByteArray();
            }
            if (body.size() + size > MtaStsPolicy.MAX_POLICY_BYTES) {
                throw new PolicyHttpException("policy larger than " + MtaStsPolicy.MAX_POLICY_BYTES + " bytes");
            }
            body.write(in.readNBytes(size));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (line.length() > 1024) {
                throw new PolicyHttpException("line too long in chunked body");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        if (b < 0) {
            throw new IOException("connection closed in chunked body");
        }
        return line.toString();
    }

    /** The server answered, but not with a policy: no point asking its other addresses. */
    private static final class PolicyHttpException extends IOException {
        PolicyHttpException(String message) {
            super(message);
        }
    }
}
