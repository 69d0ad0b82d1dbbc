package dev.mailwright.core.store.maildir;

import dev.mailwright.core.store.MailStore;
import dev.mailwright.core.store.MailStoreContract;
import dev.mailwright.core.store.QuotaPolicy;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The shared contract, run against Maildir directories with fsync on, as in production. */
class MaildirMailStoreTest extends MailStoreContract {

    @TempDir
    Path temp;
    private int stores;

    @Override
    protected MailStore createStore(QuotaPolicy quota) {
        return MaildirMailStore.builder().root(temp.resolve("store-" + ++stores)).quota(quota).build();
    }

    @Override
    protected boolean isDurable() {
        return true;
    }

    @Override
    protected MailStore reopen(MailStore store) {
        MaildirMailStore maildir = (MaildirMailStore) store;
        Path root = maildir.root();
        store.close();
        return MaildirMailStore.builder().root(root).build();
    }
}
