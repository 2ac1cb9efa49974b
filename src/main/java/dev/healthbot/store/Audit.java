package dev.healthbot.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The log line that goes with every {@code audit_log} row: one line, key=value, naming the actor; stateless. */
final class Audit {

    private static final Logger LOG = LoggerFactory.getLogger("dev.healthbot.audit");

    private Audit() {}

    /** Logs a change; {@code detail} is already masked (it is stored and shown too). */
    static void logged(String actor, String action, String subject, String detail) {
        LOG.info("change actor={} action={} subject={} {}", actor, action, subject, detail);
    }
}
