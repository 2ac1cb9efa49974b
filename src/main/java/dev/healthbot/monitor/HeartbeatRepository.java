package dev.healthbot.monitor;

import java.util.List;
import java.util.Optional;

/**
 * Port: each heartbeat's key and ping record. Thread-safe; every method is one transaction. A
 * record goes away with its server.
 */
public interface HeartbeatRepository {

    /** Saves the record of a heartbeat that has none; returns the one already saved when there is one. */
    HeartbeatRecord create(HeartbeatRecord fresh);

    /** Replaces the ping fields, the deadline and the key of an existing record; false when its server is gone. */
    boolean save(HeartbeatRecord record);

    Optional<HeartbeatRecord> find(long monitorId);

    /** The record whose key is exactly {@code key}. */
    Optional<HeartbeatRecord> findByKey(String key);

    /** Every record, in one read (to rebuild the deadline index at start). */
    List<HeartbeatRecord> all();

    /** Deletes the record (the server stays, e.g. it became a URL check); false when there was none. */
    boolean delete(long monitorId);
}
