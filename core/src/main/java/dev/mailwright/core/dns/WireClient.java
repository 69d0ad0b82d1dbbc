package dev.mailwright.core.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;

/**
 * Sends one question to recursive servers over UDP (TCP when the answer is truncated) and turns
 * the response into a {@link Reply}. Servers are tried in order, round after round, until one gives
 * a usable answer (NOERROR or NXDOMAIN) or the attempts run out, as a stub resolver does.
 */
final class WireClient {

    private static final Logger log = LoggerFactory.getLogger(WireClient.class);

    /**
     * The EDNS payload size of DNS Flag Day 2020: large enough for most answers, small enough to
     * avoid IP fragmentation; larger answers come truncated and are fetched again over TCP.
     */
    static final int EDNS_PAYLOAD = 1232;

    private final List<SimpleResolver> servers;
    private final Duration timeout;
    private final int rounds;

    WireClient(List<InetSocketAddress> addresses, Duration timeout, int retries) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("no DNS servers to ask");
        }
        List<SimpleResolver> list = new ArrayList<>(addresses.size());
        for (InetSocketAddress address : addresses) {
            SimpleResolver server = new SimpleResolver(address);
            server.setTimeout(timeout);
            // The DO bit asks a validating resolver to validate and report it in the AD bit (RFC 4035 §3.2.1).
            server.setEDNS(0, EDNS_PAYLOAD, ExtendedFlags.DO, List.of());
            list.add(server);
        }
        this.servers = List.copyOf(list);
        this.timeout = timeout;
        this.rounds = retries + 1;
    }

    /** How many requests one {@link #send} may make, at most. */
    int maxAttempts() {
        return servers.size() * rounds;
    }

    /** The reply to {@code type} at {@code name}; completes normally, with a failure reply if need be. */
    CompletableFuture<Reply> send(Name name, int type) {
        return attempt(name, type, 0);
    }

    private CompletableFuture<Reply> attempt(Name name, int type, int attempt) {
        SimpleResolver server = servers.get(attempt % servers.size());
        Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        // RFC 6840 §5.7: AD in a query asks for the AD bit in the response.
        query.getHeader().setFlag(Flags.AD);
        CompletableFuture<Message> response;
        try {
            // dnsjava checks its own timeouts only about once a second; this bound is exact, and it
            // covers the TCP retry of a truncated answer too.
            response = server.sendAsync(query).toCompletableFuture()
                    .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        return response
                .handle((message, error) -> error == null
                        ? toReply(message)
                        : Reply.failure(describe(error)))
                .thenCompose(reply -> {
                    if (reply.kind() != Reply.Kind.FAILURE) {
                        return CompletableFuture.completedFuture(reply);
                    }
                    String where = hostPort(server.getAddress());
                    log.debug("{}/{} from {}: {}", name, Type.string(type), where, reply.error());
                    if (attempt + 1 < maxAttempts()) {
                        return attempt(name, type, attempt + 1);
                    }
                    return CompletableFuture.completedFuture(Reply.failure(
                            reply.error() + " from " + where + (attempt > 0 ? " (" + (attempt + 1) + " attempts)" : "")));
                });
    }

    /** Reads a response; an RCODE other than NOERROR and NXDOMAIN is a failure worth another server. */
    static Reply toReply(Message message) {
        int rcode = message.getRcode();
        boolean authenticated = message.getHeader().getFlag(Flags.AD);
        List<Record> answers = new ArrayList<>();
        for (Record record : message.getSection(Section.ANSWER)) {
            if (record.getDClass() == DClass.IN) {
                answers.add(record);
            }
        }
        SOARecord soa = null;
        boolean delegation = false;
        for (Record record : message.getSection(Section.AUTHORITY)) {
            if (record instanceof SOARecord found && soa == null) {
                soa = found;
            } else if (record.getType() == Type.NS) {
                delegation = true;
            }
        }
        if (rcode == Rcode.NXDOMAIN) {
            return Reply.nxdomain(answers, soa, authenticated);
        }
        if (rcode != Rcode.NOERROR) {
            return Reply.failure(Rcode.string(rcode));
        }
        if (answers.isEmpty() && soa == null && delegation && !message.getHeader().getFlag(Flags.AA)) {
            // A referral: the server is authoritative-only, not the recursive resolver it should be.
            return Reply.failure("referral instead of an answer (server does not recurse)");
        }
        return Reply.noError(answers, soa, authenticated);
    }

    private static String describe(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof TimeoutException || cause instanceof SocketTimeoutException) {
            return "timeout";
        }
        if (cause instanceof WireParseException) {
            return "malformed response";
        }
        if (cause instanceof IOException) {
            return "network error (" + cause.getClass().getSimpleName() + ")";
        }
        log.warn("DNS query failed unexpectedly", cause);
        return "internal error (" + cause.getClass().getSimpleName() + ")";
    }

    static String hostPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /**
     * Parses {@code host:port}, {@code [v6]:port}, a bare IPv4 or IPv6 address (port 53). Only
     * address literals: a server's name would need DNS to find.
     */
    static InetSocketAddress parseServer(String server) {
        if (server == null || server.isBlank()) {
            throw new IllegalArgumentException("DNS server address is empty");
        }
        String host = server;
        int port = 53;
        if (server.startsWith("[")) {
            int close = server.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("missing ']' in DNS server address '" + server + "'");
            }
            host = server.substring(1, close);
            String rest = server.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("expected ':port' after ']' in DNS server address '" + server + "'");
                }
                port = parsePort(server, rest.substring(1));
            }
        } else if (server.indexOf(':') == server.lastIndexOf(':') && server.indexOf(':') >= 0) {
            host = server.substring(0, server.indexOf(':'));
            port = parsePort(server, server.substring(server.indexOf(':') + 1));
        }
        if (!isAddressLiteral(host)) {
            throw new IllegalArgumentException("DNS server must be an IP address, not '" + server + "'");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("invalid DNS server address '" + server + "'", e);
        }
    }

    private static boolean isAddressLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static int parsePort(String server, String port) {
        try {
            int value = Integer.parseInt(port);
            if (value >= 1 && value <= 65535) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("invalid port in DNS server address '" + server + "'");
    }
}
