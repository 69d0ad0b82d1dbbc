package dev.mailwright.core.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A small DNS server on 127.0.0.1 (UDP and TCP on the same random port) that answers like a
 * recursive resolver from a {@link ZoneFileResolver}, and misbehaves on request: SERVFAIL, REFUSED,
 * silence, truncated UDP answers, CNAME chains left for the client to follow.
 */
final class TestDnsServer implements AutoCloseable {

    /** How the server treats the next questions. */
    enum Behaviour { ANSWER, SERVFAIL, REFUSED, DROP, TRUNCATE_UDP, HOLD }

    private final ZoneFileResolver zone;
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final Thread udpThread;
    private final Thread tcpThread;
    private final AtomicInteger udpQueries = new AtomicInteger();
    private final AtomicInteger tcpQueries = new AtomicInteger();
    private final List<Message> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile Socket connection;
    private volatile Behaviour behaviour = Behaviour.ANSWER;
    private volatile boolean authenticated;
    private volatile boolean followCnames = true;

    TestDnsServer(ZoneFileResolver zone) throws IOException {
        this.zone = zone;
        DatagramSocket boundUdp = null;
        ServerSocket boundTcp = null;
        for (int attempt = 0; boundTcp == null; attempt++) {
            boundUdp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try {
                boundTcp = new ServerSocket(boundUdp.getLocalPort(), 16, InetAddress.getLoopbackAddress());
            } catch (BindException e) {
                boundUdp.close();
                if (attempt == 20) {
                    throw e;
                }
            }
        }
        this.udp = boundUdp;
        this.tcp = boundTcp;
        this.udpThread = new Thread(this::serveUdp, "test-dns-udp-" + port());
        this.tcpThread = new Thread(this::serveTcp, "test-dns-tcp-" + port());
        udpThread.setDaemon(true);
        tcpThread.setDaemon(true);
        udpThread.start();
        tcpThread.start();
    }

    int port() {
        return udp.getLocalPort();
    }

    /** The address in the form {@link DnsjavaResolver.Builder#server(String)} takes. */
    String address() {
        return "127.0.0.1:" + port();
    }

    void behaviour(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    /** Whether answers carry the AD bit. */
    void authenticated(boolean authenticated) {
        this.authenticated = authenticated;
    }

    /** Whether the server follows CNAMEs itself (a recursive resolver) or answers one step only. */
    void followCnames(boolean followCnames) {
        this.followCnames = followCnames;
    }

    /** Lets {@link Behaviour#HOLD} answer: until then the server receives nothing further. */
    void release() {
        released.countDown();
    }

    int udpQueries() {
        return udpQueries.get();
    }

    int tcpQueries() {
        return tcpQueries.get();
    }

    /** Every query received, in order. */
    List<Message> received() {
        return List.copyOf(received);
    }

    private void serveUdp() {
        byte[] buffer = new byte[65535];
        while (!udp.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
                Message query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
                udpQueries.incrementAndGet();
                received.add(query);
                Message response = respond(query, true);
                if (response != null) {
                    byte[] out = response.toWire(payloadSize(query));
                    udp.send(new DatagramPacket(out, out.length, packet.getSocketAddress()));
                }
            } catch (SocketException e) {
                return; // closed
            } catch (IOException e) {
                // A malformed packet: ignore it, as a server would.
            }
        }
    }

    private void serveTcp() {
        while (!tcp.isClosed()) {
            try (Socket socket = tcp.accept()) {
                connection = socket;
                socket.setSoTimeout(2000);
                DataInputStream in = new DataInputStream(socket.getInputStream());
                DataOutputStream out = new DataOutputStream(socket.getOutputStream());
                while (true) {
                    byte[] wire = new byte[in.readUnsignedShort()];
                    in.readFully(wire);
                    Message query = new Message(wire);
                    tcpQueries.incrementAndGet();
                    received.add(query);
                    Message response = respond(query, false);
                    if (response != null) {
                        byte[] bytes = response.toWire();
                        out.writeShort(bytes.length);
                        out.write(bytes);
                        out.flush();
                    }
                }
            } catch (EOFException e) {
                // The client closed the connection.
            } catch (IOException e) {
                if (tcp.isClosed()) {
                    return;
                }
            }
        }
    }

    private static int payloadSize(Message query) {
        OPTRecord opt = query.getOPT();
        return opt == null ? 512 : Math.max(512, opt.getPayloadSize());
    }

    private Message respond(Message query, boolean overUdp) {
        Behaviour now = behaviour;
        if (now == Behaviour.DROP) {
            return null;
        }
        if (now == Behaviour.HOLD) {
            try {
                if (!released.await(10, TimeUnit.SECONDS)) {
                    return null;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.RA);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        Record question = query.getQuestion();
        response.addRecord(question, Section.QUESTION);
        if (query.getOPT() != null) {
            response.addRecord(new OPTRecord(1232, 0, 0, query.getOPT().getFlags()), Section.ADDITIONAL);
        }
        if (now == Behaviour.SERVFAIL || now == Behaviour.REFUSED) {
            response.getHeader().setRcode(now == Behaviour.SERVFAIL ? Rcode.SERVFAIL : Rcode.REFUSED);
            return response;
        }
        if (now == Behaviour.TRUNCATE_UDP && overUdp) {
            response.getHeader().setFlag(Flags.TC);
            return response;
        }
        Name name = question.getName();
        List<Record> answers = new ArrayList<>();
        Reply reply;
        while (true) {
            reply = zone.query(name, question.getType());
            if (reply.kind() == Reply.Kind.FAILURE) {
                response.getHeader().setRcode(Rcode.SERVFAIL);
                return response;
            }
            answers.addAll(reply.answers());
            CNAMERecord cname = reply.cname(name);
            if (!followCnames || cname == null || question.getType() == Type.CNAME || answers.size() > 20) {
                break;
            }
            name = cname.getTarget();
        }
        for (Record answer : answers) {
            response.addRecord(answer, Section.ANSWER);
        }
        if (reply.soa() != null) {
            response.addRecord(reply.soa(), Section.AUTHORITY);
        }
        if (reply.kind() == Reply.Kind.NXDOMAIN) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
        }
        if (authenticated) {
            response.getHeader().setFlag(Flags.AD);
        }
        return response;
    }

    @Override
    public void close() throws IOException {
        udp.close();
        tcp.close();
        Socket open = connection;
        if (open != null) {
            open.close();
        }
        try {
            udpThread.join(2000);
            tcpThread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
