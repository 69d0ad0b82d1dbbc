package dev.mailwright.core.net;

/**
 * A protocol engine's view of its connections. Every callback for one connection runs on
 * that connection's worker, one at a time and in order, so an engine's per-connection
 * state needs no locking. Callbacks may block (disk, DNS); they never run on a network
 * I/O thread.
 */
public interface ConnectionHandler {

    /** A client connected (after its PROXY header, if the listener expects one). Usually writes the greeting. */
    void connected(Connection connection);

    /**
     * New bytes wait in {@link Connection#input()}. Consume what can be consumed and return;
     * the handler is called again when more arrive.
     */
    void received(Connection connection);

    /** The TLS handshake finished: implicit TLS, or after {@link Connection#startTls}. */
    default void secured(Connection connection) {}

    /** Nothing was sent or received for the idle timeout. */
    default void idle(Connection connection) {
        connection.close();
    }

    /** The server is stopping: finish what is under way, then close. */
    default void shutdown(Connection connection) {
        connection.close();
    }

    /** The connection is closed, by either side. */
    default void closed(Connection connection) {}
}
