package dev.mailwright.core.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailwright.core.user.UserDirectoryException.Reason;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileUserDirectoryTest extends ManagedUserDirectoryContract {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));

    @Override
    protected ManagedUserDirectory newDirectory(PasswordHasher hasher, PasswordCheck check) {
        return FileUserDirectory.builder(dir.resolve("users")).hasher(hasher).clock(clock).build(check);
    }

    private FileUserDirectory open(Path file) {
        return FileUserDirectory.builder(file).hasher(hasher).clock(clock).build();
    }

    @Test
    void readsHtpasswdStyleFiles() throws IOException {
        Path file = dir.resolve("passwd");
        String argon2 = hasher.hash("argon pw");
        write(file, "\uFEFF# mail accounts\r\n"
                + "\r\n"
                + "Alice@Example.org:" + argon2 + "\r\n"
                + "   # indented comment\n"
                + "bob:$2y$05$VMs96AAWM3Vr5hA1hS/azudLkAj0WKRqebSykGYRN93NmboMkVipG\n"
                + "  carol@example.org : bcrypt:$2y$04$UnjteaBRnshnPfYFLZgYS.CazGvqhvSF7NDLcCKQ3lpvcxRz0ZmpW  \n"
                + "locked@example.org:!" + argon2);
        FileUserDirectory users = open(file);
        assertThat(users.list()).containsExactly("alice@example.org", "bob", "carol@example.org", "locked@example.org");
        assertThat(users.authenticate("alice@example.org", "argon pw")).contains("alice@example.org");
        assertThat(users.authenticate("bob", "open sesame")).contains("bob");
        assertThat(users.authenticate("carol@example.org", "hunter2")).contains("carol@example.org");
        assertThat(users.authenticate("locked@example.org", "argon pw")).isEmpty();
        assertThat(users.exists("locked@example.org")).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "\"# ok\\nalice\\n\"                        | 2 | expected username:hash",
        "\"alice:\\n\"                              | 1 | empty password hash for alice",
        "\"a:x\\n\\nb c:x\\n\"                      | 3 | \"invalid username \"\"b c\"\": contains whitespace\"",
        "\"alice:x\\nbob:y\\nALICE:z\\n\"           | 3 | duplicate user alice (first on line 1)",
        "\":x\\n\"                                  | 1 | \"invalid username \"\"\"\": empty\"",
    })
    void malformedLineFailsWithFileAndLine(String content, int line, String problem) throws IOException {
        Path file = dir.resolve("users");
        write(file, content.replace("\\n", "\n"));
        assertThatThrownBy(() -> open(file))
                .isInstanceOfSatisfying(UserDirectoryException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.STORAGE))
                .hasMessage(file + " line " + line + ": " + problem);
    }

    @Test
    void refusesOverlongLinesAndInvalidUtf8() throws IOException {
        Path file = dir.resolve("users");
        write(file, "alice:" + "x".repeat(5000) + "\n");
        assertThatThrownBy(() -> open(file)).hasMessage(file + " line 1: longer than 4096 characters");
        Files.write(file, new byte[] {'a', ':', (byte) 0xC3, '\n'});
        assertThatThrownBy(() -> open(file)).hasMessage("users file " + file + " is not valid UTF-8");
    }

    @Test
    void missingFileIsEmptyAndIsCreatedOwnerOnly() throws IOException {
        Path file = dir.resolve("users");
        FileUserDirectory users = open(file);
        assertThat(users.list()).isEmpty();
        assertThat(file).doesNotExist();

        users.create("alice@example.org", "pw");
        assertThat(Files.readAllLines(file)).singleElement().asString().startsWith("alice@example.org:$argon2id$");
        assumeTrue(file.getFileSystem().supportedFileAttributeViews().contains("posix"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("users.lock"))))
                .isEqualTo("rw-------");
        try (var leftovers = Files.list(dir)) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("users", "users.lock");
        }
    }

    @Test
    void missingDirectoryFailsAtBuild() {
        Path file = dir.resolve("no/such/dir/users");
        assertThatThrownBy(() -> open(file))
                .hasMessage("directory of users file " + file + " does not exist");
    }

    @Test
    void editsKeepCommentsAndOrder() throws IOException {
        Path file = dir.resolve("users");
        String hash = hasher.hash("pw");
        write(file, "# head\nbob:" + hash + "\n# between\ncarol:" + hash + "\ndave:" + hash + "\n# tail\n");
        FileUserDirectory users = open(file);
        users.remove("carol");
        users.setPassword("bob", "new");
        users.create("erin", "pw");

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).isEqualTo("# head");
        assertThat(lines.get(1)).startsWith("bob:$argon2id$").isNotEqualTo("bob:" + hash);
        assertThat(lines.get(2)).isEqualTo("# between");
        assertThat(lines.get(3)).isEqualTo("dave:" + hash);
        assertThat(lines.get(4)).isEqualTo("# tail");
        assertThat(lines.get(5)).startsWith("erin:$argon2id$");
        assertThat(users.authenticate("bob", "new")).contains("bob");
    }

    @Test
    void reloadsAnExternalChangeAfterTheInterval() throws IOException {
        Path file = dir.resolve("users");
        write(file, "alice:" + hasher.hash("pw") + "\n");
        FileUserDirectory users = open(file);
        assertThat(users.list()).containsExactly("alice");

        replace(file, "alice:" + hasher.hash("pw") + "\nbob:" + hasher.hash("pw") + "\n");
        assertThat(users.exists("bob")).as("checked at most once per interval").isFalse();
        clock.advance(Duration.ofMillis(999));
        assertThat(users.exists("bob")).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(users.exists("bob")).isTrue();
        assertThat(users.authenticate("bob", "pw")).contains("bob");
    }

    @Test
    void badReloadKeepsTheLastGoodUsers() throws IOException {
        Path file = dir.resolve("users");
        write(file, "alice:" + hasher.hash("pw") + "\n");
        FileUserDirectory users = open(file);

        replace(file, "alice:" + hasher.hash("pw") + "\nthis line is broken\n");
        assertThat(users.reloadIfChanged()).isFalse();
        assertThat(users.authenticate("alice", "pw")).contains("alice");

        replace(file, "bob:" + hasher.hash("pw") + "\n");
        assertThat(users.reloadIfChanged()).isTrue();
        assertThat(users.list()).containsExactly("bob");
        assertThat(users.reloadIfChanged()).as("unchanged file is not read again").isFalse();
    }

    @Test
    void vanishedFileKeepsTheLastGoodUsers() throws IOException {
        Path file = dir.resolve("users");
        write(file, "alice:" + hasher.hash("pw") + "\n");
        FileUserDirectory users = open(file);
        Files.delete(file);
        assertThat(users.reloadIfChanged()).isFalse();
        assertThat(users.exists("alice")).isTrue();
    }

    @Test
    void writerDoesNotLoseAnotherWritersChange() {
        Path file = dir.resolve("users");
        FileUserDirectory first = open(file);
        FileUserDirectory second = open(file);
        first.create("alice", "pw");
        // second has not reloaded yet, but its change starts from the file on disk.
        second.create("bob", "pw");
        assertThat(second.list()).containsExactly("alice", "bob");
        assertThatThrownBy(() -> second.create("alice", "pw")).hasMessage("user already exists: alice");
        clock.advance(Duration.ofSeconds(1));
        assertThat(first.list()).containsExactly("alice", "bob");
    }

    @Test
    void changeRefusesToOverwriteABrokenFile() throws IOException {
        Path file = dir.resolve("users");
        write(file, "alice:" + hasher.hash("pw") + "\n");
        FileUserDirectory users = open(file);
        replace(file, "garbage\n");
        assertThatThrownBy(() -> users.create("bob", "pw")).hasMessage(file + " line 1: expected username:hash");
        assertThat(Files.readString(file)).isEqualTo("garbage\n");
    }

    @Test
    void waitsForTheLockAndGivesUp() throws IOException {
        Path file = dir.resolve("users");
        FileUserDirectory users = FileUserDirectory.builder(file).hasher(hasher).clock(clock)
                .lockTimeout(Duration.ofMillis(200)).build();
        try (FileChannel channel = FileChannel.open(dir.resolve("users.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = channel.lock()) {
            assertThat(held.isValid()).isTrue();
            assertThatThrownBy(() -> users.create("alice", "pw"))
                    .isInstanceOfSatisfying(UserDirectoryException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.STORAGE))
                    .hasMessage("timed out after 200 ms waiting for the lock on " + dir.resolve("users.lock"));
        }
        users.create("alice", "pw");
        assertThat(users.list()).containsExactly("alice");
    }

    @Test
    void processesWritingTogetherLoseNothing() throws Exception {
        Path file = dir.resolve("users");
        FileUserDirectory here = open(file);
        List<Process> children = new ArrayList<>();
        for (String prefix : List.of("p", "q")) {
            children.add(new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"),
                    UsersFileWriterProcess.class.getName(), file.toString(), prefix, "15")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve(prefix + ".log").toFile())
                    .start());
        }
        for (int i = 0; i < 15; i++) {
            here.create("r" + i, "pw");
        }
        for (Process child : children) {
            boolean finished = child.waitFor(120, TimeUnit.SECONDS);
            if (!finished) {
                child.destroyForcibly();
            }
            assertThat(finished).as("writer process finished").isTrue();
            assertThat(child.exitValue()).as(() -> log(child, children)).isZero();
        }
        assertThat(open(file).list()).hasSize(45).contains("p0", "p14", "q0", "q14", "r0", "r14");
    }

    private String log(Process child, List<Process> children) {
        try {
            return Files.readString(dir.resolve((children.indexOf(child) == 0 ? "p" : "q") + ".log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /** Replaces the file as an editor or another process would: new inode, so the change is seen at once. */
    private void replace(Path file, String content) throws IOException {
        Path temp = Files.createTempFile(dir, "edit", ".tmp");
        write(temp, content);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
