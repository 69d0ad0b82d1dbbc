package dev.mailwright.postgres;

import dev.mailwright.core.user.ManagedUserDirectory;
import dev.mailwright.core.user.PasswordHasher;
import dev.mailwright.core.user.UserDirectoryException;
import dev.mailwright.core.user.UserDirectoryException.Reason;
import dev.mailwright.core.user.Usernames;
import dev.mailwright.postgres.internal.Database;
import java.io.IOException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts and password hashes in PostgreSQL, the same on every node; plus the aliases of
 * {@link PostgresAliases}. Names are canonical as {@link Usernames} defines them, hashes are
 * those of {@link PasswordHasher} (argon2id written; bcrypt and maddy's formats verified), so
 * a users file can be moved into the table line by line.
 *
 * <p>An unknown user costs one verification against a dummy hash made with the current
 * parameters, like a wrong password, so neither answer nor timing tells which accounts exist.
 */
public final class PostgresUserDirectory implements ManagedUserDirectory {

    private static final Logger log = LoggerFactory.getLogger(PostgresUserDirectory.class);

    private final Database database;
    private final PasswordHasher hasher;
    private final BiPredicate<String, String> verifier;
    private final String dummyHash;
    private final PostgresAliases aliases;

    PostgresUserDirectory(PostgresDatabase database, PasswordHasher hasher, BiPredicate<String, String> verifier) {
        this.database = database.database;
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        // The dummy's password is random and forgotten at once: nothing can match it.
        this.dummyHash = hasher.hash(Base64.getEncoder().encodeToString(secret));
        this.aliases = new PostgresAliases(this.database);
    }

    /** A directory hashing new passwords with {@link PasswordHasher#defaults()}. */
    public static PostgresUserDirectory open(PostgresDatabase database) {
        return open(database, PasswordHasher.defaults());
    }

    public static PostgresUserDirectory open(PostgresDatabase database, PasswordHasher hasher) {
        return new PostgresUserDirectory(database, hasher, hasher::verify);
    }

    /** The aliases every node shares. */
    public PostgresAliases aliases() {
        return aliases;
    }

    @Override
    public Optional<String> authenticate(String username, String password) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        String name = canonicalOrNull(username);
        String hash = name == null ? null : hashOf(name);
        boolean known = hash != null;
        boolean matches = verifier.test(password, known ? hash : dummyHash);
        return known & matches ? Optional.of(name) : Optional.empty();
    }

    private String hashOf(String name) {
        return query("looking up a user", "SELECT password_hash FROM users WHERE name = ?", name, rs -> rs.getString(1));
    }

    @Override
    public boolean exists(String username) {
        String name = canonicalOrNull(Objects.requireNonNull(username, "username"));
        return name != null && query("looking up a user", "SELECT name FROM users WHERE name = ?", name, rs -> rs.getString(1)) != null;
    }

    @Override
    public Optional<String> accountFor(String localPart, String domain) {
        Objects.requireNonNull(localPart, "localPart");
        Objects.requireNonNull(domain, "domain");
        String full = localPart.indexOf('@') < 0 && domain.indexOf('@') < 0 ? canonicalOrNull(localPart + "@" + domain) : null;
        String bare = localPart.indexOf('@') < 0 ? canonicalOrNull(localPart) : null;
        if (full == null && bare == null) {
            return Optional.empty();
        }
        // One round trip for both forms; the full address wins.
        List<String> found = run("looking up a recipient", c -> {
            List<String> names = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT name FROM users WHERE name IN (?, ?)")) {
                p.setString(1, full);
                p.setString(2, bare);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
            }
            return names;
        });
        if (full != null && found.contains(full)) {
            return Optional.of(full);
        }
        return bare != null && found.contains(bare) ? Optional.of(bare) : Optional.empty();
    }

    @Override
    public void create(String username, String password) {
        String name = Usernames.normalize(username);
        String hash = newHash(password);
        int added = update("creating a user",
                "INSERT INTO users (name, password_hash) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", name, hash);
        if (added == 0) {
            throw new UserDirectoryException(Reason.ALREADY_EXISTS, "user already exists: " + name);
        }
    }

    @Override
    public void setPassword(String username, String password) {
        String name = Usernames.normalize(username);
        String hash = newHash(password);
        if (update("changing a password", "UPDATE users SET password_hash = ? WHERE name = ?", hash, name) == 0) {
            throw noSuchUser(name);
        }
    }

    @Override
    public void remove(String username) {
        String name = Usernames.normalize(username);
        if (update("removing a user", "DELETE FROM users WHERE name = ?", name) == 0) {
            throw noSuchUser(name);
        }
    }

    @Override
    public List<String> list() {
        List<String> names = run("listing users", c -> {
            List<String> all = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT name FROM users")) {
                p.setFetchSize(5000);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        all.add(rs.getString(1));
                    }
                }
            }
            return all;
        });
        names.sort(null);
        return List.copyOf(names);
    }

    private String newHash(String password) {
        Objects.requireNonNull(password, "password");
        try {
            return hasher.hash(password);
        } catch (IllegalArgumentException e) {
            throw new UserDirectoryException(Reason.INVALID_PASSWORD, "invalid password: " + e.getMessage());
        }
    }

    private static UserDirectoryException noSuchUser(String name) {
        return new UserDirectoryException(Reason.NO_SUCH_USER, "no such user: " + name);
    }

    /** The canonical name, or null for a name that cannot be an account. */
    private static String canonicalOrNull(String username) {
        try {
            return Usernames.normalize(username);
        } catch (UserDirectoryException e) {
            return null;
        }
    }

    /** Reads one column of at most one row. */
    private interface Column<T> {
        T get(ResultSet rs) throws SQLException;
    }

    private <T> T query(String what, String sql, String key, Column<T> column) {
        return run(what, c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setString(1, key);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? column.get(rs) : null;
                }
            }
        });
    }

    private int update(String what, String sql, String... values) {
        return write(what, c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    p.setString(i + 1, values[i]);
                }
                return p.executeUpdate();
            }
        });
    }

    private <T> T run(String what, Database.Work<T> work) {
        try {
            return database.query(work);
        } catch (SQLException | IOException e) {
            throw failure(what, e);
        }
    }

    private <T> T write(String what, Database.Work<T> work) {
        try {
            return database.write(work);
        } catch (SQLException | IOException e) {
            throw failure(what, e);
        }
    }

    private static UserDirectoryException failure(String what, Exception e) {
        log.warn("{} failed: {}", what, e.getMessage());
        return new UserDirectoryException(Reason.STORAGE, what + " failed: the user database is unavailable", e);
    }

    @Override
    public String toString() {
        return "PostgresUserDirectory";
    }
}
