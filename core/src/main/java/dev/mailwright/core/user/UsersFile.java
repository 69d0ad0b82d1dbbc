package dev.mailwright.core.user;

import dev.mailwright.core.user.UserDirectoryException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The content of a users file: one {@code username:hash} line per account, as htpasswd
 * writes them; blank lines and lines starting with {@code #} are ignored. The hash is
 * everything after the first colon (usernames cannot contain one). Comments and the order
 * of lines survive edits.
 */
final class UsersFile {

    private static final Logger LOG = LoggerFactory.getLogger(UsersFile.class);

    static final int MAX_LINE_LENGTH = 4096;

    static final UsersFile EMPTY = new UsersFile(List.of(), Map.of(), Map.of());

    private final List<String> lines;
    private final Map<String, Integer> lineOf;
    private final Map<String, String> hashes;

    private UsersFile(List<String> lines, Map<String, Integer> lineOf, Map<String, String> hashes) {
        this.lines = lines;
        this.lineOf = lineOf;
        this.hashes = hashes;
    }

    /** Reads and parses {@code file}, which must exist. Fails on the first malformed line. */
    static UsersFile read(Path file, long maxBytes, PasswordHasher hasher) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException e) {
            throw new UserDirectoryException(Reason.STORAGE, "cannot read users file " + file + ": " + e, e);
        }
        if (bytes.length > maxBytes) {
            throw new UserDirectoryException(Reason.STORAGE, "users file " + file + " is larger than "
                    + maxBytes + " bytes");
        }
        String content;
        try {
            content = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new UserDirectoryException(Reason.STORAGE, "users file " + file + " is not valid UTF-8");
        }
        return parse(content, file.toString(), hasher);
    }

    /** Parses file content; {@code source} names the file in error messages. */
    static UsersFile parse(String content, String source, PasswordHasher hasher) {
        if (content.startsWith("\uFEFF")) {
            content = content.substring(1);
        }
        List<String> lines = new ArrayList<>();
        Map<String, Integer> lineOf = new HashMap<>();
        Map<String, String> hashes = new LinkedHashMap<>();
        int start = 0;
        while (start < content.length()) {
            int end = content.indexOf('\n', start);
            String line = content.substring(start, end < 0 ? content.length() : end);
            start = end < 0 ? content.length() : end + 1;
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            int number = lines.size() + 1;
            lines.add(line);
            if (line.length() > MAX_LINE_LENGTH) {
                throw malformed(source, number, "longer than " + MAX_LINE_LENGTH + " characters");
            }
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            if (colon < 0) {
                throw malformed(source, number, "expected username:hash");
            }
            String name;
            try {
                name = Usernames.normalize(trimmed.substring(0, colon));
            } catch (UserDirectoryException e) {
                throw malformed(source, number, e.getMessage());
            }
            String hash = trimmed.substring(colon + 1).strip();
            if (hash.isEmpty()) {
                throw malformed(source, number, "empty password hash for " + name);
            }
            Integer previous = lineOf.putIfAbsent(name, lines.size() - 1);
            if (previous != null) {
                throw malformed(source, number, "duplicate user " + name + " (first on line " + (previous + 1) + ")");
            }
            hashes.put(name, hash);
            if (!hasher.recognizes(hash)) {
                LOG.warn("{} line {}: the password hash of {} is in an unsupported format; that user cannot log in",
                        source, number, name);
            }
        }
        return new UsersFile(List.copyOf(lines), Map.copyOf(lineOf), Collections.unmodifiableMap(hashes));
    }

    private static UserDirectoryException malformed(String source, int line, String problem) {
        return new UserDirectoryException(Reason.STORAGE, source + " line " + line + ": " + problem);
    }

    /** Canonical name to stored hash, in file order. */
    Map<String, String> hashes() {
        return hashes;
    }

    /** This content with {@code name}'s line replaced, or appended if the name is new. */
    UsersFile with(String name, String hash) {
        List<String> newLines = new ArrayList<>(lines);
        Map<String, Integer> newLineOf = new HashMap<>(lineOf);
        Map<String, String> newHashes = new LinkedHashMap<>(hashes);
        Integer index = lineOf.get(name);
        if (index == null) {
            newLineOf.put(name, newLines.size());
            newLines.add(name + ":" + hash);
        } else {
            newLines.set(index, name + ":" + hash);
        }
        newHashes.put(name, hash);
        return new UsersFile(List.copyOf(newLines), Map.copyOf(newLineOf), Collections.unmodifiableMap(newHashes));
    }

    /** This content without {@code name}'s line; {@code name} must be present. */
    UsersFile without(String name) {
        int index = lineOf.get(name);
        List<String> newLines = new ArrayList<>(lines);
        newLines.remove(index);
        Map<String, Integer> newLineOf = new HashMap<>();
        lineOf.forEach((user, at) -> {
            if (at != index) {
                newLineOf.put(user, at > index ? at - 1 : at);
            }
        });
        Map<String, String> newHashes = new LinkedHashMap<>(hashes);
        newHashes.remove(name);
        return new UsersFile(List.copyOf(newLines), Map.copyOf(newLineOf), Collections.unmodifiableMap(newHashes));
    }

    byte[] toBytes() {
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(line).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
