package dev.mailwright.server;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the server keeps things under its data directory. One place, so that the server
 * and the administration commands (which may run while the server does) agree.
 */
public record DataLayout(Path root) {

    public DataLayout {
        Objects.requireNonNull(root, "root");
    }

    /** Accounts and password hashes, one {@code user:hash} per line. */
    public Path usersFile() {
        return root.resolve("users");
    }

    /** The Maildir++ tree, one directory per account. */
    public Path mailDir() {
        return root.resolve("mail");
    }

    /** The outbound queue. */
    public Path queueDir() {
        return root.resolve("queue");
    }

    /** MTA-STS policies fetched for outbound delivery, kept across restarts. */
    public Path mtaStsCache() {
        return root.resolve("mta-sts");
    }

    /** The generated self-signed certificate, when no certificate is configured. */
    public Path tlsDir() {
        return root.resolve("tls");
    }

    /** Temporary files of messages being received. */
    public Path spoolDir() {
        return root.resolve("spool");
    }
}
