package dev.mailwright.core.mime;

import dev.mailwright.core.mime.AddressList.Entry;
import dev.mailwright.core.mime.AddressList.Group;
import dev.mailwright.core.mime.AddressList.Mailbox;
import dev.mailwright.core.mime.AddressTokens.Kind;
import dev.mailwright.core.mime.AddressTokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Recursive descent over the {@link AddressTokens} of one address-list value. On a syntax
 * error the parser marks the result invalid and skips to the next list separator, which
 * always consumes at least one token, so the whole parse stays linear.
 */
final class AddressParser {

    private final AddressTokens tokens;
    private final boolean decode;
    private final int maxAddresses;
    private boolean valid = true;
    private boolean stopped;
    private int addresses;

    AddressParser(String input, boolean decode, int maxAddresses) {
        this.tokens = new AddressTokens(input);
        this.decode = decode;
        this.maxAddresses = maxAddresses;
    }

    AddressList.Result parse() {
        List<Entry> entries = new ArrayList<>();
        while (!stopped) {
            Token t = peek();
            if (t.kind() == Kind.END) {
                break;
            }
            if (isSpecial(t, ',')) {
                next();
                continue;
            }
            Entry entry = address(false);
            if (entry == null) {
                valid = false;
                recover(false);
                continue;
            }
            if (entry instanceof Mailbox && !admit()) {
                break;
            }
            entries.add(entry);
            Token after = peek();
            if (isSpecial(after, ',')) {
                next();
            } else if (after.kind() != Kind.END) {
                valid = false;
                recover(false);
            }
        }
        return new AddressList.Result(entries, valid && !entries.isEmpty());
    }

    /** One mailbox or group; null on a syntax error, leaving the offending token unread. */
    private Entry address(boolean inGroup) {
        Words words = new Words(decode);
        collectWords(words);
        Token t = peek();
        if (isSpecial(t, '<')) {
            next();
            return angleAddress(words);
        }
        if (isSpecial(t, ':')) {
            if (inGroup || !words.isPhrase()) {
                return null;
            }
            next();
            return group(words.text());
        }
        if (isSpecial(t, '@') && words.isLocalPart()) {
            next();
            String domain = domain();
            return domain == null ? null : new Mailbox(Optional.empty(), words.localPart(), domain);
        }
        return null;
    }

    private void collectWords(Words words) {
        while (true) {
            Token t = peek();
            if (t.kind() == Kind.ATOM || t.kind() == Kind.QUOTED) {
                words.word(t);
            } else if (isSpecial(t, '.')) {
                words.dot(t);
            } else {
                return;
            }
            next();
        }
    }

    /** After "<": [obs-route] addr-spec ">". */
    private Mailbox angleAddress(Words name) {
        if (!name.isEmpty() && !name.isPhrase()) {
            return null;
        }
        if ((isSpecial(peek(), '@') || isSpecial(peek(), ',')) && !route()) {
            return null;
        }
        Words local = new Words(false);
        collectWords(local);
        if (!local.isLocalPart() || !isSpecial(peek(), '@')) {
            return null;
        }
        next();
        String domain = domain();
        if (domain == null || !isSpecial(peek(), '>')) {
            return null;
        }
        next();
        String display = name.isEmpty() ? "" : name.text();
        return new Mailbox(display.isEmpty() ? Optional.empty() : Optional.of(display), local.localPart(), domain);
    }

    /** RFC 5322 §4.4 obs-route, read and dropped: {@code *("," ) "@" domain *("," ["@" domain]) ":"}. */
    private boolean route() {
        while (isSpecial(peek(), ',')) {
            next();
        }
        if (!isSpecial(peek(), '@')) {
            return false;
        }
        next();
        if (domain() == null) {
            return false;
        }
        while (isSpecial(peek(), ',')) {
            next();
            if (isSpecial(peek(), '@')) {
                next();
                if (domain() == null) {
                    return false;
                }
            }
        }
        if (!isSpecial(peek(), ':')) {
            return false;
        }
        next();
        return true;
    }

    /** dot-atom, obs-domain or domain-literal; null if none is next. */
    private String domain() {
        Token t = peek();
        if (t.kind() == Kind.LITERAL) {
            next();
            return "[" + t.text() + "]";
        }
        if (t.kind() != Kind.ATOM) {
            return null;
        }
        next();
        StringBuilder domain = new StringBuilder(t.text());
        while (isSpecial(peek(), '.')) {
            next();
            Token label = peek();
            if (label.kind() != Kind.ATOM) {
                return null;
            }
            next();
            domain.append('.').append(label.text());
        }
        return domain.toString();
    }

    /** After "name:": a mailbox list, possibly empty, up to ";"; null past the address limit. */
    private Group group(String name) {
        if (!admit()) {
            return null;
        }
        List<Mailbox> members = new ArrayList<>();
        while (!stopped) {
            Token t = peek();
            if (isSpecial(t, ';')) {
                next();
                return new Group(name, members);
            }
            if (t.kind() == Kind.END) {
                valid = false;
                break;
            }
            if (isSpecial(t, ',')) {
                next();
                continue;
            }
            Entry entry = address(true);
            if (!(entry instanceof Mailbox mailbox)) {
                valid = false;
                recover(true);
                continue;
            }
            if (!admit()) {
                break;
            }
            members.add(mailbox);
            Token after = peek();
            if (isSpecial(after, ',')) {
                next();
            } else if (!isSpecial(after, ';')) {
                valid = false;
                recover(true);
            }
        }
        return new Group(name, members);
    }

    /** Skips to the next "," (or ";" inside a group) or the end, consuming at least one token. */
    private void recover(boolean inGroup) {
        while (true) {
            Token t = peek();
            if (t.kind() == Kind.END || isSpecial(t, ',') || inGroup && isSpecial(t, ';')) {
                return;
            }
            next();
        }
    }

    private boolean admit() {
        if (addresses >= maxAddresses) {
            valid = false;
            stopped = true;
            return false;
        }
        addresses++;
        return true;
    }

    private static boolean isSpecial(Token t, char c) {
        return t.kind() == Kind.SPECIAL && t.special() == c;
    }

    private Token peek() {
        return tokens.peek();
    }

    private Token next() {
        return tokens.next();
    }

    /**
     * A run of words and dots read both ways at once, since only the token after it tells
     * whether it was a display name (phrase) or a local part.
     */
    private static final class Words {
        private final boolean decode;
        private final StringBuilder phrase = new StringBuilder();
        /** Atoms and dots not yet decoded: encoded words are only recognised outside quotes. */
        private final StringBuilder run = new StringBuilder();
        private final StringBuilder local = new StringBuilder();
        private boolean empty = true;
        private boolean startsWithWord;
        private boolean localValid = true;
        private boolean expectWord = true;

        Words(boolean decode) {
            this.decode = decode;
        }

        void word(Token t) {
            if (!expectWord) {
                localValid = false;
            }
            expectWord = false;
            local.append(t.text());
            if (empty) {
                startsWithWord = true;
            }
            if (t.kind() == Kind.ATOM) {
                if (!empty && t.spaced()) {
                    run.append(' ');
                }
                run.append(t.text());
            } else {
                flushRun();
                if (!empty && t.spaced()) {
                    phrase.append(' ');
                }
                phrase.append(t.text());
            }
            empty = false;
        }

        void dot(Token t) {
            if (expectWord) {
                localValid = false;
            }
            expectWord = true;
            local.append('.');
            if (!empty && t.spaced()) {
                run.append(' ');
            }
            run.append('.');
            empty = false;
        }

        boolean isEmpty() {
            return empty;
        }

        /** RFC 5322 phrase / obs-phrase: starts with a word. */
        boolean isPhrase() {
            return startsWithWord;
        }

        /** word *("." word). */
        boolean isLocalPart() {
            return !empty && localValid && !expectWord;
        }

        String localPart() {
            return local.toString();
        }

        String text() {
            flushRun();
            return phrase.toString();
        }

        private void flushRun() {
            if (run.length() > 0) {
                phrase.append(decode ? EncodedWords.decode(run.toString()) : run);
                run.setLength(0);
            }
        }
    }
}
