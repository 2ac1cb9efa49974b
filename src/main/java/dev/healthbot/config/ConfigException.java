package dev.healthbot.config;

import java.util.List;

/** Thrown when the configuration is unusable; its message names every problem and never a secret. */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("; ", problems) + " (see README.md, Configuration)");
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
