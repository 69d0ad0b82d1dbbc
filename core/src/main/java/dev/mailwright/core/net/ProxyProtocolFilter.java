package dev.mailwright.core.net;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the PROXY header at the start of a connection, reports it, and passes every later
 * byte on untouched (to the TLS filter for implicit TLS). A connection whose first bytes
 * are not a valid header is closed.
 */
final class ProxyProtocolFilter extends IoFilterAdapter {

    private static final Logger log = LoggerFactory.getLogger(ProxyProtocolFilter.class);
    private static final AttributeKey STATE = new AttributeKey(ProxyProtocolFilter.class, "state");

    private final Consumer<ProxyHeader> onHeader;

    ProxyProtocolFilter(Consumer<ProxyHeader> onHeader) {
        this.onHeader = onHeader;
    }

    /** Bytes collected so far; null once the header is done. */
    private static final class State {
        byte[] bytes = new byte[256];
        int length;
        boolean done;
    }

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
        State state = (State) session.getAttribute(STATE);
        if (state == null) {
            state = new State();
            session.setAttribute(STATE, state);
        }
        if (state.done) {
            next.messageReceived(session, message);
            return;
        }
        IoBuffer in = (IoBuffer) message;
        int n = in.remaining();
        if (state.length + n > state.bytes.length) {
            state.bytes = Arrays.copyOf(state.bytes, Math.max(state.bytes.length * 2, state.length + n));
        }
        in.get(state.bytes, state.length, n);
        state.length += n;
        Optional<ProxyHeader> header;
        try {
            header = ProxyHeader.parse(state.bytes, state.length);
        } catch (ProxyHeader.MalformedException e) {
            log.info("closing connection from {}: {}", session.getRemoteAddress(), e.getMessage());
            session.closeNow();
            return;
        }
        if (header.isEmpty()) {
            if (state.length > ProxyHeader.V2_MAX) {
                session.closeNow();
            }
            return;
        }
        state.done = true;
        int used = header.get().length();
        byte[] rest = Arrays.copyOfRange(state.bytes, used, state.length);
        state.bytes = null;
        onHeader.accept(header.get());
        if (rest.length > 0) {
            next.messageReceived(session, IoBuffer.wrap(rest));
        }
    }
}
