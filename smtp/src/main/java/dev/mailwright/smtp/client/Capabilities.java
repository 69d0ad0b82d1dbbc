package dev.mailwright.smtp.client;

import dev.mailwright.smtp.SmtpReply;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What a server offered in its EHLO or LHLO reply: keywords, each with its parameters. Immutable. */
public final class Capabilities {

    /** A server that said HELO only: no extensions. */
    public static final Capabilities NONE = new Capabilities(Map.of());

    private final Map<String, List<String>> offered;

    private Capabilities(Map<String, List<String>> offered) {
        this.offered = Map.copyOf(offered);
    }

    /** From an EHLO reply: the first line greets, each other line is {@code KEYWORD [params]}. */
    static Capabilities parse(SmtpReply ehlo) {
        Map<String, List<String>> offered = new HashMap<>();
        List<String> lines = ehlo.lines();
        for (int i = 1; i < lines.size(); i++) {
            String[] words = lines.get(i).trim().split(" +");
            if (!words[0].isEmpty()) {
                offered.put(words[0].toUpperCase(Locale.ROOT), List.of(words).subList(1, words.length));
            }
        }
        return new Capabilities(offered);
    }

    public boolean has(String keyword) {
        return offered.containsKey(keyword.toUpperCase(Locale.ROOT));
    }

    /** The parameters of a keyword, such as the mechanisms after AUTH. */
    public List<String> parameters(String keyword) {
        return offered.getOrDefault(keyword.toUpperCase(Locale.ROOT), List.of());
    }

    /** The SIZE limit, when the server gave one (0 means none, RFC 1870). */
    public Optional<Long> maxSize() {
        List<String> p = parameters("SIZE");
        if (p.isEmpty() || !p.get(0).matches("\\d{1,18}")) {
            return Optional.empty();
        }
        long size = Long.parseLong(p.get(0));
        return size == 0 ? Optional.empty() : Optional.of(size);
    }

    public Set<String> keywords() {
        return offered.keySet();
    }

    @Override
    public String toString() {
        return "Capabilities" + offered;
    }
}
