package dev.mailwright.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.user.PasswordHasher;
import dev.mailwright.core.user.UserDirectoryException;
import dev.mailwright.core.user.UserDirectoryException.Reason;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every managed user directory does (as core's contract), and what sharing one between nodes adds. */
@TestDatabases.RequiresPostgres
class PostgresUserDirectoryTest {

    private final PasswordHasher hasher = PasswordHasher.builder().memoryKiB(64).iterations(1).build();
    /** Every stored hash the directory asked to verify, in order. */
    private final List<String> verified = Collections.synchronizedList(new ArrayList<>());
    private TestDatabases.TestSchema schema;
    private PostgresDatabase nodeA;
    private PostgresDatabase nodeB;
    private PostgresUserDirectory directory;
    private PostgresUserDirectory other;

    @BeforeEach
    void open() {
        schema = TestDatabases.schema();
        nodeA = schema.open();
        nodeB = schema.open();
        directory = new PostgresUserDirectory(nodeA, hasher, (password, hash) -> {
            verified.add(hash);
            return hasher.verify(password, hash);
        });
        other = PostgresUserDirectory.open(nodeB, hasher);
    }

    @AfterEach
    void close() {
        nodeA.close();
        nodeB.close();
        schema.close();
    }

    @Test
    void accountsMadeOnOneNodeLogInOnTheOther() {
        directory.create("Alice@Example.org", "wonderland");
        assertThat(other.authenticate(" ALICE@example.ORG ", "wonderland")).contains("alice@example.org");
        assertThat(other.authenticate("alice@example.org", "Wonderland")).isEmpty();
        other.setPassword("alice@example.org", "looking glass");
        assertThat(directory.authenticate("alice@example.org", "wonderland")).isEmpty();
        assertThat(directory.authenticate("alice@example.org", "looking glass")).contains("alice@example.org");
        other.remove("alice@example.org");
        assertThat(directory.exists("alice@example.org")).isFalse();
    }

    @Test
    void unknownUserAndWrongPasswordLookAlikeAndCostTheSame() {
        directory.create("alice@example.org", "wonderland");
        verified.clear();

        assertThat(directory.authenticate("alice@example.org", "guess")).isEmpty();
        assertThat(directory.authenticate("mallory@example.org", "guess")).isEmpty();
        assertThat(directory.authenticate("mal lory", "guess")).isEmpty();

        // One full verification on every path: the real hash for alice, one dummy for the others.
        assertThat(verified).hasSize(3);
        assertThat(verified.get(0)).startsWith("$argon2id$v=19$m=64,t=1,p=1$");
        assertThat(verified.get(1)).startsWith("$argon2id$v=19$m=64,t=1,p=1$").isNotEqualTo(verified.get(0))
                .isEqualTo(verified.get(2));
    }

    @Test
    void hashesWrittenByOtherToolsWork() throws Exception {
        // A line moved over from a users file: the hash column holds what the file held.
        try (Connection c = schema.connect();
             PreparedStatement p = c.prepareStatement("INSERT INTO users (name, password_hash) VALUES (?, ?)")) {
            p.setString(1, "carol@example.org");
            p.setString(2, "{ARGON2ID}" + hasher.hash("from the file"));
            p.executeUpdate();
        }
        assertThat(directory.authenticate("carol@example.org", "from the file")).contains("carol@example.org");
        assertThat(directory.authenticate("carol@example.org", "something else")).isEmpty();
    }

    @Test
    void findsTheAccountForAnAddress() {
        directory.create("alice@example.org", "pw-a");
        directory.create("postmaster", "pw-p");
        directory.create("carol@example.org", "pw-c1");
        directory.create("carol", "pw-c2");

        assertThat(other.accountFor("Alice", "EXAMPLE.org")).contains("alice@example.org");
        assertThat(other.accountFor("alice", "example.net")).isEmpty();
        assertThat(other.accountFor("PostMaster", "other.example")).contains("postmaster");
        assertThat(other.accountFor("carol", "example.org")).contains("carol@example.org");
        assertThat(other.accountFor("carol", "example.net")).contains("carol");
        assertThat(other.accountFor("alice@example.org", "example.org")).isEmpty();
        assertThat(other.accountFor("john smith", "example.org")).isEmpty();
    }

    @Test
    void refusalsNameTheProblem() {
        directory.create("alice@example.org", "one");
        assertThatThrownBy(() -> other.create("ALICE@example.org", "two"))
                .isInstanceOfSatisfying(UserDirectoryException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ALREADY_EXISTS))
                .hasMessage("user already exists: alice@example.org");
        assertThatThrownBy(() -> other.setPassword("bob@example.org", "x"))
                .isInstanceOfSatisfying(UserDirectoryException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_USER))
                .hasMessage("no such user: bob@example.org");
        assertThatThrownBy(() -> other.remove("bob@example.org")).hasMessage("no such user: bob@example.org");
        assertThatThrownBy(() -> directory.create("al:ice", "pw"))
                .isInstanceOfSatisfying(UserDirectoryException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_USERNAME));
        assertThatThrownBy(() -> directory.create("bob", ""))
                .isInstanceOfSatisfying(UserDirectoryException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_PASSWORD))
                .hasMessage("invalid password: password is empty");
        assertThat(directory.list()).containsExactly("alice@example.org");
    }

    @Test
    void concurrentCreatesOnTwoNodesAreAllKept() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String name = "user" + i + "@example.org";
                PostgresUserDirectory node = i % 2 == 0 ? directory : other;
                done.add(pool.submit(() -> node.create(name, "pw-" + name)));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(other.list()).hasSize(24).isSorted();
        assertThat(directory.authenticate("user7@example.org", "pw-user7@example.org")).isPresent();
    }

    @Test
    void aliasesAreSharedAndChecked() {
        directory.aliases().set("Team@Example.org", List.of("alice@example.org", " bob@example.org "));
        directory.aliases().set("abuse", List.of("postmaster@example.org"));
        assertThat(other.aliases().all()).isEqualTo(Map.of(
                "team@example.org", List.of("alice@example.org", "bob@example.org"),
                "abuse", List.of("postmaster@example.org")));
        assertThat(directory.aliases().remove("abuse")).isTrue();
        assertThat(directory.aliases().remove("abuse")).isFalse();
        assertThat(directory.aliases().all()).containsOnlyKeys("team@example.org");
        assertThatThrownBy(() -> directory.aliases().set("team@example.org", List.of("not an address")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'not an address' is not an address");
        assertThatThrownBy(() -> directory.aliases().set("two words", List.of("a@example.org")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> directory.aliases().set("x@example.org", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
