package dev.healthbot.monitor;

/** Thrown when a server name is already used by another server (ignoring case). */
public class NameTakenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NameTakenException(String name) {
        super("a server named " + name + " already exists");
    }
}
