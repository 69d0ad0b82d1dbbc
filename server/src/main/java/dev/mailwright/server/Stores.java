package dev.mailwright.server;

import dev.mailwright.core.SpoolingOutputStream;
import dev.mailwright.core.store.MailStore;
import dev.mailwright.core.store.QuotaPolicy;
import dev.mailwright.core.store.maildir.MaildirMailStore;
import dev.mailwright.core.user.FileUserDirectory;
import dev.mailwright.core.user.ManagedUserDirectory;
import dev.mailwright.postgres.PostgresDatabase;
import dev.mailwright.postgres.PostgresMailStore;
import dev.mailwright.postgres.PostgresUserDirectory;
import dev.mailwright.server.config.ConfigException;
import dev.mailwright.server.config.MailwrightConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where mailboxes and accounts live, as {@code [storage]} says: Maildir and the users file
 * under the data directory (the default), or one PostgreSQL database that several nodes share.
 * The server and the administration commands open them the same way.
 */
public final class Stores {

    private Stores() {}

    /** The account directory an administration command works on, and what it holds open. */
    public record UserAccess(ManagedUserDirectory directory, List<AutoCloseable> resources) implements AutoCloseable {
        @Override
        public void close() {
            for (AutoCloseable resource : resources) {
                try {
                    resource.close();
                } catch (Exception e) {
                    // The command's work is done; a failure to let go of the pool changes nothing.
                }
            }
        }
    }

    /** The accounts of {@code config}, for a command such as {@code creds}; close it when done. */
    public static UserAccess openUsers(MailwrightConfig config) {
        Optional<PostgresDatabase> database = database(config);
        if (database.isPresent()) {
            return new UserAccess(PostgresUserDirectory.open(database.get()), List.of(database.get()));
        }
        DataLayout layout = new DataLayout(config.dataDir());
        try {
            Files.createDirectories(layout.root());
        } catch (IOException e) {
            throw new ConfigException("data-dir: cannot create " + layout.root() + ": " + e.getMessage());
        }
        return new UserAccess(FileUserDirectory.open(layout.usersFile()), List.of());
    }

    /** The mail store of {@code config}, for a command such as {@code imap-acct}; closing it releases everything. */
    public static MailStore openMailStore(MailwrightConfig config) {
        Optional<PostgresDatabase> database = database(config);
        if (database.isPresent()) {
            return PostgresMailStore.builder(database.get()).quota(quota(config)).ownsDatabase().build();
        }
        // The caller closes the store itself: nothing else to own.
        return maildir(new DataLayout(config.dataDir()), quota(config), new ArrayList<>());
    }

    static QuotaPolicy quota(MailwrightConfig config) {
        return config.storage().quota() > 0 ? QuotaPolicy.bytes(config.storage().quota()) : QuotaPolicy.UNLIMITED;
    }

    static MailStore maildir(DataLayout layout, QuotaPolicy quota, List<AutoCloseable> owned) {
        try {
            MailStore store = MaildirMailStore.builder().root(layout.mailDir()).quota(quota).build();
            owned.add(store);
            return store;
        } catch (RuntimeException e) {
            throw new ConfigException("data-dir: cannot open the mail store in " + layout.mailDir() + ": " + e.getMessage());
        }
    }

    static MailStore postgres(PostgresDatabase database, QuotaPolicy quota, DataLayout layout, List<AutoCloseable> owned) {
        MailStore store = PostgresMailStore.builder(database).quota(quota)
                .spool(layout.spoolDir(), SpoolingOutputStream.DEFAULT_THRESHOLD).build();
        owned.add(store);
        return store;
    }

    /**
     * The shared database when {@code [storage] backend = "postgres"}: connected, its schema
     * brought up to date. A wrong setting or an unreachable database is a {@link ConfigException}
     * with one line naming the setting.
     */
    /**
     * The shared database of {@code config} when its storage backend is PostgreSQL, opened
     * (and migrated); the caller closes it.
     */
    public static Optional<PostgresDatabase> database(MailwrightConfig config) {
        if (config.storage().backend() != MailwrightConfig.Storage.Backend.POSTGRES) {
            return Optional.empty();
        }
        MailwrightConfig.Postgres pg = config.storage().postgres();
        PostgresDatabase.Builder builder = PostgresDatabase.builder()
                .url(pg.url().orElseThrow(() -> new ConfigException("storage.postgres.url: is required")))
                .poolSize(pg.poolSize());
        pg.user().ifPresent(builder::user);
        password(pg).ifPresent(builder::password);
        try {
            return Optional.of(builder.build());
        } catch (IllegalArgumentException e) {
            // The builder names its setting ("url: ...", "pool-size: ..."): give it its place in the file.
            throw new ConfigException("storage.postgres." + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new ConfigException("storage.postgres.url: " + e.getMessage(), e);
        }
    }

    private static Optional<String> password(MailwrightConfig.Postgres pg) {
        if (pg.password().isPresent() && pg.passwordFile().isPresent()) {
            throw new ConfigException("storage.postgres.password-file: give password or password-file, not both");
        }
        if (pg.passwordFile().isEmpty()) {
            return pg.password();
        }
        Path file = pg.passwordFile().get();
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            // The first line, without its line end: editors add one.
            int end = text.indexOf('\n');
            String password = (end < 0 ? text : text.substring(0, end)).replace("\r", "");
            if (password.isEmpty()) {
                throw new ConfigException("storage.postgres.password-file: " + file + " is empty");
            }
            return Optional.of(password);
        } catch (IOException e) {
            throw new ConfigException("storage.postgres.password-file: cannot read " + file);
        }
    }
}
