package dev.healthbot.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where probes may go, as CIDR texts read from the environment; immutable.
 *
 * @param deny ranges probes may never reach ({@link #DEFAULT_DENY} unless {@code
 *     HEALTHBOT_DENY_TARGETS} is set; {@code none} empties it)
 * @param allow when not empty, the only ranges probes may reach ({@code HEALTHBOT_ALLOW_TARGETS})
 */
public record TargetRanges(List<String> deny, List<String> allow) {

    public static final String DENY_TARGETS = "HEALTHBOT_DENY_TARGETS";
    public static final String ALLOW_TARGETS = "HEALTHBOT_ALLOW_TARGETS";

    /** Cloud metadata services: the whole IPv4 link-local range, AWS's IPv6 one, IPv6 link-local. */
    public static final List<String> DEFAULT_DENY = List.of("169.254.0.0/16", "fd00:ec2::254/128", "fe80::/10");

    private static final Pattern V4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    public TargetRanges {
        deny = List.copyOf(deny);
        allow = List.copyOf(allow);
    }

    /** The default: metadata services denied, everything else allowed. */
    public static TargetRanges defaults() {
        return new TargetRanges(DEFAULT_DENY, List.of());
    }

    /** Reads both variables, adding one problem per malformed entry to {@code problems}. */
    static TargetRanges fromEnvironment(Map<String, String> env, List<String> problems) {
        String denyText = env.get(DENY_TARGETS);
        List<String> deny;
        if (denyText == null || denyText.isBlank()) {
            deny = DEFAULT_DENY;
        } else if (denyText.strip().equalsIgnoreCase("none")) {
            deny = List.of();
        } else {
            deny = ranges(DENY_TARGETS, denyText, problems);
        }
        String allowText = env.get(ALLOW_TARGETS);
        List<String> allow =
                allowText == null || allowText.isBlank() ? List.of() : ranges(ALLOW_TARGETS, allowText, problems);
        return new TargetRanges(deny, allow);
    }

    private static List<String> ranges(String variable, String text, List<String> problems) {
        List<String> out = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String entry = part.strip();
            if (entry.isEmpty()) {
                continue;
            }
            if (wellFormed(entry)) {
                out.add(entry);
            } else {
                problems.add(variable + " has a malformed range '" + shown(entry)
                        + "': use CIDR ranges separated by commas, like 10.0.0.0/8,fd00::/8");
            }
        }
        return out;
    }

    /**
     * Whether {@code entry} is an IPv4 or IPv6 address with an optional prefix length. Checked by
     * syntax alone (no lookup); the probe's parser accepts exactly these.
     */
    public static boolean wellFormed(String entry) {
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        int bits;
        var v4 = V4.matcher(address);
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) {
                    return false;
                }
            }
            bits = 32;
        } else if (address.indexOf(':') >= 0 && V6.matcher(address).matches()) {
            try {
                // A literal with colons, starting with a hex digit or colon: parsed, never looked up.
                byte[] bytes = java.net.InetAddress.getByName(address).getAddress();
                bits = bytes.length * 8;
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        } else {
            return false;
        }
        if (slash < 0) {
            return true;
        }
        String prefix = entry.substring(slash + 1);
        return prefix.matches("\\d{1,3}") && Integer.parseInt(prefix) <= bits;
    }

    private static String shown(String entry) {
        String s = entry.replaceAll("\\p{Cntrl}", "?");
        return s.length() > 50 ? s.substring(0, 49) + "…" : s;
    }
}
