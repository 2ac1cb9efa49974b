package dev.healthbot.store;

/** A backup that could not be written; the message is one line for the operator, with no secret in it. */
public final class BackupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BackupException(String message) {
        super(message);
    }
}
