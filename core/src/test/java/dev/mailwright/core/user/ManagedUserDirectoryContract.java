package dev.mailwright.core.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.user.UserDirectoryException.Reason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ManagedUserDirectory} must do; each implementation's test extends this. */
abstract class ManagedUserDirectoryContract {

    protected final PasswordHasher hasher = PasswordHasher.builder().memoryKiB(64).iterations(1).build();
    /** Every stored hash the directory under test asked to verify, in order. */
    protected final List<String> verified = Collections.synchronizedList(new ArrayList<>());
    protected final String dummyHash = hasher.hash("no one knows this");
    protected ManagedUserDirectory directory;

    /** A new, empty directory that verifies passwords through {@code check}. */
    protected abstract ManagedUserDirectory newDirectory(PasswordHasher hasher, PasswordCheck check) throws Exception;

    @BeforeEach
    void createDirectory() throws Exception {
        PasswordCheck check = new PasswordCheck((password, hash) -> {
            verified.add(hash);
            return hasher.verify(password, hash);
        }, dummyHash);
        directory = newDirectory(hasher, check);
    }

    @Test
    void authenticatesWithTheCanonicalName() {
        directory.create("Alice@Example.org", "wonderland");
        assertThat(directory.authenticate("alice@example.org", "wonderland")).contains("alice@example.org");
        assertThat(directory.authenticate(" ALICE@EXAMPLE.ORG ", "wonderland")).contains("alice@example.org");
        assertThat(directory.authenticate("alice@example.org", "Wonderland")).isEmpty();
    }

    @Test
    void unknownUserAndWrongPasswordLookAlikeAndCostTheSame() {
        directory.create("alice@example.org", "wonderland");
        verified.clear();

        Optional<String> wrongPassword = directory.authenticate("alice@example.org", "guess");
        Optional<String> unknownUser = directory.authenticate("mallory@example.org", "guess");
        Optional<String> invalidName = directory.authenticate("mal lory", "guess");
        Optional<String> unknownWithDummysPassword = directory.authenticate("eve@example.org", "no one knows this");

        assertThat(wrongPassword).isEmpty();
        assertThat(unknownUser).isEqualTo(wrongPassword);
        assertThat(invalidName).isEqualTo(wrongPassword);
        assertThat(unknownWithDummysPassword).isEqualTo(wrongPassword);
        // One full verification on every path: the real hash for alice, the dummy for the others.
        assertThat(verified).hasSize(4);
        assertThat(verified.get(0)).isNotEqualTo(dummyHash).startsWith("$argon2id$v=19$m=64,t=1,p=1$");
        assertThat(verified.subList(1, 4)).containsOnly(dummyHash);
    }

    @Test
    void existsAfterNormalisation() {
        directory.create("bob@example.org", "builder");
        assertThat(directory.exists("BOB@example.ORG")).isTrue();
        assertThat(directory.exists("bob@example.net")).isFalse();
        assertThat(directory.exists("bob")).isFalse();
        assertThat(directory.exists("not valid")).isFalse();
    }

    @Test
    void findsTheAccountForAnAddress() {
        directory.create("alice@example.org", "pw-a");
        directory.create("postmaster", "pw-p");
        directory.create("carol@example.org", "pw-c1");
        directory.create("carol", "pw-c2");

        assertThat(directory.accountFor("Alice", "EXAMPLE.org")).contains("alice@example.org");
        assertThat(directory.accountFor("alice", "example.net")).isEmpty();
        assertThat(directory.accountFor("postmaster", "example.org")).contains("postmaster");
        assertThat(directory.accountFor("PostMaster", "other.example")).contains("postmaster");
        assertThat(directory.accountFor("carol", "example.org")).contains("carol@example.org");
        assertThat(directory.accountFor("carol", "example.net")).contains("carol");
        assertThat(directory.accountFor("nobody", "example.org")).isEmpty();
        assertThat(directory.accountFor("alice@example.org", "example.org")).isEmpty();
        assertThat(directory.accountFor("john smith", "example.org")).isEmpty();
    }

    @Test
    void createRefusesAnExistingUser() {
        directory.create("alice@example.org", "one");
        assertThatThrownBy(() -> directory.create("ALICE@example.org", "two"))
                .isInstanceOfSatisfying(UserDirectoryException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.ALREADY_EXISTS))
                .hasMessage("user already exists: alice@example.org");
        assertThat(directory.authenticate("alice@example.org", "one")).isPresent();
    }

    @Test
    void setPasswordReplacesThePassword() {
        directory.create("alice@example.org", "old password");
        directory.setPassword("Alice@example.org", "new password");
        assertThat(directory.authenticate("alice@example.org", "old password")).isEmpty();
        assertThat(directory.authenticate("alice@example.org", "new password")).contains("alice@example.org");
        assertThatThrownBy(() -> directory.setPassword("bob@example.org", "x"))
                .isInstanceOfSatisfying(UserDirectoryException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_USER))
                .hasMessage("no such user: bob@example.org");
    }

    @Test
    void removeDeletesTheAccount() {
        directory.create("alice@example.org", "pw");
        directory.create("bob@example.org", "pw");
        directory.remove("ALICE@example.org");
        assertThat(directory.exists("alice@example.org")).isFalse();
        assertThat(directory.authenticate("alice@example.org", "pw")).isEmpty();
        assertThat(directory.list()).containsExactly("bob@example.org");
        assertThatThrownBy(() -> directory.remove("alice@example.org"))
                .isInstanceOfSatisfying(UserDirectoryException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_USER))
                .hasMessage("no such user: alice@example.org");
    }

    @Test
    void listsSortedCanonicalNames() {
        directory.create("zed@example.org", "pw");
        directory.create("Amy@Example.org", "pw");
        directory.create("mike", "pw");
        assertThat(directory.list()).containsExactly("amy@example.org", "mike", "zed@example.org");
    }

    @Test
    void rejectsInvalidNamesAndPasswords() {
        assertThatThrownBy(() -> directory.create("al:ice", "pw"))
                .isInstanceOfSatisfying(UserDirectoryException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_USERNAME))
                .hasMessage("invalid username \"al:ice\": contains ':'");
        assertThatThrownBy(() -> directory.create("alice", ""))
                .isInstanceOfSatisfying(UserDirectoryException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_PASSWORD))
                .hasMessage("invalid password: password is empty");
        assertThat(directory.list()).isEmpty();
    }

    @Test
    void concurrentChangesAreAllKept() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String name = "user" + i + "@example.org";
                done.add(pool.submit(() -> directory.create(name, "pw-" + name)));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(directory.list()).hasSize(24);
        assertThat(directory.authenticate("user7@example.org", "pw-user7@example.org")).isPresent();
    }
}
