package dev.healthbot.alert;

class FakeSubscriptionRepositoryContractTest extends SubscriptionRepositoryContract {

    private final FakeSubscriptionRepository subscriptions = new FakeSubscriptionRepository();

    @Override
    protected SubscriptionRepository subscriptions() {
        return subscriptions;
    }
}
