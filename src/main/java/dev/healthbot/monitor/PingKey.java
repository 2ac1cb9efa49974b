package dev.healthbot.monitor;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A heartbeat's secret ping key: 144 random bits from {@link SecureRandom}, URL-safe base64 without
 * padding (24 characters). Immutable; {@link #toString()} and {@link #hint()} show only its first
 * four characters, the only form that may be logged.
 */
public record PingKey(String value) {

    /** Random bytes in a new key: 144 bits, at least the 128 asked for, and a whole number of base64 digits. */
    public static final int BYTES = 18;

    /** The characters a key may hold, as issued; anything else in a ping path is not a key. */
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{22,64}");

    private static final SecureRandom RANDOM = new SecureRandom();

    public PingKey {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("a ping key is 22 to 64 URL-safe characters");
        }
    }

    /** A fresh key from the shared {@link SecureRandom}. */
    public static PingKey generate() {
        byte[] b = new byte[BYTES];
        RANDOM.nextBytes(b);
        return new PingKey(Base64.getUrlEncoder().withoutPadding().encodeToString(b));
    }

    /** True when {@code text} has the form of a key (it may still be unknown). */
    public static boolean wellFormed(String text) {
        return text != null && FORM.matcher(text).matches();
    }

    /** The first four characters and an ellipsis: enough to tell keys apart in a log, useless to ping with. */
    public static String hint(String text) {
        if (text == null || text.isEmpty()) {
            return "-";
        }
        String safe = text.replaceAll("[^A-Za-z0-9_-]", "?");
        return safe.substring(0, Math.min(4, safe.length())) + "…";
    }

    public String hint() {
        return hint(value);
    }

    @Override
    public String toString() {
        return hint();
    }
}
