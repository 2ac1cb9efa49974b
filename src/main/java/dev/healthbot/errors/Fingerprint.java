package dev.healthbot.errors;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How reports are grouped: the type, the message with numbers, ids and hex stripped, and the top
 * in-app frame; an app's own fingerprint wins (Sentry's {@code {{ default }}} inside it stands for
 * healthbot's). Pure and thread-safe.
 */
public final class Fingerprint {

    private static final Pattern UUID =
            Pattern.compile("(?i)\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b");
    private static final Pattern HEX = Pattern.compile(
            "(?i)\\b(0x[0-9a-f]+|[0-9a-f]*[0-9][0-9a-f]*[a-f][0-9a-f]*|[0-9a-f]*[a-f][0-9a-f]*[0-9][0-9a-f]*)\\b");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern STACK_LINE = Pattern.compile("^\\s*at\\s+(.+)$");
    private static final Pattern LINE_COLUMN = Pattern.compile(":\\d+(:\\d+)?");

    private Fingerprint() {}

    /** The group key of a report (32 hex digits). */
    public static String of(ErrorReport r) {
        List<String> parts = new ArrayList<>();
        if (!r.fingerprint().isEmpty()) {
            for (String p : r.fingerprint()) {
                if (p != null && p.strip().equals("{{ default }}")) {
                    parts.addAll(defaults(r));
                } else {
                    parts.add(String.valueOf(p));
                }
            }
        } else {
            parts.addAll(defaults(r));
        }
        return hash(String.join("\n", parts));
    }

    private static List<String> defaults(ErrorReport r) {
        return List.of(r.type() == null ? "" : r.type(), normalise(r.message()), topFrame(r));
    }

    /** The message with UUIDs, hex and numbers replaced, so that "order 123 failed" groups with "order 456 failed". */
    public static String normalise(String message) {
        String m = message == null ? "" : message;
        if (m.length() > 2000) {
            m = m.substring(0, 2000);
        }
        m = UUID.matcher(m).replaceAll("<id>");
        m = HEX.matcher(m).replaceAll("<hex>");
        m = NUMBER.matcher(m).replaceAll("<n>");
        return m.strip();
    }

    /** The frame that best names where the error comes from: the first in-app one, without line numbers. */
    public static String topFrame(ErrorReport r) {
        ErrorReport.Frame chosen = null;
        for (ErrorReport.Frame f : r.frames()) {
            if (Boolean.TRUE.equals(f.inApp())) {
                chosen = f;
                break;
            }
        }
        if (chosen == null) {
            for (ErrorReport.Frame f : r.frames()) {
                if (!Boolean.FALSE.equals(f.inApp())) {
                    chosen = f;
                    break;
                }
            }
        }
        if (chosen != null) {
            return nz(chosen.module()) + "|" + nz(chosen.function()) + "|" + nz(chosen.file());
        }
        if (r.stackText() != null) {
            for (String line : r.stackText().split("\n", 200)) {
                var m = STACK_LINE.matcher(line);
                if (m.matches() && !library(m.group(1))) {
                    return LINE_COLUMN.matcher(m.group(1).strip()).replaceAll("");
                }
            }
        }
        return r.file() == null ? "" : r.file();
    }

    private static boolean library(String frame) {
        return frame.contains("node_modules")
                || frame.startsWith("java.")
                || frame.startsWith("jdk.")
                || frame.startsWith("sun.")
                || frame.startsWith("internal/")
                || frame.startsWith("node:");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
