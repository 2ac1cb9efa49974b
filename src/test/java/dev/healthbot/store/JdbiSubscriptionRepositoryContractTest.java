package dev.healthbot.store;

import dev.healthbot.alert.SubscriptionRepository;
import dev.healthbot.alert.SubscriptionRepositoryContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class JdbiSubscriptionRepositoryContractTest extends SubscriptionRepositoryContract {

    @TempDir
    Path dir;

    Database db;
    JdbiSubscriptionRepository subscriptions;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("healthbot.db"));
        subscriptions = new JdbiSubscriptionRepository(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Override
    protected SubscriptionRepository subscriptions() {
        return subscriptions;
    }
}
