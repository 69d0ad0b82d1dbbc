package dev.mailwright.postgres;

import dev.mailwright.core.store.MailStore;
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

    private record Node(TestDatabases.TestSchema schema, QuotaPolicy quota) {}

    @Override
    protected MailStore createStore(QuotaPolicy quota) {
        TestDatabases.TestSchema schema = TestDatabases.schema();
        schemas.add(schema);
        return start(schema, quota);
    }

    private MailStore start(TestDatabases.TestSchema schema, QuotaPolicy quota) {
        // The store closes its pool when it closes, as a node that stops.
        MailStore store = PostgresMailStore.builder(schema.open()).quota(quota).ownsDatabase().build();
        nodes.put(store, new Node(schema, quota));
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
}
