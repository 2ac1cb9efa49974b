package dev.healthbot.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 CIDR range such as {@code 169.254.0.0/16} or {@code fe80::/10}; immutable. */
final class AddressRange {

    private static final Pattern V4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    // Hex digits, colons and dots only, starting with a hex digit or a colon: InetAddress then
    // parses it as a literal and never asks DNS.
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*(%[0-9A-Za-z_.-]+)?");

    private final byte[] network;
    private final int prefix;

    private AddressRange(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /**
     * Parses {@code address/prefix} or a bare address (a single host); bits below the prefix are
     * ignored. Throws {@link IllegalArgumentException} with a readable reason.
     */
    static AddressRange parse(String text) {
        String t = text == null ? "" : text.strip();
        int slash = t.indexOf('/');
        String addressText = slash < 0 ? t : t.substring(0, slash);
        InetAddress address = literal(addressText);
        if (address == null || addressText.contains("%")) {
            throw new IllegalArgumentException("not an IP address: " + ProbeSupport.clean(addressText));
        }
        int bits = address.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = t.substring(slash + 1);
            if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > bits) {
                throw new IllegalArgumentException("prefix length must be 0 to " + bits);
            }
            prefix = Integer.parseInt(p);
        }
        byte[] net = address.getAddress();
        for (int i = 0; i < net.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            net[i] &= (byte) (0xFF << (8 - keep));
        }
        return new AddressRange(net, prefix);
    }

    /** The address when {@code host} is an IPv4 (dotted quad) or IPv6 literal, else null; no DNS. */
    static InetAddress literal(String host) {
        if (host == null) {
            return null;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        Matcher v4 = V4.matcher(h);
        if (v4.matches()) {
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                int n = Integer.parseInt(v4.group(i + 1));
                if (n > 255) {
                    return null;
                }
                b[i] = (byte) n;
            }
            try {
                return InetAddress.getByAddress(b);
            } catch (UnknownHostException e) {
                return null;
            }
        }
        if (h.indexOf(':') >= 0 && V6.matcher(h).matches()) {
            try {
                return InetAddress.getByName(h);
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return null;
    }

    boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        for (int i = 0; i < a.length && i * 8 < prefix; i++) {
            int keep = Math.min(8, prefix - i * 8);
            int mask = (0xFF << (8 - keep)) & 0xFF;
            if ((a[i] & mask) != (network[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressRange r && r.prefix == prefix && Arrays.equals(r.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefix;
    }

    /** The canonical form, e.g. {@code 169.254.0.0/16}, {@code fd00:ec2:0:0:0:0:0:254/128}. */
    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress().toLowerCase(Locale.ROOT) + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
