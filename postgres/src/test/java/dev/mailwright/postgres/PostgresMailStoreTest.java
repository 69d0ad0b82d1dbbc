package dev.mailwright.postgres;

import dev.mailwright.core.store.MailStore;
import dev.mailwright.core.store.UserMail;
import dev.mailwright.core.store.MailStoreContract;
import dev.mailwright.core.store.QuotaPolicy;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/** The shared MailStore contract, unchanged, against PostgreSQL: each store in a schema of its own. */
@TestDatabases.RequiresPostgres
class PostgresMailStoreTest extends MailStoreContract {

    private final List<TestDatabases.TestSchema> schemas = new ArrayList<>();
    private final Map<MailStore, Node> nodes = new IdentityHashMap<>();

    private record Node(TestDatabases.TestSchema schema, PostgresDatabase database, QuotaPolicy quota) {}

    @Override
    protected MailStore createStore(QuotaPolicy quota) {
        TestDatabases.TestSchema schema = TestDatabases.schema();
        schemas.add(schema);
        return start(schema, quota);
    }

    private MailStore start(TestDatabases.TestSchema schema, QuotaPolicy quota) {
        PostgresDatabase database = schema.open();
        MailStore store = new ClosingStore(PostgresMailStore.builder(database).quota(quota).build(), database);
        nodes.put(store, new Node(schema, database, quota));
        return store;
    }

    @Override
    protected boolean isDurable() {
        return true;
    }

    /** A restart: the store and its pool closed, a new pool and store opened on the same schema. */
    @Override
    protected MailStore reopen(MailStore store) {
        Node node = nodes.remove(store);
        store.close();
        return start(node.schema(), node.quota());
    }

    @AfterEach
    void dropSchemas() {
        // Runs before the contract's @AfterEach closes the stores; idle pools hold no lock on the schema.
        for (TestDatabases.TestSchema schema : schemas) {
            schema.close();
        }
    }

    /** The store, and its pool closed with it, as a node that stops. */
    private static final class ClosingStore implements MailStore {
        private final PostgresMailStore store;
        private final PostgresDatabase database;

        ClosingStore(PostgresMailStore store, PostgresDatabase database) {
            this.store = store;
            this.database = database;
        }

        @Override
        public UserMail open(String account) {
            return store.open(account);
        }

        @Override
        public boolean exists(String account) {
            return store.exists(account);
        }

        @Override
        public void createAccount(String account) {
            store.createAccount(account);
        }

        @Override
        public void deleteAccount(String account) {
            store.deleteAccount(account);
        }

        @Override
        public List<String> accounts() {
            return store.accounts();
        }

        @Override
        public void close() {
            store.close();
            database.close();
        }
    }
}
