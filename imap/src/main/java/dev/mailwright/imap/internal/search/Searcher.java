package dev.mailwright.imap.internal.search;

import dev.mailwright.core.store.MessageInfo;
import dev.mailwright.core.store.UidSet;
import dev.mailwright.imap.internal.fetch.MessageCache;
import dev.mailwright.imap.internal.session.SelectedMailbox;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Evaluates search criteria over the messages a session knows, reading each message's
 * header or text only when a criterion needs it and only once.
 */
public final class Searcher {

    private final SelectedMailbox selected;
    private final MessageCache cache;
    private final String account;

    public Searcher(SelectedMailbox selected, MessageCache cache, String account) {
        this.selected = selected;
        this.cache = cache;
        this.account = account;
    }

    /** A matching message. */
    public record Hit(MessageInfo info, int seq) {}

    /** The matching messages, ascending by UID. */
    public List<Hit> search(SearchKey key) {
        return collect(key, view -> new Hit(view.info(), view.seq()));
    }

    /**
     * What {@code extract} takes from each matching message, ascending by UID; it runs while
     * the message's header and text are still at hand (SORT and THREAD keys).
     */
    public <T> List<T> collect(SearchKey key, Function<MessageView, T> extract) {
        List<T> matched = new ArrayList<>();
        forEach(view -> {
            if (matches(key, view)) {
                matched.add(extract.apply(view));
            }
        });
        return matched;
    }

    private void forEach(java.util.function.Consumer<MessageView> action) {
        UidSet all = selected.all();
        if (all.isEmpty()) {
            return;
        }
        for (MessageInfo info : selected.mailbox().messages(all)) {
            int seq = selected.seq(info.uid());
            if (seq == 0) {
                continue;
            }
            MessageView view = new MessageView(info, seq, selected.mailbox(), cache,
                    new MessageCache.Key(account, selected.name(), selected.uidValidity(), info.uid()));
            try {
                action.accept(view);
            } finally {
                view.release();
            }
        }
    }

    static boolean matches(SearchKey key, MessageView m) {
        MessageInfo info = m.info();
        if (key instanceof SearchKey.And and) {
            for (SearchKey k : and.keys()) {
                if (!matches(k, m)) {
                    return false;
                }
            }
            return true;
        }
        if (key instanceof SearchKey.Or or) {
            return matches(or.left(), m) || matches(or.right(), m);
        }
        if (key instanceof SearchKey.Not not) {
            return !matches(not.key(), m);
        }
        if (key instanceof SearchKey.All) {
            return true;
        }
        if (key instanceof SearchKey.Constant c) {
            return c.value();
        }
        if (key instanceof SearchKey.SystemFlag f) {
            return info.flags().contains(f.flag()) == f.set();
        }
        if (key instanceof SearchKey.Keyword k) {
            return info.flags().contains(k.keyword()) == k.set();
        }
        if (key instanceof SearchKey.Sequence s) {
            return s.uids().contains(info.uid());
        }
        if (key instanceof SearchKey.Uids u) {
            return u.uids().contains(info.uid());
        }
        if (key instanceof SearchKey.Size s) {
            return s.larger() ? info.size() > s.size() : info.size() < s.size();
        }
        if (key instanceof SearchKey.ModSeq s) {
            return info.modSeq() >= s.modSeq();
        }
        if (key instanceof SearchKey.Date d) {
            Optional<LocalDate> date = d.sent()
                    ? SentDate.date(m.rawHeader("Date"))
                    : Optional.of(info.internalDate().atOffset(ZoneOffset.UTC).toLocalDate());
            if (date.isEmpty()) {
                return false;
            }
            int cmp = date.get().compareTo(d.date());
            return switch (d.comparison()) {
                case BEFORE -> cmp < 0;
                case ON -> cmp == 0;
                case SINCE -> cmp >= 0;
            };
        }
        if (key instanceof SearchKey.Header h) {
            return m.headerContains(h.field(), h.text().toLowerCase(Locale.ROOT));
        }
        if (key instanceof SearchKey.Body b) {
            return m.bodyText().contains(b.text().toLowerCase(Locale.ROOT));
        }
        if (key instanceof SearchKey.Text t) {
            String needle = t.text().toLowerCase(Locale.ROOT);
            return m.anyHeaderContains(needle) || m.bodyText().contains(needle);
        }
        throw new IllegalStateException("unknown search key " + key);
    }
}
