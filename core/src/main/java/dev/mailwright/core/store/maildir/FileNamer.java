package dev.mailwright.core.store.maildir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes unique file names in the modern Maildir form
 * {@code <seconds>.M<microseconds>P<pid>Q<count>R<random>.<host>}, which Dovecot also
 * writes. The process id lets a later process tell a half-written file in {@code tmp/}
 * of a dead writer from one being written right now; the random part keeps two stores in
 * one process apart.
 */
final class FileNamer {

    private final long pid = ProcessHandle.current().pid();
    private final String host;
    private final String random;
    private final AtomicLong count = new AtomicLong();

    FileNamer() {
        this.host = localHost();
        byte[] bytes = new byte[4];
        new SecureRandom().nextBytes(bytes);
        this.random = HexFormat.of().formatHex(bytes);
    }

    String host() {
        return host;
    }

    long pid() {
        return pid;
    }

    /** A fresh unique name, without sizes: for {@code tmp/} and other scratch files. */
    String uniqueName() {
        Instant now = Instant.now();
        return now.getEpochSecond() + ".M" + now.getNano() / 1000 + "P" + pid + "Q" + count.incrementAndGet()
                + "R" + random + "." + host;
    }

    /** A message base: a unique name with the file size and, if known (not negative), the CRLF size. */
    static String base(String uniqueName, long size, long virtualSize) {
        return uniqueName + ",S=" + size + (virtualSize < 0 ? "" : ",W=" + virtualSize);
    }

    /** The process id in a name this class made, if it has one. */
    static OptionalLong pidOf(String name) {
        int p = name.indexOf('P');
        int q = name.indexOf('Q', p + 1);
        if (p < 0 || q < 0 || !name.startsWith(".M", name.indexOf('.'))) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(name.substring(p + 1, q)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The host part of a name this class made: after the first dot following the R field. */
    static String hostOf(String name) {
        int r = name.indexOf('R');
        int dot = r < 0 ? -1 : name.indexOf('.', r);
        if (dot < 0) {
            return "";
        }
        int comma = name.indexOf(',', dot);
        return name.substring(dot + 1, comma < 0 ? name.length() : comma);
    }

    /** Whether a name was made by a process on this host that has ended. */
    boolean isFromDeadProcess(String name) {
        OptionalLong owner = pidOf(name);
        return owner.isPresent() && host.equals(hostOf(name)) && owner.getAsLong() != pid
                && ProcessHandle.of(owner.getAsLong()).map(p -> !p.isAlive()).orElse(true);
    }

    /** Whether a name was made by a running process of this host (this one included). */
    boolean isFromLiveProcess(String name) {
        OptionalLong owner = pidOf(name);
        return owner.isPresent() && host.equals(hostOf(name))
                && (owner.getAsLong() == pid || ProcessHandle.of(owner.getAsLong()).map(ProcessHandle::isAlive).orElse(false));
    }

    private static String localHost() {
        String name = null;
        try {
            Path kernel = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(kernel)) {
                name = Files.readString(kernel, StandardCharsets.US_ASCII).trim();
            }
        } catch (IOException | RuntimeException e) {
            name = null;
        }
        if (name == null || name.isEmpty()) {
            name = System.getenv("HOSTNAME");
        }
        if (name == null || name.isEmpty()) {
            name = "localhost";
        }
        // Maildir names use '/' ':' ',' as separators; keep the host to a safe alphabet.
        StringBuilder safe = new StringBuilder();
        for (char c : name.toCharArray()) {
            safe.append(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-'
                    ? c : '_');
        }
        return safe.length() > 64 ? safe.substring(0, 64) : safe.toString();
    }
}
