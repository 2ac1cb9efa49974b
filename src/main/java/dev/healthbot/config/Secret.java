package dev.healthbot.config;

/** A token or password whose value is never printed: {@link #toString()} shows only its kind. */
public final class Secret {

    private final String value;

    public Secret(String value) {
        this.value = value;
    }

    /** The raw value, for the one place that must send it (the Slack client). */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        int dash = value.indexOf('-');
        return (dash > 0 && dash <= 5 ? value.substring(0, dash + 1) : "") + "***";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
