package dev.healthbot.inventory;

import java.util.List;

/** Thrown when the inventory's answer cannot be used; each problem names the place at fault. */
public class InventoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InventoryException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
