package dev.healthbot.alert;

import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.Monitor;
import java.util.Objects;

/** What a channel subscribes to: every server, one environment, or one server (by id, so a rename keeps it). */
public sealed interface Selector {

    /** True when a change of this server should reach a channel holding this selector. */
    boolean matches(Monitor monitor);

    /** Every server. */
    record Everything() implements Selector {
        @Override
        public boolean matches(Monitor monitor) {
            return true;
        }
    }

    /** Every server of one environment. */
    record Env(Environment environment) implements Selector {
        public Env {
            Objects.requireNonNull(environment, "environment");
        }

        @Override
        public boolean matches(Monitor monitor) {
            return monitor.settings().environment() == environment;
        }
    }

    /** One server, by id. */
    record Server(long monitorId) implements Selector {
        @Override
        public boolean matches(Monitor monitor) {
            return monitor.id() == monitorId;
        }
    }

    static Selector everything() {
        return new Everything();
    }

    static Selector env(Environment environment) {
        return new Env(environment);
    }

    static Selector server(long monitorId) {
        return new Server(monitorId);
    }
}
