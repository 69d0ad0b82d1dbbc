package dev.mailwright.smtp.internal;

import dev.mailwright.core.net.Connection;
import dev.mailwright.core.net.ConnectionHandler;

/** Connects the network layer to SMTP conversations: one {@link Conversation} per connection. */
public final class SmtpHandler implements ConnectionHandler {

    private final ListenerContext context;

    public SmtpHandler(ListenerContext context) {
        this.context = context;
    }

    @Override
    public void connected(Connection connection) {
        Conversation conversation = new Conversation(connection, context);
        connection.attach(conversation);
        conversation.start();
    }

    @Override
    public void received(Connection connection) {
        Conversation c = connection.attachment(Conversation.class);
        if (c != null) {
            c.process();
        }
    }

    @Override
    public void secured(Connection connection) {
        Conversation c = connection.attachment(Conversation.class);
        if (c != null) {
            c.secured();
        }
    }

    @Override
    public void idle(Connection connection) {
        Conversation c = connection.attachment(Conversation.class);
        if (c != null) {
            c.idle();
        } else {
            connection.close();
        }
    }

    @Override
    public void shutdown(Connection connection) {
        Conversation c = connection.attachment(Conversation.class);
        if (c != null) {
            c.shutdown();
        } else {
            connection.close();
        }
    }

    @Override
    public void closed(Connection connection) {
        // A connection refused by the connection limits never had a conversation.
        Conversation c = connection.attachment(Conversation.class);
        if (c != null) {
            c.closed();
        }
    }
}
