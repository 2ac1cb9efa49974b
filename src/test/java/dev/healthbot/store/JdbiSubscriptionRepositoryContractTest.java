package dev.healthbot.store;

import dev.healthbot.alert.SubscriptionRepository;
import dev.healthbot.alert.SubscriptionRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiSubscriptionRepositoryContractTest extends SubscriptionRepositoryContract {

    @RegisterExtension
    final SqliteStore store = new SqliteStore();

    @Override
    protected SubscriptionRepository subscriptions() {
        return store.subscriptions;
    }
}
