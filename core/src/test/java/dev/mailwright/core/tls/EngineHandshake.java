package dev.mailwright.core.tls;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/** Runs a TLS handshake between two engines in memory, without sockets. */
final class EngineHandshake {

    private EngineHandshake() {
    }

    /** Completes the handshake and returns the negotiated protocol, or throws what either side threw. */
    static String run(SSLEngine client, SSLEngine server) throws SSLException {
        int packet = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
        int application = Math.max(client.getSession().getApplicationBufferSize(),
                server.getSession().getApplicationBufferSize());
        ByteBuffer clientToServer = ByteBuffer.allocate(packet * 4);
        ByteBuffer serverToClient = ByteBuffer.allocate(packet * 4);
        ByteBuffer clientIn = ByteBuffer.allocate(application * 4);
        ByteBuffer serverIn = ByteBuffer.allocate(application * 4);
        ByteBuffer nothing = ByteBuffer.allocate(0);
        client.beginHandshake();
        server.beginHandshake();
        for (int round = 0; round < 100; round++) {
            client.wrap(nothing, clientToServer);
            runTasks(client);
            server.wrap(nothing, serverToClient);
            runTasks(server);

            clientToServer.flip();
            server.unwrap(clientToServer, serverIn);
            clientToServer.compact();
            runTasks(server);

            serverToClient.flip();
            client.unwrap(serverToClient, clientIn);
            serverToClient.compact();
            runTasks(client);

            if (done(client) && done(server) && clientToServer.position() == 0 && serverToClient.position() == 0) {
                return client.getSession().getProtocol();
            }
        }
        throw new SSLException("handshake did not finish in 100 rounds");
    }

    private static boolean done(SSLEngine engine) {
        HandshakeStatus status = engine.getHandshakeStatus();
        return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
    }

    private static void runTasks(SSLEngine engine) {
        for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
            task.run();
        }
    }
}
