package dev.mailwright.smtp.internal;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Short unique ids for accepted messages, as in Received fields and the 250 reply: a random
 * prefix per server (so that restarts do not repeat ids) and a counter.
 */
public final class MessageIds {

    private final String prefix;
    private final AtomicLong counter = new AtomicLong();

    public MessageIds() {
        long random = new SecureRandom().nextLong() & 0xFFFF_FFFFFL;
        this.prefix = Long.toString(random, 36).toUpperCase(Locale.ROOT);
    }

    String next() {
        return prefix + "-" + Long.toString(counter.incrementAndGet(), 36).toUpperCase(Locale.ROOT);
    }
}
