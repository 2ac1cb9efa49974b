package dev.healthbot.serversfile;

import java.util.List;

/** Thrown when the servers file cannot be used; each problem names the line and the field at fault. */
public class ServersFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ServersFileException(String file, List<String> problems) {
        super("servers file " + file + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
