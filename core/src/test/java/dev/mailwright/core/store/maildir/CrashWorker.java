package dev.mailwright.core.store.maildir;

import dev.mailwright.core.MessageContent;
import dev.mailwright.core.store.CopyResult;
import dev.mailwright.core.store.FlagUpdate;
import dev.mailwright.core.store.Flags;
import dev.mailwright.core.store.Mailbox;
import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.MessageInfo;
import dev.mailwright.core.store.StoreResult;
import dev.mailwright.core.store.UidSet;
import dev.mailwright.core.store.UserMail;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;

/**
 * The child process of {@link MaildirCrashTest}: changes one account in a loop and prints
 * a line for every change the store acknowledged, so that the parent, after killing it at
 * a random instant, knows what must have survived. Lines in lower case announce a change
 * before it is made (it may or may not survive); upper case ones report it done:
 *
 * <pre>
 * A &lt;uid&gt; &lt;id&gt; &lt;flags&gt;   appended          f &lt;uid&gt; &lt;flags&gt;   about to set flags
 * F &lt;uid&gt; &lt;flags&gt;        flags set         x &lt;uid&gt;           about to expunge
 * X &lt;uid&gt;                expunged          C &lt;uid&gt; &lt;new uid&gt; copied within INBOX
 * </pre>
 * Flags are written as letters of {@link #FLAG_LETTERS}, {@code -} for none.
 *
 * <p>Usage: {@code CrashWorker <root> <account> <seed> <operations>} (0 = until killed).
 */
public final class CrashWorker {

    static final String FLAG_LETTERS = "SFDabc";
    private static final String[] FLAG_NAMES = {"\\Seen", "\\Flagged", "\\Draft", "$KeyA", "$KeyB", "$KeyC"};

    private CrashWorker() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        String account = args[1];
        long seed = Long.parseLong(args[2]);
        long operations = Long.parseLong(args[3]);
        Random random = new Random(seed);
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.US_ASCII);
        String prefix = "p" + ProcessHandle.current().pid();
        try (MaildirMailStore store = MaildirMailStore.builder().root(root).compactAfterBytes(4096).build();
                UserMail mail = store.open(account); Mailbox inbox = mail.select(MailboxName.INBOX)) {
            List<Long> uids = new ArrayList<>();
            for (MessageInfo m : inbox.snapshot().messages()) {
                uids.add(m.uid());
            }
            for (long n = 0; operations == 0 || n < operations; n++) {
                int dice = random.nextInt(100);
                if (dice < 55 || uids.isEmpty()) {
                    String id = prefix + "-" + n;
                    Flags flags = randomFlags(random);
                    MessageContent content = content(id);
                    long uid = mail.append(MailboxName.INBOX, content, flags, Instant.now()).uid();
                    uids.add(uid);
                    report(out, "A " + uid + " " + id + " " + letters(flags));
                } else if (dice < 85) {
                    long uid = uids.get(random.nextInt(uids.size()));
                    Flags flags = randomFlags(random);
                    report(out, "f " + uid + " " + letters(flags));
                    StoreResult result = inbox.store(UidSet.of(uid), FlagUpdate.replace(flags), OptionalLong.empty());
                    if (!result.messages().isEmpty()) {
                        report(out, "F " + uid + " " + letters(result.messages().get(0).flags()));
                    }
                } else if (dice < 95) {
                    long uid = uids.remove(random.nextInt(uids.size()));
                    report(out, "x " + uid);
                    inbox.store(UidSet.of(uid), FlagUpdate.add(Flags.of("\\Deleted")), OptionalLong.empty());
                    if (!inbox.expunge(Optional.of(UidSet.of(uid))).isEmpty()) {
                        report(out, "X " + uid);
                    }
                } else {
                    long uid = uids.get(random.nextInt(uids.size()));
                    CopyResult copy = inbox.copy(UidSet.of(uid), MailboxName.INBOX);
                    for (CopyResult.UidMapping m : copy.mapping()) {
                        uids.add(m.target());
                        report(out, "C " + m.source() + " " + m.target());
                    }
                }
            }
        }
    }

    private static void report(PrintStream out, String line) {
        out.print(line + "\n");
        out.flush();
    }

    /** The bytes of message {@code id}: a header naming it and a body whose length depends on it. */
    static MessageContent content(String id) {
        int padding = Math.floorMod(id.hashCode(), 20_000);
        String text = "Message-ID: <" + id + "@crash.test>\r\nSubject: crash test\r\n\r\n" + id + "\r\n"
                + "x".repeat(padding) + "\r\n";
        return MessageContent.of(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** The id in a message made by {@link #content}, or null. */
    static String idOf(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.US_ASCII);
        if (!text.startsWith("Message-ID: <")) {
            return null;
        }
        int end = text.indexOf("@crash.test>");
        return end < 0 ? null : text.substring("Message-ID: <".length(), end);
    }

    private static Flags randomFlags(Random random) {
        List<String> names = new ArrayList<>();
        for (String name : FLAG_NAMES) {
            if (random.nextInt(3) == 0) {
                names.add(name);
            }
        }
        return Flags.of(names);
    }

    static String letters(Flags flags) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < FLAG_NAMES.length; i++) {
            if (flags.contains(FLAG_NAMES[i])) {
                b.append(FLAG_LETTERS.charAt(i));
            }
        }
        return b.length() == 0 ? "-" : b.toString();
    }

    static Flags flags(String letters) {
        List<String> names = new ArrayList<>();
        for (char c : letters.toCharArray()) {
            int i = FLAG_LETTERS.indexOf(c);
            if (i >= 0) {
                names.add(FLAG_NAMES[i]);
            }
        }
        return Flags.of(names);
    }
}
