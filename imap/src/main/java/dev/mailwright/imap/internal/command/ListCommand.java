package dev.mailwright.imap.internal.command;

import dev.mailwright.core.store.MailboxInfo;
import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.MailStoreException;
import dev.mailwright.core.store.SpecialUse;
import dev.mailwright.imap.internal.mailbox.ListPattern;
import dev.mailwright.imap.internal.mailbox.MailboxNames;
import dev.mailwright.imap.internal.protocol.Arguments;
import dev.mailwright.imap.internal.protocol.ImapException;
import dev.mailwright.imap.internal.protocol.ResponseWriter;
import dev.mailwright.imap.internal.session.SessionState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * LIST and LSUB (RFC 9051 §6.3.9, RFC 3501 §6.3.9) with LIST-EXTENDED selection and
 * return options (RFC 5258), CHILDREN (RFC 3348), SPECIAL-USE (RFC 6154) and LIST-STATUS
 * (RFC 5819). Every mailbox is listed with its children attribute and special use.
 */
final class ListCommand implements Command {

    private final boolean lsub;

    ListCommand(boolean lsub) {
        this.lsub = lsub;
    }

    @Override
    public Set<SessionState> states() {
        return AUTHENTICATED;
    }

    /** What the client asked for. */
    private static final class Options {
        boolean subscribedOnly;
        boolean recursiveMatch;
        boolean specialUseOnly;
        boolean returnSubscribed;
        List<String> statusItems;
        boolean extended;
    }

    @Override
    public void execute(CommandContext c) throws ImapException {
        Arguments args = c.args();
        boolean utf8 = c.session().utf8();
        Options options = new Options();
        args.sp();
        if (!lsub && args.peek() == '(') {
            selectionOptions(args, options);
            args.sp();
        }
        String reference = MailboxNames.decodeText(args.astringBytes(), utf8);
        args.sp();
        List<String> patterns = new ArrayList<>();
        if (!lsub && args.tryChar('(')) {
            options.extended = true;
            do {
                patterns.add(listMailbox(args, utf8));
            } while (args.tryChar(' '));
            args.expect(')');
        } else {
            patterns.add(listMailbox(args, utf8));
        }
        if (!lsub && args.tryChar(' ')) {
            returnOptions(args, options);
        }
        args.end();
        if (options.recursiveMatch && !options.subscribedOnly && !options.specialUseOnly) {
            throw ImapException.bad("RECURSIVEMATCH needs another selection option");
        }
        if (options.statusItems != null && options.statusItems.contains("HIGHESTMODSEQ")) {
            c.session().enableCondstore();
        }
        if (patterns.size() == 1 && patterns.get(0).isEmpty() && !options.extended) {
            // RFC 9051 §6.3.9: an empty pattern asks for the delimiter and the root.
            c.out().append("* ").append(lsub ? "LSUB" : "LIST").append(" (\\Noselect) \"/\" \"\"").crlf();
            return;
        }
        List<ListPattern> compiled = new ArrayList<>();
        for (String p : patterns) {
            try {
                compiled.add(ListPattern.of(reference, p));
            } catch (IllegalArgumentException e) {
                throw ImapException.bad("Pattern too long");
            }
        }
        list(c, compiled, options);
    }

    private static String listMailbox(Arguments args, boolean utf8) throws ImapException {
        int p = args.peek();
        byte[] wire;
        if (p == '"' || p == '{' || p == '~') {
            wire = args.stringBytes();
        } else {
            String chars = args.charsWhile(ch -> ch > 0x20 && ch != '(' && ch != ')' && ch != '{' && ch != '"' && ch != '\\' && ch != 0x7f);
            if (chars.isEmpty()) {
                throw ImapException.bad("Expected a mailbox pattern");
            }
            wire = chars.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        return MailboxNames.decodeText(wire, utf8);
    }

    private static void selectionOptions(Arguments args, Options o) throws ImapException {
        args.expect('(');
        if (args.tryChar(')')) {
            return;
        }
        do {
            String option = args.keyword();
            switch (option) {
                case "SUBSCRIBED" -> {
                    o.subscribedOnly = true;
                    o.returnSubscribed = true;
                }
                case "REMOTE" -> { /* no remote mailboxes here */ }
                case "RECURSIVEMATCH" -> o.recursiveMatch = true;
                case "SPECIAL-USE" -> o.specialUseOnly = true;
                default -> throw ImapException.bad("Unknown LIST selection option " + option);
            }
        } while (args.tryChar(' '));
        args.expect(')');
        o.extended = true;
    }

    private static void returnOptions(Arguments args, Options o) throws ImapException {
        if (!args.keyword().equals("RETURN")) {
            throw ImapException.bad("Expected RETURN");
        }
        args.sp();
        args.expect('(');
        o.extended = true;
        if (args.tryChar(')')) {
            return;
        }
        do {
            String option = args.keyword();
            switch (option) {
                case "SUBSCRIBED" -> o.returnSubscribed = true;
                case "CHILDREN", "SPECIAL-USE" -> { /* always returned */ }
                case "STATUS" -> {
                    args.sp();
                    o.statusItems = StatusCommand.items(args);
                }
                default -> throw ImapException.bad("Unknown LIST return option " + option);
            }
        } while (args.tryChar(' '));
        args.expect(')');
    }

    private void list(CommandContext c, List<ListPattern> patterns, Options o) {
        List<MailboxInfo> all = c.session().mail().mailboxes();
        Map<MailboxName, Set<SpecialUse>> existing = new TreeMap<>();
        for (MailboxInfo info : all) {
            existing.put(info.name(), info.specialUse());
        }
        TreeSet<String> names = new TreeSet<>();
        for (MailboxName n : existing.keySet()) {
            names.add(n.toString());
        }
        TreeSet<MailboxName> subscribed = new TreeSet<>(c.session().mail().subscriptions());

        // Candidates with what made them listed: null, or the CHILDINFO reason.
        Map<String, Boolean> candidates = new TreeMap<>();
        if (lsub || o.subscribedOnly) {
            for (MailboxName s : subscribed) {
                candidates.put(s.toString(), false);
            }
            if (lsub || o.recursiveMatch) {
                for (MailboxName s : subscribed) {
                    for (MailboxName p = s.parent().orElse(null); p != null; p = p.parent().orElse(null)) {
                        candidates.putIfAbsent(p.toString(), true);
                    }
                }
            }
        } else {
            for (String n : names) {
                candidates.put(n, false);
            }
        }
        Map<String, Boolean> hasChildrenCache = new HashMap<>();
        for (Map.Entry<String, Boolean> e : candidates.entrySet()) {
            String name = e.getKey();
            boolean onlyAsParent = e.getValue();
            boolean matched = false;
            for (ListPattern p : patterns) {
                if (p.matches(name)) {
                    matched = true;
                    break;
                }
            }
            if (!matched) {
                continue;
            }
            MailboxName mailboxName = MailboxName.of(name);
            boolean exists = existing.containsKey(mailboxName);
            Set<SpecialUse> uses = exists ? existing.get(mailboxName) : Set.of();
            if (o.specialUseOnly && uses.isEmpty()) {
                continue;
            }
            if (lsub && onlyAsParent && !hasPercentMatch(patterns, name)) {
                continue;
            }
            boolean children = hasChildrenCache.computeIfAbsent(name, n -> {
                String ceiling = names.ceiling(n + "/");
                return ceiling != null && ceiling.startsWith(n + "/");
            });
            List<String> attributes = new ArrayList<>();
            if (lsub) {
                if (onlyAsParent || !exists) {
                    attributes.add("\\Noselect");
                }
            } else {
                if (!exists) {
                    attributes.add("\\NonExistent");
                }
                if (o.returnSubscribed && subscribed.contains(mailboxName)) {
                    attributes.add("\\Subscribed");
                }
            }
            attributes.add(children ? "\\HasChildren" : "\\HasNoChildren");
            if (!lsub) {
                for (SpecialUse use : uses) {
                    attributes.add(use.attribute());
                }
            }
            ResponseWriter out = c.out();
            out.append("* ").append(lsub ? "LSUB" : "LIST").append(" (").append(String.join(" ", attributes)).append(") \"/\" ");
            MailboxArgument.write(c, mailboxName);
            if (!lsub && onlyAsParent) {
                out.append(" (\"CHILDINFO\" (\"SUBSCRIBED\"))");
            }
            out.crlf();
            if (o.statusItems != null && exists) {
                try {
                    StatusCommand.write(c, c.session().mail(), mailboxName, o.statusItems);
                } catch (MailStoreException gone) {
                    // Deleted meanwhile: LIST-STATUS leaves such mailboxes out.
                }
            }
        }
    }

    /** LSUB lists an unsubscribed parent only where a "%" stopped at it (RFC 3501 §6.3.9). */
    private static boolean hasPercentMatch(List<ListPattern> patterns, String name) {
        for (ListPattern p : patterns) {
            if (p.text().endsWith("%") && p.matches(name)) {
                return true;
            }
        }
        return false;
    }
}
