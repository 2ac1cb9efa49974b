package dev.healthbot.monitor;

import java.util.List;

/**
 * Port: reads the whole list of servers of one source (the servers file, the inventory URL). {@link
 * #read} never throws: a failure is a {@link Read.Failed} with a short reason that holds no secret.
 * Called from one thread at a time (the source poller).
 */
public interface SourceReader {

    /** The source this reader reads. */
    Origin origin();

    /** Reads the source once. */
    Read read();

    /** The last list was not applied (held back): read it in full next time, even if it did not change. */
    void retryNext();

    /** What one read found. */
    sealed interface Read {
        /** Nothing new to say (the file did not change, or a change is still being written). */
        record Quiet() implements Read {}

        /** The source answered that its list did not change (HTTP 304): it is reachable. */
        record Unchanged() implements Read {}

        /** The source's whole list, valid. */
        record Listed(List<MonitorSettings> servers) implements Read {
            public Listed {
                servers = List.copyOf(servers);
            }
        }

        /** The source failed (timeout, 5xx, invalid document); {@code reason} names the line and field when it can. */
        record Failed(String reason) implements Read {}
    }
}
