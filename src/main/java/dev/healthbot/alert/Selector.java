package dev.healthbot.alert;

import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.Monitor;
import java.util.Objects;

/**
 * What a channel subscribes to: every server, one environment, one server (by id, so a rename keeps
 * it), or one error source (by id). Error reports reach the channels whose selectors accept the
 * source ({@link #hearsErrors}).
 */
public sealed interface Selector {

    /** True when a change of this server should reach a channel holding this selector. */
    boolean matches(Monitor monitor);

    /** True when the error reports of this source should reach a channel holding this selector. */
    default boolean hearsErrors(long sourceId, Environment environment) {
        if (this instanceof Everything) {
            return true;
        }
        if (this instanceof Env e) {
            return e.environment() == environment;
        }
        return this instanceof ErrorSource s && s.sourceId() == sourceId;
    }

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

    /** One error source, by id; never matches a server. */
    record ErrorSource(long sourceId) implements Selector {
        @Override
        public boolean matches(Monitor monitor) {
            return false;
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

    static Selector errorSource(long sourceId) {
        return new ErrorSource(sourceId);
    }
}
