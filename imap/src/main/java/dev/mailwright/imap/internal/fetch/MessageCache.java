package dev.mailwright.imap.internal.fetch;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.mime.MimeLimits;
import dev.mailwright.core.mime.MimeStructure;
import dev.mailwright.core.store.MailboxName;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Parsed messages shared by every session of one server: the MIME structure and the
 * rendered ENVELOPE, BODY and BODYSTRUCTURE of each message, computed once and kept in a
 * cache bounded by heap weight. Messages never change once stored, so an entry is valid
 * for as long as the mailbox's UIDVALIDITY stays; nothing needs invalidating.
 */
public final class MessageCache {

    /** One message in one mailbox incarnation. */
    public record Key(String account, MailboxName mailbox, long uidValidity, long uid) {}

    /** What is computed once per message. */
    public record Parsed(MimeStructure structure, byte[] envelope, byte[] body, byte[] bodyStructure) {
        long weight() {
            return 64 + structure.weight() + envelope.length + body.length + bodyStructure.length;
        }
    }

    private final Cache<Key, Parsed> cache;
    private final MimeLimits limits;

    public MessageCache(long maxBytes, MimeLimits limits) {
        this.limits = limits;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key k, Parsed p) -> (int) Math.min(Integer.MAX_VALUE, p.weight()))
                .build();
    }

    /** The parsed message, from the cache or parsed now from {@code content}. */
    public Parsed get(Key key, MessageContent content) {
        return cache.get(key, k -> parse(content));
    }

    /** The message from the cache, or rendered now from the structure its store kept. */
    public Parsed get(Key key, MimeStructure stored) {
        return cache.get(key, k -> render(stored));
    }

    /** The cached entry, if any, without parsing. */
    public Parsed getIfPresent(Key key) {
        return cache.getIfPresent(key);
    }

    private Parsed parse(MessageContent content) {
        MimeStructure structure;
        try {
            structure = MimeStructure.parse(content, limits);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return render(structure);
    }

    private static Parsed render(MimeStructure structure) {
        return new Parsed(structure, Envelope.render(structure.root().headers()),
                BodyStructure.render(structure.root(), false), BodyStructure.render(structure.root(), true));
    }
}
